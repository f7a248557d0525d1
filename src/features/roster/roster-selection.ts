/**
 * The roster's selection as pure functions. A selection is a bitmap over the rows' ordinals (one byte per
 * participant key seen, `RosterRow.ordinal`), kept in UI state (roster-ui-store.ts): it survives refetches
 * because ordinals follow keys, and "Select all shown" on 100,000 rows is one pass setting bytes, with nothing
 * rendered for rows off screen. (A Set of 100,000 key strings took ten times as long to fill.) People who left
 * keep their byte but count for nothing: what is selected is always read through the current rows
 * (`selectedRowsOf`).
 */
import { permissionActions, type PermissionAction } from './permission-actions';
import { isViewer, ordinalCount, rosterActions, type ModerationAction, type RosterAction, type RosterRow, type RosterViewer } from './roster-rows';

export interface Selection {
  /** 1 where the row of that ordinal is selected. Never changed once made: changes make a new selection. */
  readonly bits: Uint8Array;
  /** How many bytes are 1 (people who left included). */
  readonly count: number;
}

export const NO_SELECTION: Selection = { bits: new Uint8Array(0), count: 0 };

export function isSelected(selection: Selection, row: RosterRow): boolean {
  return selection.bits[row.ordinal] === 1;
}

/** Everyone but the viewer can be selected. */
export function isSelectable(row: RosterRow, viewer: RosterViewer): boolean {
  return !isViewer(row, viewer);
}

/** A copy of the bitmap, long enough for every ordinal given so far. */
function copyBits(selection: Selection): Uint8Array {
  const bits = new Uint8Array(Math.max(ordinalCount(), selection.bits.length));
  bits.set(selection.bits);
  return bits;
}

/** The selected rows that are still in the roster, in the roster's order. */
export function selectedRowsOf(rows: readonly RosterRow[], selection: Selection): RosterRow[] {
  const selected: RosterRow[] = [];
  if (selection.count === 0) return selected;
  const { bits } = selection;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (bits[row.ordinal] === 1) selected.push(row);
  }
  return selected;
}

export type AllShownState = 'checked' | 'mixed' | 'unchecked';

/** "Select all shown": checked when every selectable shown row is selected, mixed when some are. */
export function allShownState(shown: readonly RosterRow[], selection: Selection, viewer: RosterViewer): AllShownState {
  if (selection.count === 0) return 'unchecked';
  const { bits } = selection;
  let selected = 0;
  let selectable = 0;
  for (let i = 0; i < shown.length; i++) {
    const row = shown[i]!;
    if (!isSelectable(row, viewer)) continue;
    selectable++;
    if (bits[row.ordinal] === 1) selected++;
  }
  if (selected === 0) return 'unchecked';
  return selected === selectable ? 'checked' : 'mixed';
}

/** The selection with every selectable shown row added. */
export function withAllShown(selection: Selection, shown: readonly RosterRow[], viewer: RosterViewer): Selection {
  const bits = copyBits(selection);
  let count = selection.count;
  for (let i = 0; i < shown.length; i++) {
    const row = shown[i]!;
    if (bits[row.ordinal] === 1 || !isSelectable(row, viewer)) continue;
    bits[row.ordinal] = 1;
    count++;
  }
  return { bits, count };
}

/** The selection without these rows (the shown ones, say: those hidden by the filters or the search stay selected). */
export function withoutRows(selection: Selection, rows: readonly RosterRow[]): Selection {
  if (selection.count === 0) return selection;
  const bits = copyBits(selection);
  let count = selection.count;
  for (let i = 0; i < rows.length; i++) {
    const { ordinal } = rows[i]!;
    if (bits[ordinal] !== 1) continue;
    bits[ordinal] = 0;
    count--;
  }
  return count === 0 ? NO_SELECTION : { bits, count };
}

export function toggled(selection: Selection, row: RosterRow, on: boolean): Selection {
  if (isSelected(selection, row) === on) return selection;
  const bits = copyBits(selection);
  bits[row.ordinal] = on ? 1 : 0;
  const count = selection.count + (on ? 1 : -1);
  return count === 0 ? NO_SELECTION : { bits, count };
}

/** What the selection toolbar can do to many at once: the moderation actions and the permission ones. */
export type BulkAction = ModerationAction | PermissionAction;

/** For each bulk action, the selected rows it applies to (as `rosterActions` says for each row). */
export type Applicable = Record<BulkAction, RosterRow[]>;

export function applicableRows(selected: readonly RosterRow[], viewer: RosterViewer): Applicable {
  const applicable: Applicable = { promote: [], demote: [], remove: [], permissions: [], 'let-in': [] };
  if (!viewer.canModerate) return applicable;
  // Asked once per class of rows (RosterRow.actionClass: role, kind, addressable) instead of once per row: with
  // 100,000 selected, asking each row was most of the time "Select all shown" took. "Let in" depends on the row
  // being held by the lobby too, so it is asked of each row (and only while the lobby is on).
  const letsIn = viewer.managesPermissions === true && viewer.lobbyEnabled === true;
  const byClass: (RosterAction[] | undefined)[] = [];
  for (let i = 0; i < selected.length; i++) {
    const row = selected[i]!;
    if (isViewer(row, viewer)) continue;
    const actions = (byClass[row.actionClass] ??= rosterActions(row, viewer));
    for (let j = 0; j < actions.length; j++) {
      const action = actions[j]!;
      if (action === 'promote' || action === 'demote' || action === 'remove' || action === 'permissions') {
        applicable[action].push(row);
      }
    }
    if (letsIn && row.heldByLobby && permissionActions(row, viewer).includes('let-in')) applicable['let-in'].push(row);
  }
  return applicable;
}

const BULK_ACTIONS: readonly BulkAction[] = ['promote', 'demote', 'remove', 'permissions', 'let-in'];

/**
 * How many of the selected each bulk action applies to: what the toolbar shows after every change of the
 * selection. Only counts, so "Select all shown" on 100,000 allocates nothing per row: rows of one action class
 * are counted together and asked about once (the rows themselves are gathered by `applicableRows` when an
 * action runs).
 */
export function applicableCounts(selected: readonly RosterRow[], viewer: RosterViewer): Record<BulkAction, number> {
  const counts: Record<BulkAction, number> = { promote: 0, demote: 0, remove: 0, permissions: 0, 'let-in': 0 };
  if (!viewer.canModerate) return counts;
  const letsIn = viewer.managesPermissions === true && viewer.lobbyEnabled === true;
  const perClass: number[] = [];
  const sample: RosterRow[] = [];
  for (let i = 0; i < selected.length; i++) {
    const row = selected[i]!;
    if (isViewer(row, viewer)) continue;
    const actionClass = row.actionClass;
    if (perClass[actionClass] === undefined) {
      perClass[actionClass] = 0;
      sample[actionClass] = row;
    }
    perClass[actionClass]++;
    if (letsIn && row.heldByLobby && permissionActions(row, viewer).includes('let-in')) counts['let-in']++;
  }
  perClass.forEach((count, actionClass) => {
    const actions = rosterActions(sample[actionClass]!, viewer);
    for (const action of BULK_ACTIONS) if (action !== 'let-in' && actions.includes(action)) counts[action] += count;
  });
  return counts;
}
