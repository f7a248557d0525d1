import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('waits 1 s before the first retry and doubles the wait for each failure after it', () => {
    expect([0, 1, 2, 3].map((retry) => backoffDelay(retry, 60_000))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('never waits longer than the limit', () => {
    expect(backoffDelay(3, 5_000)).toBe(5_000);
    expect(backoffDelay(40, 15_000)).toBe(15_000);
  });

  it('treats a negative count as the first retry', () => {
    expect(backoffDelay(-1, 10_000)).toBe(1_000);
  });
});
