import { useCallback, useLayoutEffect, useRef, type FocusEvent } from 'react';
import type { RosterRow } from './roster-rows';

export interface FocusRecovery {
  /** Call when a row (or its button) takes focus. */
  noteFocused: (key: string) => void;
  /** The list's `onBlur`. */
  onBlur: (event: FocusEvent<HTMLElement>) => void;
}

/**
 * A removed row takes focus with it (the browser drops it on the body). While focus is in the list, this
 * remembers which row has it; when that row leaves the rows (removed, filtered out) with the focus, focus goes
 * to the row now at the active place, through `focusRow`. Its layout effect must run before the one that
 * focuses rows, so that both happen in the same commit: call it before that one is declared.
 */
export function useFocusRecovery(
  rows: readonly RosterRow[],
  activeIndex: number,
  focusRow: (key: string) => void,
): FocusRecovery {
  /** The row that had focus, while focus is in the list. */
  const focusedKeyRef = useRef<string | null>(null);

  useLayoutEffect(() => {
    const focusedKey = focusedKeyRef.current;
    if (focusedKey === null || activeIndex < 0) return;
    const focusIsLost = document.activeElement === null || document.activeElement === document.body;
    const rowInPlace = rows[activeIndex];
    if (focusIsLost && rowInPlace && rowInPlace.key !== focusedKey && !rows.some((row) => row.key === focusedKey)) {
      focusRow(rowInPlace.key);
    }
  }, [rows, activeIndex, focusRow]);

  const noteFocused = useCallback((key: string) => {
    focusedKeyRef.current = key;
  }, []);

  const onBlur = useCallback((event: FocusEvent<HTMLElement>) => {
    // Focus went somewhere else on purpose; a removed row gives no related target, and is handled above.
    const next = event.relatedTarget;
    if (next instanceof Node && !event.currentTarget.contains(next)) focusedKeyRef.current = null;
  }, []);

  return { noteFocused, onBlur };
}
