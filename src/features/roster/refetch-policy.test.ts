import { describe, expect, it } from 'vitest';
import { LARGE_ROSTER_HINT_GAP_MS, SMALL_ROSTER, SMALL_ROSTER_POLL_MS, hintRefetchDelay, rosterPollInterval } from './refetch-policy';

const MINUTE = 60_000;

describe('rosterPollInterval', () => {
  it('polls rosters under 1,000 people every 10 s, so presence stays current', () => {
    expect(rosterPollInterval(0)).toBe(SMALL_ROSTER_POLL_MS);
    expect(rosterPollInterval(999)).toBe(10_000);
  });

  it('polls rosters of 1,000 and more every few minutes, longer the longer they are', () => {
    expect(rosterPollInterval(SMALL_ROSTER)).toBe(3 * MINUTE);
    expect(rosterPollInterval(10_000)).toBe(3 * MINUTE);
    expect(rosterPollInterval(100_000)).toBe(30 * MINUTE);
  });

  it('keeps an unchanged 10,000 roster within 2 MB and 0.6 s of server time a minute, on the demo and on Talk 19', () => {
    const listsPerMinute = MINUTE / rosterPollInterval(10_000);
    // A 10,000 list: demo 2.3 MB gzip and ~200 ms; Talk 19 845 KB gzip and ~280 ms (TALK-FACTS.md).
    expect(listsPerMinute * 2_300_000).toBeLessThanOrEqual(2_000_000);
    expect(listsPerMinute * 0.28).toBeLessThanOrEqual(0.6);
  });
});

describe('hintRefetchDelay', () => {
  const now = 1_000_000;

  it('refetches a small roster at once when the conversation says something happened', () => {
    expect(hintRefetchDelay(12, now - 1_000, now)).toBe(0);
  });

  it('refetches a large roster at once when its list is older than the least gap', () => {
    expect(hintRefetchDelay(10_000, now - LARGE_ROSTER_HINT_GAP_MS, now)).toBe(0);
    expect(hintRefetchDelay(10_000, now - 5 * MINUTE, now)).toBe(0);
  });

  it('holds a large roster until the least gap has passed since its list, so a busy chat cannot make it refetch every poll', () => {
    expect(hintRefetchDelay(10_000, now - 10_000, now)).toBe(LARGE_ROSTER_HINT_GAP_MS - 10_000);
    expect(hintRefetchDelay(10_000, now, now)).toBe(LARGE_ROSTER_HINT_GAP_MS);
  });

  it('shows a change on a large roster within 60 s of the hint, the target for rosters above 1,000', () => {
    expect(hintRefetchDelay(100_000, now, now)).toBeLessThanOrEqual(60_000);
  });
});
