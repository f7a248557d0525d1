/**
 * When the roster asks the server for the whole list again. A list is the most expensive request rollcall makes
 * (a 10,000-person roster: ~200–280 ms of the server's time and 0.85–2.3 MB gzip), while the conversation itself
 * is a few KB and is polled anyway to keep role, lobby and type current. Talk posts a system message into the
 * chat for every participant change (added, removed, promoted, demoted, the lobby), and each message moves the
 * conversation's `lastActivity`: that cheap request is the hint that the roster changed.
 *
 * - Small rosters (< SMALL_ROSTER) are also polled every ~10 s: presence (online, in the call, statuses) posts
 *   no system message, and at this size a list is cheap.
 * - Large rosters refetch on the hint, when the tab regains focus and after the viewer's own actions, and
 *   otherwise only every few minutes: on them, presence is that slow. The hint is rate-limited, because every
 *   chat message moves `lastActivity` too: a busy chat must not refetch 10,000 rows every 10 s.
 */

/** Below this many people the roster is polled for presence; Talk also stops sending statuses at 1,000. */
export const SMALL_ROSTER = 1_000;

export const SMALL_ROSTER_POLL_MS = 10_000;

/**
 * Large rosters: at least 3 minutes, and 3 more for every 10,000 people. For 10,000 that is one list every 3 min:
 * 0.8 MB and 0.07 s of server time a minute on the demo (2.3 MB gzip, ~200 ms), 0.3 MB and 0.1 s on Talk 19
 * (845 KB, ~280 ms): within 2 MB and 0.6 s with room to spare for the conversation's own polling.
 */
const LARGE_ROSTER_MIN_POLL_MS = 180_000;
const LARGE_ROSTER_POLL_MS_PER_PERSON = 18;

/**
 * The least time between two lists of a large roster when the hint asks for one: with the conversation polled
 * every ~10 s, a change made elsewhere shows within ~40 s (the target is 60 s), and a busy chat costs at most two
 * lists a minute.
 */
export const LARGE_ROSTER_HINT_GAP_MS = 30_000;

/** How often a roster of `size` people is polled while the page is visible. */
export function rosterPollInterval(size: number): number {
  if (size < SMALL_ROSTER) return SMALL_ROSTER_POLL_MS;
  return Math.max(LARGE_ROSTER_MIN_POLL_MS, size * LARGE_ROSTER_POLL_MS_PER_PERSON);
}

/**
 * How long to wait before refetching a roster of `size` people, listed at `listedAt`, when the conversation says
 * something happened: 0 for at once.
 */
export function hintRefetchDelay(size: number, listedAt: number, now: number): number {
  if (size < SMALL_ROSTER) return 0;
  return Math.max(0, listedAt + LARGE_ROSTER_HINT_GAP_MS - now);
}
