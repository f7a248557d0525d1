import type { Db } from './db/schema';
import { forgetOldFailures } from './http/throttle';
import { expireBrowserSessions, expireSilentSessions } from './talk/expiry';
import { TalkRepository } from './talk/repository';

/** How often the demo server deletes what has ended, besides once at startup. */
export const CLEANUP_INTERVAL_MS = 60 * 1000;

export interface Swept {
  browserSessions: number;
  authFailures: number;
}

/**
 * Deletes what has ended, so that anonymous clients cannot grow the database without limit: Talk sessions
 * silent for 100 s (requests also end them, but only when requests come), browser sessions past their
 * lifetime with their sessions and the guests who held them, and guessing failures too old to count.
 */
export function sweepExpired(db: Db, nowMs: number): Swept {
  const repository = new TalkRepository(db);
  const now = Math.floor(nowMs / 1000);
  return db
    .transaction(() => {
      expireSilentSessions(repository, now);
      return { browserSessions: expireBrowserSessions(repository, now), authFailures: forgetOldFailures(db, nowMs) };
    })
    .immediate();
}

/** Sweeps now and then every CLEANUP_INTERVAL_MS, without keeping the process alive; returns the stop. */
export function startCleanup(db: Db, clock: () => number = Date.now): () => void {
  const sweep = () => {
    try {
      sweepExpired(db, clock());
    } catch (error) {
      // A busy database (another process holding the lock past busy_timeout) is retried at the next tick.
      console.error('rollcall: cleanup failed, retrying later:', (error as Error).message);
    }
  };
  sweep();
  const timer = setInterval(sweep, CLEANUP_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
