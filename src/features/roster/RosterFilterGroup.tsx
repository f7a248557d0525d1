import { useI18n, type MessageKey } from '../../lib/i18n';
import type { RosterFilters } from './roster-filter';

const ROLE_FILTERS: { filter: keyof RosterFilters; label: MessageKey }[] = [
  { filter: 'moderators', label: 'roster.filter.moderators' },
  { filter: 'members', label: 'roster.filter.members' },
  { filter: 'guests', label: 'roster.filter.guests' },
];

const STATE_FILTERS: { filter: keyof RosterFilters; label: MessageKey }[] = [
  { filter: 'online', label: 'roster.filter.online' },
  { filter: 'inCall', label: 'roster.filter.inCall' },
];

export interface RosterFilterGroupProps {
  filters: RosterFilters;
  /** "In the lobby" is offered only while the conversation's lobby is on. */
  lobbyEnabled: boolean;
  onChange: (filter: keyof RosterFilters, on: boolean) => void;
}

/** The roster's filter checkboxes: roles widen each other (any of them), states narrow (all of them). */
export function RosterFilterGroup({ filters, lobbyEnabled, onChange }: RosterFilterGroupProps) {
  const { t } = useI18n();
  const states = lobbyEnabled ? [...STATE_FILTERS, { filter: 'inLobby' as const, label: 'roster.filter.inLobby' as const }] : STATE_FILTERS;
  return (
    <fieldset className="roster-filters">
      <legend>{t('roster.filter.legend')}</legend>
      {[...ROLE_FILTERS, ...states].map(({ filter, label }) => (
        <label key={filter} className="roster-filter">
          <input type="checkbox" checked={filters[filter]} onChange={(event) => onChange(filter, event.target.checked)} />
          {t(label)}
        </label>
      ))}
    </fieldset>
  );
}
