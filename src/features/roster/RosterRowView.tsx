import { memo } from 'react';
import { MenuTrigger } from '../../components/ui';
import { useI18n } from '../../lib/i18n';
import { rowAvatarUrl, showsOnline, type RosterRow } from './roster-rows';

/** Opens the one roster menu for `row` next to its actions button, focused on its first or last item. */
export type OpenRowMenu = (row: RosterRow, anchor: HTMLButtonElement, focus: 'first' | 'last') => void;

export interface RosterRowViewProps {
  row: RosterRow;
  /** Its place in the whole roster (not among the rendered rows). */
  index: number;
  setSize: number;
  /** Its offset from the top of the list, in pixels. */
  start: number;
  /** The list's tab stop (roving tabindex). */
  active: boolean;
  busy: boolean;
  isSelf: boolean;
  /** Held by the conversation's lobby while it is on (./permission-actions.ts isInLobby). */
  inLobby: boolean;
  hasActions: boolean;
  menuOpen: boolean;
  /** Must be stable: the row is memoised on it. */
  onOpenMenu: OpenRowMenu;
  /** The row is in the selection. */
  selected: boolean;
  /** Selects or unselects the row; absent where there is no selection (or for the viewer's own row). Stable. */
  onToggleSelect?: (row: RosterRow, on: boolean) => void;
}

/** One participant. Memoised: with the same row object and place it does not render again. */
export const RosterRowView = memo(function RosterRowView({
  row,
  index,
  setSize,
  start,
  active,
  busy,
  isSelf,
  inLobby,
  hasActions,
  menuOpen,
  onOpenMenu,
  selected,
  onToggleSelect,
}: RosterRowViewProps) {
  const { t } = useI18n();
  const isPerson = row.participant.kind !== 'group' && row.participant.kind !== 'circle';
  const avatar = rowAvatarUrl(row);
  const online = showsOnline(row, isSelf);

  return (
    <li
      data-index={index}
      className="roster-row"
      // Roving tabindex: the rows are how the keyboard moves through the list.
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={active ? 0 : -1}
      aria-setsize={setSize}
      aria-posinset={index + 1}
      aria-busy={busy || undefined}
      style={{ transform: `translateY(${start}px)` }}
    >
      {onToggleSelect && (
        // Like the actions button, reachable with Tab from its row while the row is the list's tab stop.
        <input
          type="checkbox"
          className="roster-select"
          aria-label={t('roster.row.select', { name: row.name })}
          checked={selected}
          tabIndex={active ? 0 : -1}
          onChange={(event) => onToggleSelect(row, event.target.checked)}
        />
      )}
      <span className="roster-avatar-frame">
        {avatar ? (
          <img className="roster-avatar" src={avatar} alt="" width={40} height={40} loading="lazy" decoding="async" />
        ) : (
          <span className="roster-avatar roster-avatar--placeholder" aria-hidden="true">
            {row.name.trim().charAt(0).toUpperCase() || '?'}
          </span>
        )}
        {/* The same as the row's words ("In call", "Online"/"Offline"), at a glance as in Nextcloud. */}
        {isPerson && (
          <span
            className={`roster-status-dot roster-status-dot--${row.inCall ? 'in-call' : online ? 'online' : 'offline'}`}
            aria-hidden="true"
          />
        )}
      </span>
      <div className="roster-main">
        <span className="roster-name">
          <span className="roster-name-text">{row.name}</span>
          {isSelf && <span className="tag">{t('roster.row.you')}</span>}
        </span>
        <span className="roster-details">
          <span className="roster-role">{row.roleLabel}</span>
          {row.kindLabel && <span>{row.kindLabel}</span>}
          {isPerson && (
            <span className={online ? 'roster-presence roster-presence--online' : 'roster-presence'}>
              {online ? t('roster.row.online') : t('roster.row.offline')}
            </span>
          )}
          {row.inCall && <span className="tag tag--call">{t('roster.row.inCall')}</span>}
          {inLobby && <span className="tag tag--lobby">{t('roster.row.inLobby')}</span>}
          {row.status && (
            <span className="roster-status">
              {[row.status.icon, row.status.label, row.status.message].filter(Boolean).join(' ')}
            </span>
          )}
        </span>
      </div>
      {busy && <span className="roster-busy">{t('roster.row.saving')}</span>}
      {hasActions && (
        <MenuTrigger
          label={t('roster.row.actions', { name: row.name })}
          expanded={menuOpen}
          onOpen={(anchor, focus) => onOpenMenu(row, anchor, focus)}
          tabIndex={active ? 0 : -1}
          className="roster-actions"
        />
      )}
    </li>
  );
});
