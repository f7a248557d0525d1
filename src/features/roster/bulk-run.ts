/**
 * Running one request per participant for many participants: a few at a time (a moderator acting on 2,000
 * people must not open 2,000 connections, nor wait for them one by one), stoppable between requests, with
 * each outcome kept for the summary. No React here: the hook (useBulkModeration.ts) owns state and words.
 */

/** Requests in flight at once: enough to hide the round trip, few enough not to crowd the server. */
export const BULK_CONCURRENCY = 4;

export interface BulkFailure<T> {
  item: T;
  error: unknown;
}

export interface BulkOutcome<T> {
  done: T[];
  failed: BulkFailure<T>[];
  /** Left out because the run was cancelled before their turn. */
  notStarted: T[];
}

export interface BulkRunOptions {
  concurrency?: number;
  /** Asked before each new request: true stops starting more (those in flight finish). */
  isCancelled?: () => boolean;
  /** After each request settled, with how many have. */
  onSettled?: (settled: number) => void;
}

export async function runBulk<T>(
  items: readonly T[],
  run: (item: T) => Promise<unknown>,
  { concurrency = BULK_CONCURRENCY, isCancelled = () => false, onSettled }: BulkRunOptions = {},
): Promise<BulkOutcome<T>> {
  const outcome: BulkOutcome<T> = { done: [], failed: [], notStarted: [] };
  let next = 0;
  let settled = 0;

  async function worker() {
    while (next < items.length) {
      if (isCancelled()) return;
      const item = items[next++]!;
      try {
        await run(item);
        outcome.done.push(item);
      } catch (error) {
        outcome.failed.push({ item, error });
      }
      settled++;
      onSettled?.(settled);
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  outcome.notStarted = items.slice(next);
  return outcome;
}

export interface ReasonCount {
  reason: string;
  count: number;
}

/** Identical reasons once each, with how often they came, in the order they first came. */
export function groupReasons(reasons: Iterable<string>): ReasonCount[] {
  const counts = new Map<string, number>();
  for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts].map(([reason, count]) => ({ reason, count }));
}
