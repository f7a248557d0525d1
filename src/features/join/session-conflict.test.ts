import { describe, expect, it } from 'vitest';
import { decideSessionConflict, type ConflictingSession } from './session-conflict';

const NOW = 1_800_000_000;

function conflict(overrides: Partial<ConflictingSession>): ConflictingSession {
  return { sessionId: 'other', inCall: 0, lastPing: NOW, ...overrides };
}

describe('decideSessionConflict', () => {
  it.each([
    // not in a call: 40 s
    [0, 0, 'ask'],
    [0, 39, 'ask'],
    [0, 40, 'ask'],
    [0, 40.001, 'force'],
    [0, 41, 'force'],
    [0, 3600, 'force'],
    // in a call (any flag): 60 s
    [1, 41, 'ask'],
    [1, 60, 'ask'],
    [1, 60.5, 'force'],
    [1, 61, 'force'],
    [7, 59, 'ask'],
    [7, 61, 'force'],
  ] as const)('inCall %i, last ping %d s ago: %s', (inCall, age, decision) => {
    expect(decideSessionConflict(conflict({ inCall, lastPing: NOW - age }), { nowSeconds: NOW, ownSessionId: null })).toBe(
      decision,
    );
  });

  it('works with the fractional seconds of Date.now() / 1000', () => {
    const now = NOW + 0.999;
    expect(decideSessionConflict(conflict({ lastPing: NOW - 40 }), { nowSeconds: now, ownSessionId: null })).toBe('force');
    expect(decideSessionConflict(conflict({ lastPing: NOW - 39 }), { nowSeconds: now, ownSessionId: null })).toBe('ask');
  });

  it("force-joins silently when the other session is this tab's own, however fresh", () => {
    const fresh = conflict({ sessionId: 'mine', inCall: 1, lastPing: NOW });
    expect(decideSessionConflict(fresh, { nowSeconds: NOW, ownSessionId: 'mine' })).toBe('force');
    expect(decideSessionConflict(fresh, { nowSeconds: NOW, ownSessionId: 'an-older-one' })).toBe('ask');
  });

  it('asks about a session whose clock runs ahead (a last ping in the future)', () => {
    expect(decideSessionConflict(conflict({ lastPing: NOW + 30 }), { nowSeconds: NOW, ownSessionId: null })).toBe('ask');
  });
});
