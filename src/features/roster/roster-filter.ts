/**
 * The roster's filters: roles (moderators, members, guests) combine with OR, the states (online, in the call,
 * in the lobby) narrow further with AND. Each row carries its answers as bits (`RosterRow.traits`, built once
 * per participant), so filtering 100,000 rows is one pass of two integer tests, with no allocation per row.
 */
import { RowTrait, type RosterRow } from './roster-rows';
import { filterRosterRows } from './roster-search';

export interface RosterFilters {
  moderators: boolean;
  members: boolean;
  guests: boolean;
  online: boolean;
  inCall: boolean;
  /** Only counts while the conversation's lobby is on (see `filterMasks`). */
  inLobby: boolean;
}

export const NO_FILTERS: RosterFilters = {
  moderators: false,
  members: false,
  guests: false,
  online: false,
  inCall: false,
  inLobby: false,
};

export interface FilterMasks {
  /** A row passes if it has any of these bits; 0 lets every row pass (no role chosen). */
  anyOf: number;
  /** A row passes only with all of these bits. */
  allOf: number;
}

/** The filters as bit masks. "In the lobby" is a state of the conversation too: with the lobby off it is ignored. */
export function filterMasks(filters: RosterFilters, lobbyEnabled: boolean): FilterMasks {
  return {
    anyOf:
      (filters.moderators ? RowTrait.Moderator : 0) |
      (filters.members ? RowTrait.Member : 0) |
      (filters.guests ? RowTrait.Guest : 0),
    allOf:
      (filters.online ? RowTrait.Online : 0) |
      (filters.inCall ? RowTrait.InCall : 0) |
      (filters.inLobby && lobbyEnabled ? RowTrait.HeldByLobby : 0),
  };
}

export function masksNarrow({ anyOf, allOf }: FilterMasks): boolean {
  return anyOf !== 0 || allOf !== 0;
}

/** The last filtering of each list of rows: the same masks again give the same array, so nothing re-renders. */
const lastFiltering = new WeakMap<readonly RosterRow[], { anyOf: number; allOf: number; matches: readonly RosterRow[] }>();

/** The rows passing the filters, in their order. No filter returns `rows` itself. */
export function applyRosterFilters(rows: readonly RosterRow[], masks: FilterMasks): readonly RosterRow[] {
  const { anyOf, allOf } = masks;
  if (anyOf === 0 && allOf === 0) return rows;
  const previous = lastFiltering.get(rows);
  if (previous && previous.anyOf === anyOf && previous.allOf === allOf) return previous.matches;
  const matches: RosterRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const traits = row.traits;
    if ((anyOf === 0 || (traits & anyOf) !== 0) && (traits & allOf) === allOf) matches.push(row);
  }
  lastFiltering.set(rows, { anyOf, allOf, matches });
  return matches;
}

/**
 * What the roster shows: the search first (it has its own index over the sorted rows, roster-search.ts), then
 * the filters over what it found. Both steps hand back the same array for the same input, so an unchanged
 * refetch or a repeated toggle renders nothing new.
 */
export function shownRosterRows(sorted: readonly RosterRow[], search: string, masks: FilterMasks): readonly RosterRow[] {
  return applyRosterFilters(filterRosterRows(sorted, search), masks);
}
