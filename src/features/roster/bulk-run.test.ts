import { describe, expect, it } from 'vitest';
import { groupReasons, runBulk } from './bulk-run';

/** A request that settles when the test says so. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('runBulk', () => {
  it('keeps at most `concurrency` requests in flight and reports each outcome', async () => {
    const calls = new Map<number, ReturnType<typeof deferred>>();
    let inFlight = 0;
    let most = 0;
    const settled: number[] = [];
    const running = runBulk(
      [1, 2, 3, 4, 5, 6],
      (item) => {
        const call = deferred();
        calls.set(item, call);
        inFlight++;
        most = Math.max(most, inFlight);
        return call.promise.finally(() => inFlight--);
      },
      { concurrency: 2, onSettled: (count) => settled.push(count) },
    );
    await tick();
    expect([...calls.keys()]).toEqual([1, 2]);
    calls.get(2)!.reject(new Error('no'));
    await tick();
    expect([...calls.keys()]).toEqual([1, 2, 3]);
    for (const item of [1, 3, 4, 5, 6]) {
      await tick();
      calls.get(item)!.resolve();
    }
    const outcome = await running;
    expect(most).toBe(2);
    expect(outcome.done.sort()).toEqual([1, 3, 4, 5, 6]);
    expect(outcome.failed).toEqual([{ item: 2, error: new Error('no') }]);
    expect(outcome.notStarted).toEqual([]);
    expect(settled).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('starts nothing new once cancelled, and lets those in flight finish', async () => {
    let cancelled = false;
    const started: number[] = [];
    const outcome = await runBulk(
      [1, 2, 3, 4, 5],
      async (item) => {
        started.push(item);
        if (item === 2) cancelled = true;
        await tick();
      },
      { concurrency: 2, isCancelled: () => cancelled },
    );
    expect(started).toEqual([1, 2]);
    expect(outcome.done).toEqual([1, 2]);
    expect(outcome.notStarted).toEqual([3, 4, 5]);
  });

  it('handles nothing to do', async () => {
    expect(await runBulk([], () => Promise.resolve())).toEqual({ done: [], failed: [], notStarted: [] });
  });
});

describe('groupReasons', () => {
  it('counts identical reasons, in first-seen order', () => {
    expect(groupReasons(['b', 'a', 'b', 'b'])).toEqual([
      { reason: 'b', count: 3 },
      { reason: 'a', count: 1 },
    ]);
  });
});
