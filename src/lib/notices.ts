/**
 * Notices: what an action did, said once it is done, some with a way back ("Undo"). Several may stand at once;
 * each goes by itself after a while, but never while the person is on it (focus or pointer) or while its undo
 * runs. UI state only: a notice holds words and, for undo, the function that restores the previous state
 * through the API (written by the feature that did the change).
 */
import { create } from 'zustand';

export interface UndoAction {
  /** Restores what the action changed. Rejects with the server's refusal when that is no longer possible. */
  run: () => Promise<void>;
  /** What the notice says once the undo worked, e.g. "Bob is a moderator again." */
  doneMessage: string;
  /** Turns a failed undo into words (the caller knows the context the error map needs). */
  describeFailure: (error: unknown) => string;
}

export type NoticeState = 'shown' | 'undoing' | 'undone' | 'undo-failed';

/** What keeps a notice on screen past its time: the keyboard focus in it, or the pointer over it. */
export type NoticeHold = 'focus' | 'pointer';

export interface Notice {
  id: number;
  message: string;
  undo: UndoAction | null;
  state: NoticeState;
  /** Epoch ms when it goes by itself; infinite while held or undoing. */
  expiresAt: number;
  heldBy: readonly NoticeHold[];
}

export interface NewNotice {
  message: string;
  undo?: UndoAction | null;
}

/** A notice with "Undo" stays at least this long: long enough to read it, reach the button and press it. */
export const UNDO_NOTICE_MS = 15_000;
/** A notice without anything to press. */
export const PLAIN_NOTICE_MS = 6_000;
/** No more than this many on screen: the oldest go first. */
export const MAX_NOTICES = 5;

interface NoticesStore {
  notices: Notice[];
  push: (notice: NewNotice) => number;
  dismiss: (id: number) => void;
  undo: (id: number) => Promise<void>;
  /** The person is on the notice: it stays until every hold is released. */
  hold: (id: number, by: NoticeHold) => void;
  /** The person left it: it goes after another full stretch, so it does not vanish the moment they look away. */
  release: (id: number, by: NoticeHold) => void;
  /** Those whose time is up at `now` go. */
  expire: (now: number) => void;
}

/** How long a notice in this state stays once nobody holds it. */
function lifetime(notice: Pick<Notice, 'undo' | 'state'>): number {
  const canStillUndo = notice.undo !== null && notice.state === 'shown';
  // A refusal needs reading time like an offer does.
  return canStillUndo || notice.state === 'undo-failed' ? UNDO_NOTICE_MS : PLAIN_NOTICE_MS;
}

function expiryOf(notice: Pick<Notice, 'undo' | 'state' | 'heldBy'>, now: number): number {
  if (notice.heldBy.length > 0 || notice.state === 'undoing') return Number.POSITIVE_INFINITY;
  return now + lifetime(notice);
}

/** Drops the oldest beyond the limit, sparing those the person is on or whose undo is running while others can go. */
function withinLimit(notices: Notice[]): Notice[] {
  const kept = [...notices];
  while (kept.length > MAX_NOTICES) {
    const spare = kept.findIndex((notice) => notice.heldBy.length === 0 && notice.state !== 'undoing');
    kept.splice(spare === -1 ? 0 : spare, 1);
  }
  return kept;
}

let nextId = 1;

export const useNotices = create<NoticesStore>()((set, get) => {
  const update = (id: number, change: (notice: Notice) => Partial<Notice>) =>
    set((state) => ({
      notices: state.notices.map((notice) => {
        if (notice.id !== id) return notice;
        const changed = { ...notice, ...change(notice) };
        return { ...changed, expiresAt: expiryOf(changed, Date.now()) };
      }),
    }));

  return {
    notices: [],
    push: ({ message, undo = null }) => {
      const id = nextId++;
      const notice: Notice = { id, message, undo, state: 'shown', heldBy: [], expiresAt: 0 };
      notice.expiresAt = expiryOf(notice, Date.now());
      set((state) => ({ notices: withinLimit([...state.notices, notice]) }));
      return id;
    },
    dismiss: (id) => set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) })),
    hold: (id, by) => update(id, (notice) => ({ heldBy: notice.heldBy.includes(by) ? notice.heldBy : [...notice.heldBy, by] })),
    release: (id, by) => update(id, (notice) => ({ heldBy: notice.heldBy.filter((hold) => hold !== by) })),
    expire: (now) => set((state) => ({ notices: state.notices.filter((notice) => notice.expiresAt > now) })),
    undo: async (id) => {
      const notice = get().notices.find((candidate) => candidate.id === id);
      if (!notice?.undo || notice.state !== 'shown') return;
      const { undo } = notice;
      update(id, () => ({ state: 'undoing' }));
      try {
        await undo.run();
        update(id, () => ({ state: 'undone', message: undo.doneMessage }));
      } catch (error) {
        update(id, () => ({ state: 'undo-failed', message: undo.describeFailure(error) }));
      }
    },
  };
});

/** Says what happened, with an "Undo" button when `undo` is given. Callable from anywhere (hooks, callbacks). */
export function pushNotice(notice: NewNotice): number {
  return useNotices.getState().push(notice);
}
