import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { Db } from '../db/schema';
import { TooManyAttempts } from './ocs';

/**
 * Password guessing slowed down as Nextcloud's brute-force protection does it (lib/private/Security/Bruteforce/
 * Throttler.php): each failed guess in the last 12 hours doubles the wait before the next one is checked
 * (0.2 s, 0.4 s, 0.8 s … up to 25 s), more than 10 failures in 30 minutes refuse further guesses with 429 until
 * they age out, and a right password forgets the failures. Nextcloud counts per IP address; here the account or
 * room guessed at is counted as well, so guesses spread over many addresses still slow down.
 *
 * Failures live in SQLite (auth_failures), not in memory: two processes sharing the database (DESIGN.md, the
 * concurrency tests) must not give a guesser two budgets, and one indexed insert per guess is cheap next to
 * the scrypt it throttles.
 */

export interface ThrottlePolicy {
  /** Failures within `lockWindowMs` from which further guesses are refused with 429 (Nextcloud: 10). */
  maxFailures: number;
  lockWindowMs: number;
  /** Failures within this window set the wait (Nextcloud: 12 h). */
  delayWindowMs: number;
  /** The wait after one failure is twice this (Nextcloud: 0.1 s · 2^failures). */
  firstDelayMs: number;
  maxDelayMs: number;
}

export const NEXTCLOUD_THROTTLE: ThrottlePolicy = {
  maxFailures: 10,
  lockWindowMs: 30 * 60 * 1000,
  delayWindowMs: 12 * 60 * 60 * 1000,
  firstDelayMs: 100,
  maxDelayMs: 25_000,
};

/** What is being guessed: a Nextcloud sign-in, or a room's password at join (Talk's action name). */
export type ThrottledAction = 'login' | 'talkRoomPassword';

export interface ThrottleOptions {
  policy?: ThrottlePolicy;
  /** Milliseconds since the epoch; tests move it. */
  clock?: () => number;
  /** How the throttle waits; never blocks the event loop. */
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The address a guess comes from: the TCP peer, never a header a client can write. IPv6 counts by /64, as
 * Nextcloud does, since one host is usually given a whole /64.
 */
export function clientAddress(c: Context): string {
  let address: string;
  try {
    address = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // No socket behind the request: app.fetch called in-process (the proxy tests' upstream).
    return 'unknown';
  }
  if (address.startsWith('::ffff:') && address.includes('.')) address = address.slice('::ffff:'.length);
  if (!address.includes(':')) return address;
  const groups = expandIpv6(address);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
}

function expandIpv6(address: string): string[] | null {
  const [head, tail, ...rest] = address.split('::');
  if (rest.length > 0) return null;
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return null;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((group) => group.toLowerCase());
}

export class Throttle {
  private readonly policy: ThrottlePolicy;
  private readonly clock: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly db: Db,
    options: ThrottleOptions = {},
  ) {
    this.policy = options.policy ?? NEXTCLOUD_THROTTLE;
    this.clock = options.clock ?? Date.now;
    this.sleep = options.sleep ?? wait;
  }

  /**
   * Runs one guess at a password for `subjects` (e.g. the address and the account): 429 when any of them is over
   * the limit, else waits the delay its settled failures set and runs `check`. A guess counts towards the limit
   * from the moment it arrives (a pending row, dropped if right), so guesses sent at once see each other: the
   * eleventh of 40 concurrent wrong guesses is refused without a hash, and the ten hashed run on the thread
   * pool, not the event loop. Only settled failures set the delay, so sign-ins arriving together are not slowed.
   */
  async attempt(action: ThrottledAction, subjects: string[], check: () => Promise<boolean>): Promise<boolean> {
    const now = this.clock();
    const { maxFailures, lockWindowMs } = this.policy;
    let retryAfterMs = 0;
    for (const subject of subjects) {
      const recent = this.failureTimes(action, subject, now - lockWindowMs);
      // The wait until enough of them age out that this one would be the last allowed.
      if (recent.length >= maxFailures) retryAfterMs = Math.max(retryAfterMs, recent[recent.length - maxFailures]! + lockWindowMs - now);
    }
    if (retryAfterMs > 0) throw new TooManyAttempts(Math.max(1, Math.ceil(retryAfterMs / 1000)));

    const delayMs = Math.max(
      ...subjects.map((subject) => this.delayFor(this.failureTimes(action, subject, now - this.policy.delayWindowMs, { settledOnly: true }).length)),
    );
    const insert = this.db.prepare('INSERT INTO auth_failures (action, subject, occurred_ms, pending) VALUES (?, ?, ?, 1)');
    const ids = subjects.map((subject) => Number(insert.run(action, subject, now).lastInsertRowid));

    let right = false;
    try {
      if (delayMs > 0) await this.sleep(delayMs);
      right = await check();
    } finally {
      const settle = this.db.prepare(right ? 'DELETE FROM auth_failures WHERE id = ?' : 'UPDATE auth_failures SET pending = 0 WHERE id = ?');
      for (const id of ids) settle.run(id);
    }
    if (right) {
      const forget = this.db.prepare('DELETE FROM auth_failures WHERE action = ? AND subject = ? AND pending = 0');
      for (const subject of subjects) forget.run(action, subject);
    }
    return right;
  }

  /** Failures since `since`, oldest first; guesses still being checked count too unless `settledOnly`. */
  private failureTimes(action: ThrottledAction, subject: string, since: number, { settledOnly = false } = {}): number[] {
    return this.db
      .prepare(
        `SELECT occurred_ms FROM auth_failures WHERE action = ? AND subject = ? AND occurred_ms > ?
         ${settledOnly ? 'AND pending = 0' : ''} ORDER BY occurred_ms`,
      )
      .pluck()
      .all(action, subject, since) as number[];
  }

  private delayFor(failures: number): number {
    if (failures === 0) return 0;
    return Math.min(this.policy.maxDelayMs, this.policy.firstDelayMs * 2 ** Math.min(failures, 30));
  }
}

/** Drops failures too old to count for anything under `policy`; the background cleanup calls it. */
export function forgetOldFailures(db: Db, nowMs: number, policy: ThrottlePolicy = NEXTCLOUD_THROTTLE): number {
  const oldest = nowMs - Math.max(policy.delayWindowMs, policy.lockWindowMs);
  return db.prepare('DELETE FROM auth_failures WHERE occurred_ms < ?').run(oldest).changes;
}
