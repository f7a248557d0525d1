/**
 * How long to wait before trying again after failures in a row: 1 s, 2 s, 4 s, … doubling up to `maxMs`, so a
 * brief outage is retried quickly and a long one does not flood a server that is struggling.
 */
export const BACKOFF_BASE_MS = 1_000;

/** `retry`: 0 for the first retry after a failure, 1 for the second, … */
export function backoffDelay(retry: number, maxMs: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, retry), maxMs);
}
