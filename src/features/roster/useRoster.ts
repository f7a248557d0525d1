import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { LobbyError, useTalkClient, type Participant } from '../../lib/api';
import { useI18n, type Locale } from '../../lib/i18n';
import { rosterQueries } from './queries';
import { toSortedRosterRows, type RosterRow } from './roster-rows';
import { shownRosterRows, type FilterMasks } from './roster-filter';
import { prepareRosterSearchWhenIdle } from './roster-search';

export type RosterStatus =
  /** Nothing to show yet. */
  | 'loading'
  /** The lobby keeps the viewer out (412): a state, not an error. */
  | 'lobby'
  | 'ready';

export interface Roster {
  status: RosterStatus;
  /** The rows matching the search and the filters, in Talk's order. */
  rows: readonly RosterRow[];
  /** Everyone, in Talk's order: what a selection is read through. */
  allRows: readonly RosterRow[];
  /** Everyone, before the search narrows them down. */
  totalCount: number;
  /** A refetch failed while older data stays on screen; null otherwise. */
  refreshError: unknown;
}

const NO_ROWS: readonly RosterRow[] = [];

/**
 * The roster's view-model hook: the participants query in, sorted and filtered rows out. Sorting runs once per
 * change of the data (an unchanged refetch keeps the same array, so not even that); a search filters the
 * sorted rows over their precomputed search text, and the filters narrow what it found (roster-filter.ts).
 */
export function useRoster(token: string, search: string, masks: FilterMasks): Roster {
  const talk = useTalkClient();
  const { data: participants, error, dataUpdatedAt, errorUpdatedAt } = useQuery(rosterQueries.participants(talk, token));

  // Sorted once per change of the data, starting from the previous order (React's pattern for state derived
  // from the previous render). An unchanged refetch keeps the same participants array: nothing happens. Rows
  // hold words, so a change of language builds them again ("Guest" becomes "Gast" and may sort elsewhere).
  const { locale } = useI18n();
  const [sortedFor, setSortedFor] = useState<{
    participants: readonly Participant[] | undefined;
    locale: Locale;
    rows: readonly RosterRow[];
  }>({ participants: undefined, locale, rows: NO_ROWS });
  let sorted = sortedFor.rows;
  if (sortedFor.participants !== participants || sortedFor.locale !== locale) {
    sorted = participants ? toSortedRosterRows(participants, sortedFor.rows) : NO_ROWS;
    setSortedFor({ participants, locale, rows: sorted });
  }
  const { anyOf, allOf } = masks;
  const rows = useMemo(() => shownRosterRows(sorted, search, { anyOf, allOf }), [sorted, search, anyOf, allOf]);
  // The first keystroke should not pay for indexing a long roster: do it while nothing else happens.
  useEffect(() => prepareRosterSearchWhenIdle(sorted), [sorted]);

  // The latest answer decides: the lobby may have come on (or lifted) since the last roster arrived.
  const latestIsError = error !== null && errorUpdatedAt >= dataUpdatedAt;
  const inLobby = latestIsError && error instanceof LobbyError;

  return {
    status: inLobby ? 'lobby' : participants ? 'ready' : 'loading',
    rows,
    allRows: sorted,
    totalCount: sorted.length,
    refreshError: latestIsError && !inLobby && participants ? error : null,
  };
}
