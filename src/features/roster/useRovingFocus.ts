import {
  useCallback,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import type { RosterRow } from './roster-rows';
import { useFocusRecovery } from './useFocusRecovery';

interface ActiveRow {
  key: string;
  /** Where it was, so that focus stays near when the row itself goes (removed, filtered out). */
  index: number;
}

export interface RovingFocusOptions {
  rows: readonly RosterRow[];
  listRef: RefObject<HTMLUListElement | null>;
  /** Brings the row at `index` into the rendered rows (the list is virtualised). */
  scrollToIndex: (index: number) => void;
  /** How many rows the list shows at once, for PageUp/PageDown. */
  visibleRowCount: () => number;
}

export interface RovingFocus {
  /** The index of the list's tab stop; -1 when there are no rows. Keep this row rendered. */
  activeIndex: number;
  /** Spread on the list. */
  listProps: {
    onKeyDown: (event: KeyboardEvent<HTMLUListElement>) => void;
    onFocus: (event: FocusEvent<HTMLUListElement>) => void;
    onBlur: (event: FocusEvent<HTMLUListElement>) => void;
  };
}

/**
 * The list is one tab stop, the active row (roving tabindex). ArrowUp/ArrowDown/Home/End/PageUp/PageDown move
 * between rows: the row is scrolled into the rendered rows first, then focused once it is in the DOM. A click
 * on a row or its button makes that row the tab stop. The active row is followed by its key, so it stays the
 * same participant while rows come and go; if it goes itself, the row now in its place takes over.
 */
export function useRovingFocus({ rows, listRef, scrollToIndex, visibleRowCount }: RovingFocusOptions): RovingFocus {
  const [active, setActive] = useState<ActiveRow | null>(null);
  /** A row to focus once it is rendered (after a keyboard move, or when the focused row went). */
  const pendingFocusRef = useRef<string | null>(null);

  const activeIndex = useMemo(() => {
    if (rows.length === 0) return -1;
    if (!active) return 0;
    // Once per change of rows or of the active row, not per scroll frame.
    const index = rows[active.index]?.key === active.key ? active.index : rows.findIndex((row) => row.key === active.key);
    return index !== -1 ? index : Math.min(active.index, rows.length - 1);
  }, [rows, active]);

  const focusWhenRendered = useCallback((key: string) => {
    pendingFocusRef.current = key;
  }, []);
  const recovery = useFocusRecovery(rows, activeIndex, focusWhenRendered);

  useLayoutEffect(() => {
    const key = pendingFocusRef.current;
    if (key === null || activeIndex < 0) return;
    if (rows[activeIndex]?.key !== key) {
      pendingFocusRef.current = null;
      return;
    }
    const element = listRef.current?.querySelector<HTMLElement>(`li[data-index="${activeIndex}"]`);
    if (element) {
      pendingFocusRef.current = null;
      // The virtualiser already scrolled the row into view of the list; the browser must not scroll again on
      // its own. The list may itself reach below the window, though: scroll the page just enough to show the row.
      element.focus({ preventScroll: true });
      element.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  });

  function moveTo(index: number) {
    const row = rows[index];
    if (!row) return;
    scrollToIndex(index);
    pendingFocusRef.current = row.key;
    setActive({ key: row.key, index });
  }

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    // Keys pressed on the actions button belong to the button (ArrowDown opens its menu).
    const target = event.target as HTMLElement;
    if (target.tagName !== 'LI' || target.dataset.index === undefined || activeIndex < 0) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const last = rows.length - 1;
    const page = Math.max(1, visibleRowCount() - 1);
    let next: number;
    switch (event.key) {
      case 'ArrowDown':
        next = Math.min(activeIndex + 1, last);
        break;
      case 'ArrowUp':
        next = Math.max(activeIndex - 1, 0);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = last;
        break;
      case 'PageDown':
        next = Math.min(activeIndex + page, last);
        break;
      case 'PageUp':
        next = Math.max(activeIndex - page, 0);
        break;
      default:
        return;
    }
    event.preventDefault();
    moveTo(next);
  }

  function onFocus(event: FocusEvent<HTMLUListElement>) {
    // A click on a row or its button makes that row the list's tab stop.
    const item = (event.target as HTMLElement).closest<HTMLElement>('li[data-index]');
    const index = Number(item?.dataset.index);
    const row = rows[index];
    if (!row) return;
    recovery.noteFocused(row.key);
    if (active?.key === row.key && active.index === index) return;
    setActive({ key: row.key, index });
  }

  return { activeIndex, listProps: { onKeyDown, onFocus, onBlur: recovery.onBlur } };
}
