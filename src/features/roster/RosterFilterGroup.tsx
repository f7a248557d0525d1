import type { RosterFilters } from './roster-filter';

const ROLE_FILTERS: { filter: keyof RosterFilters; label: string }[] = [
  { filter: 'moderators', label: 'Moderators' },
  { filter: 'members', label: 'Members' },
  { filter: 'guests', label: 'Guests' },
];

const STATE_FILTERS: { filter: keyof RosterFilters; label: string }[] = [
  { filter: 'online', label: 'Online' },
  { filter: 'inCall', label: 'In the call' },
];

export interface RosterFilterGroupProps {
  filters: RosterFilters;
  /** "In the lobby" is offered only while the conversation's lobby is on. */
  lobbyEnabled: boolean;
  onChange: (filter: keyof RosterFilters, on: boolean) => void;
}

/** The roster's filter checkboxes: roles widen each other (any of them), states narrow (all of them). */
export function RosterFilterGroup({ filters, lobbyEnabled, onChange }: RosterFilterGroupProps) {
  const states = lobbyEnabled ? [...STATE_FILTERS, { filter: 'inLobby' as const, label: 'In the lobby' }] : STATE_FILTERS;
  return (
    <fieldset className="roster-filters">
      <legend>Filter participants</legend>
      {[...ROLE_FILTERS, ...states].map(({ filter, label }) => (
        <label key={filter} className="roster-filter">
          <input type="checkbox" checked={filters[filter]} onChange={(event) => onChange(filter, event.target.checked)} />
          {label}
        </label>
      ))}
    </fieldset>
  );
}
