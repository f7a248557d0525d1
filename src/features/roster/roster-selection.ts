/**
 * The roster's selection as pure functions over keys. The selection itself is a Set of participant keys (UI
 * state, roster-ui-store.ts), so "Select all shown" on 100,000 rows is one pass that fills a Set, and nothing
 * is rendered for rows off screen. Keys of people who left stay in the Set but count for nothing: what is
 * selected is always read through the current rows (`selectedRowsOf`).
 */
import { isViewer, rosterActions, type RosterAction, type RosterRow, type RosterViewer } from './roster-rows';

export type Selection = ReadonlySet<string>;

export const NO_SELECTION: Selection = new Set();

/** Everyone but the viewer can be selected. */
export function isSelectable(row: RosterRow, viewer: RosterViewer): boolean {
  return !isViewer(row, viewer);
}

/** The selected rows that are still in the roster, in the roster's order. */
export function selectedRowsOf(rows: readonly RosterRow[], selection: Selection): RosterRow[] {
  const selected: RosterRow[] = [];
  if (selection.size === 0) return selected;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (selection.has(row.key)) selected.push(row);
  }
  return selected;
}

export type AllShownState = 'checked' | 'mixed' | 'unchecked';

/** "Select all shown": checked when every selectable shown row is selected, mixed when some are. */
export function allShownState(shown: readonly RosterRow[], selection: Selection, viewer: RosterViewer): AllShownState {
  if (selection.size === 0) return 'unchecked';
  let selected = 0;
  let selectable = 0;
  for (let i = 0; i < shown.length; i++) {
    const row = shown[i]!;
    if (!isSelectable(row, viewer)) continue;
    selectable++;
    if (selection.has(row.key)) selected++;
  }
  if (selected === 0) return 'unchecked';
  return selected === selectable ? 'checked' : 'mixed';
}

/** The selection with every selectable shown row added. */
export function withAllShown(selection: Selection, shown: readonly RosterRow[], viewer: RosterViewer): Selection {
  const next = new Set(selection);
  for (let i = 0; i < shown.length; i++) {
    const row = shown[i]!;
    if (isSelectable(row, viewer)) next.add(row.key);
  }
  return next;
}

/** The selection without these rows (the shown ones, say: those hidden by the filters or the search stay selected). */
export function withoutShown(selection: Selection, shown: readonly RosterRow[]): Selection {
  const next = new Set(selection);
  for (let i = 0; i < shown.length; i++) next.delete(shown[i]!.key);
  return next;
}

export function toggled(selection: Selection, key: string, on: boolean): Selection {
  const next = new Set(selection);
  if (on) next.add(key);
  else next.delete(key);
  return next;
}

/** For each bulk action, the selected rows it applies to (as `rosterActions` says for each row). */
export type Applicable = Record<RosterAction, RosterRow[]>;

export function applicableRows(selected: readonly RosterRow[], viewer: RosterViewer): Applicable {
  const applicable: Applicable = { promote: [], demote: [], remove: [] };
  for (const row of selected) {
    for (const action of rosterActions(row, viewer)) applicable[action].push(row);
  }
  return applicable;
}
