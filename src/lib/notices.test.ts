import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_NOTICES, PLAIN_NOTICE_MS, UNDO_NOTICE_MS, pushNotice, useNotices, type UndoAction } from './notices';

const NOW = new Date('2026-12-02T12:00:00Z').getTime();
const store = () => useNotices.getState();
const only = () => {
  const [notice] = store().notices;
  if (!notice || store().notices.length !== 1) throw new Error(`expected one notice, got ${store().notices.length}`);
  return notice;
};

function undoAction(run: () => Promise<void>): UndoAction {
  return { run, doneMessage: 'Bob is a member again.', describeFailure: (error) => `Could not undo: ${String(error)}` };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  useNotices.setState({ notices: [] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('notices', () => {
  it('keeps a notice with Undo for 15 s, a plain one for 6 s', () => {
    pushNotice({ message: 'Bob is now a moderator.', undo: undoAction(async () => undefined) });
    pushNotice({ message: 'Grace was removed from the conversation.' });
    const [withUndo, plain] = store().notices;
    expect(withUndo).toMatchObject({ message: 'Bob is now a moderator.', state: 'shown', expiresAt: NOW + UNDO_NOTICE_MS });
    expect(UNDO_NOTICE_MS).toBeGreaterThanOrEqual(10_000);
    expect(plain).toMatchObject({ undo: null, expiresAt: NOW + PLAIN_NOTICE_MS });

    store().expire(NOW + PLAIN_NOTICE_MS);
    expect(only().message).toBe('Bob is now a moderator.');
    store().expire(NOW + UNDO_NOTICE_MS - 1);
    expect(store().notices).toHaveLength(1);
    store().expire(NOW + UNDO_NOTICE_MS);
    expect(store().notices).toHaveLength(0);
  });

  it('does not let a notice go while it is held by focus or pointer, and gives it a full stretch after', () => {
    const id = pushNotice({ message: 'Bob is now a moderator.', undo: undoAction(async () => undefined) });
    store().hold(id, 'focus');
    store().hold(id, 'pointer');
    store().expire(NOW + 60_000);
    expect(only().heldBy).toEqual(['focus', 'pointer']);

    vi.setSystemTime(NOW + 60_000);
    store().release(id, 'pointer');
    store().expire(NOW + 120_000);
    expect(store().notices).toHaveLength(1);
    store().release(id, 'focus');
    expect(only().expiresAt).toBe(NOW + 60_000 + UNDO_NOTICE_MS);
  });

  it('undoes: progress while it runs, then the done words', async () => {
    let finish = () => {};
    const run = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const id = pushNotice({ message: 'Bob is now a moderator.', undo: undoAction(run) });

    const undoing = store().undo(id);
    expect(only()).toMatchObject({ state: 'undoing', expiresAt: Number.POSITIVE_INFINITY });
    // A second press while it runs does nothing.
    void store().undo(id);
    expect(run).toHaveBeenCalledTimes(1);
    finish();
    await undoing;
    expect(only()).toMatchObject({ state: 'undone', message: 'Bob is a member again.', expiresAt: NOW + PLAIN_NOTICE_MS });
    void store().undo(id);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('says the refusal when the undo fails, and leaves time to read it', async () => {
    const id = pushNotice({ message: 'Bob is now a moderator.', undo: undoAction(() => Promise.reject(new Error('gone'))) });
    await store().undo(id);
    expect(only()).toMatchObject({ state: 'undo-failed', message: 'Could not undo: Error: gone', expiresAt: NOW + UNDO_NOTICE_MS });
  });

  it('keeps at most five, dropping the oldest the person is not on', () => {
    const first = pushNotice({ message: 'first' });
    store().hold(first, 'focus');
    for (let index = 2; index <= MAX_NOTICES + 1; index++) pushNotice({ message: `notice ${index}` });
    expect(store().notices.map((notice) => notice.message)).toEqual(['first', 'notice 3', 'notice 4', 'notice 5', 'notice 6']);
  });

  it('dismisses one notice', () => {
    const id = pushNotice({ message: 'one' });
    pushNotice({ message: 'two' });
    store().dismiss(id);
    expect(only().message).toBe('two');
  });
});
