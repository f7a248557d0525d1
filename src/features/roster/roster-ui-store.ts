/**
 * The roster's UI state that outlives a render of the page: the filters and the selection, each per
 * conversation, so going to another conversation and back keeps them. Server data never lives here: the
 * selection holds keys only, read through the current rows (roster-selection.ts).
 */
import { create } from 'zustand';
import { NO_FILTERS, type RosterFilters } from './roster-filter';
import { NO_SELECTION, type Selection } from './roster-selection';

interface RosterUiStore {
  filters: Readonly<Record<string, RosterFilters>>;
  selections: Readonly<Record<string, Selection>>;
  setFilter: (token: string, filter: keyof RosterFilters, on: boolean) => void;
  setSelection: (token: string, change: (selection: Selection) => Selection) => void;
}

export const useRosterUi = create<RosterUiStore>()((set) => ({
  filters: {},
  selections: {},
  setFilter: (token, filter, on) =>
    set((state) => ({ filters: { ...state.filters, [token]: { ...(state.filters[token] ?? NO_FILTERS), [filter]: on } } })),
  setSelection: (token, change) =>
    set((state) => ({ selections: { ...state.selections, [token]: change(state.selections[token] ?? NO_SELECTION) } })),
}));
