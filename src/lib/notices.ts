/**
 * Notices: what an action did, said once it is done, some with a way back ("Undo"). Several may stand at once;
 * each goes by itself after a while. UI state only: a notice holds words and, for undo, the function that
 * restores the previous state through the API (written by the feature that did the change).
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

export interface Notice {
  id: number;
  message: string;
  undo: UndoAction | null;
  state: NoticeState;
  /** Epoch ms when it goes by itself; it stays while the person is on it (focus or pointer). */
  expiresAt: number;
}

export interface NewNotice {
  message: string;
  undo?: UndoAction | null;
}

/** A notice with "Undo" stays at least this long: long enough to read it, reach the button and press it. */
export const UNDO_NOTICE_MS = 15_000;
/** A notice without anything to press. */
export const PLAIN_NOTICE_MS = 6_000;
/** Fewer on screen than that: the oldest go first. */
const MAX_NOTICES = 5;

interface NoticesStore {
  notices: Notice[];
  push: (notice: NewNotice) => number;
  dismiss: (id: number) => void;
  undo: (id: number) => Promise<void>;
  /** Keeps a notice for another full stretch (the person is reading or about to press it). */
  hold: (id: number) => void;
}

let nextId = 1;

export const useNotices = create<NoticesStore>()((set, get) => {
  const update = (id: number, change: Partial<Notice>) =>
    set((state) => ({ notices: state.notices.map((notice) => (notice.id === id ? { ...notice, ...change } : notice)) }));

  return {
    notices: [],
    push: ({ message, undo = null }) => {
      const id = nextId++;
      const expiresAt = Date.now() + (undo ? UNDO_NOTICE_MS : PLAIN_NOTICE_MS);
      set((state) => ({
        notices: [...state.notices, { id, message, undo, state: 'shown' as const, expiresAt }].slice(-MAX_NOTICES),
      }));
      return id;
    },
    dismiss: (id) => set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) })),
    hold: (id) => {
      const notice = get().notices.find((candidate) => candidate.id === id);
      if (notice) update(id, { expiresAt: Date.now() + (notice.undo ? UNDO_NOTICE_MS : PLAIN_NOTICE_MS) });
    },
    undo: async (id) => {
      const notice = get().notices.find((candidate) => candidate.id === id);
      if (!notice?.undo || notice.state !== 'shown') return;
      const { undo } = notice;
      update(id, { state: 'undoing', expiresAt: Number.POSITIVE_INFINITY });
      try {
        await undo.run();
        update(id, { state: 'undone', message: undo.doneMessage, expiresAt: Date.now() + PLAIN_NOTICE_MS });
      } catch (error) {
        update(id, { state: 'undo-failed', message: undo.describeFailure(error), expiresAt: Date.now() + UNDO_NOTICE_MS });
      }
    },
  };
});

/** Says what happened, with an "Undo" button when `undo` is given. Callable from anywhere (hooks, callbacks). */
export function pushNotice(notice: NewNotice): number {
  return useNotices.getState().push(notice);
}
