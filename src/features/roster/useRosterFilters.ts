import { useDeferredValue, useMemo } from 'react';
import { filterMasks, masksNarrow, NO_FILTERS, type FilterMasks, type RosterFilters } from './roster-filter';
import { useRosterUi } from './roster-ui-store';

export interface RosterFilterState {
  filters: RosterFilters;
  /**
   * What the list filters by. Deferred like the search: the checkbox shows its new state at once, and a long
   * roster re-filters right after, in a render React may interrupt.
   */
  masks: FilterMasks;
  /** Some filter narrows the list (with the masks the list uses). */
  narrowing: boolean;
  setFilter: (filter: keyof RosterFilters, on: boolean) => void;
}

/** The filters of one conversation's roster (UI state, kept per conversation). */
export function useRosterFilters(token: string, lobbyEnabled: boolean): RosterFilterState {
  const filters = useRosterUi((state) => state.filters[token] ?? NO_FILTERS);
  const setFilterOf = useRosterUi((state) => state.setFilter);
  const masks = useMemo(() => filterMasks(filters, lobbyEnabled), [filters, lobbyEnabled]);
  const deferred = useDeferredValue(masks);
  return {
    filters,
    masks: deferred,
    narrowing: masksNarrow(deferred),
    setFilter: (filter, on) => setFilterOf(token, filter, on),
  };
}
