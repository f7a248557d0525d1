import { useCallback, useDeferredValue, useMemo } from 'react';
import type { RosterRow, RosterViewer } from './roster-rows';
import {
  allShownState,
  NO_SELECTION,
  selectedRowsOf,
  toggled,
  withAllShown,
  withoutRows,
  type AllShownState,
  type Selection,
} from './roster-selection';
import { useRosterUi } from './roster-ui-store';

export interface RosterSelection {
  /** The selection, also of people who left: ask it about rows (isSelected), count `selected`. */
  keys: Selection;
  /** The selected rows still in the roster, in its order. */
  selected: RosterRow[];
  allShown: AllShownState;
  /** Stable: the rows are memoised on it. */
  toggle: (row: RosterRow, on: boolean) => void;
  toggleAllShown: () => void;
  unselect: (rows: readonly RosterRow[]) => void;
  clear: () => void;
}

/**
 * The selection of one conversation's roster: in UI state by key ordinal (so it survives refetches), read through the
 * current rows (so people who left drop out of it).
 */
export function useRosterSelection(
  token: string,
  allRows: readonly RosterRow[],
  shown: readonly RosterRow[],
  viewer: RosterViewer,
): RosterSelection {
  const keys = useRosterUi((state) => state.selections[token] ?? NO_SELECTION);
  const setSelection = useRosterUi((state) => state.setSelection);
  // The checkboxes read `keys` at once, so a click shows in the same frame; gathering the selected rows can walk
  // 100,000 of them, so the toolbar may trail by a frame.
  const deferredKeys = useDeferredValue(keys);
  const selected = useMemo(() => selectedRowsOf(allRows, deferredKeys), [allRows, deferredKeys]);
  const allShown = useMemo(() => allShownState(shown, keys, viewer), [shown, keys, viewer]);
  const toggle = useCallback(
    (row: RosterRow, on: boolean) => setSelection(token, (selection) => toggled(selection, row, on)),
    [setSelection, token],
  );
  return {
    keys,
    selected,
    allShown,
    toggle,
    toggleAllShown: () =>
      setSelection(token, (selection) =>
        allShown === 'checked' ? withoutRows(selection, shown) : withAllShown(selection, shown, viewer),
      ),
    unselect: (rows) => setSelection(token, (selection) => withoutRows(selection, rows)),
    clear: () => setSelection(token, () => NO_SELECTION),
  };
}
