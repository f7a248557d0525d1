import { useCallback, useDeferredValue, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ConfirmDialog } from '../../components/ui';
import { useTalkClient, type Conversation } from '../../lib/api';
import { PermissionsDialog, type PermissionsDecision } from './PermissionsDialog';
import { usePermissionChanges } from './usePermissionChanges';
import { AddParticipantsDialog } from './AddParticipantsDialog';
import { BanDialog } from './BanDialog';
import { conversationHasBans } from './Bans';
import { BulkActions } from './BulkActions';
import { ExportCsv } from './ExportCsv';
import { rosterQueries } from './queries';
import { RosterFilterGroup } from './RosterFilterGroup';
import { SelectAllShown } from './SelectAllShown';
import { useBanParticipant } from './useBanParticipant';
import { useRosterFilters } from './useRosterFilters';
import { useRosterSelection } from './useRosterSelection';
import { RosterList, type RosterActionHandler } from './RosterList';
import type { RosterRow, RosterViewer } from './roster-rows';
import { useDescribeError } from '../../lib/describe-error';
import { useI18n } from '../../lib/i18n';
import { useModeration } from './useModeration';
import { canUndo } from './undo';
import { useRoster } from './useRoster';
import { useRosterChangeHint } from './useRosterChangeHint';
import './roster.css';

export interface RosterProps {
  conversation: Conversation;
  /** The signed-in account id, to tell the viewer's own row apart; null when unknown. */
  viewerId: string | null;
  /** Something done here changed the conversation itself (adding an email guest made it public). */
  onConversationChanged?: () => void;
  /** False while the server cannot be reached: then no row claims to know who is online. */
  presenceKnown?: boolean;
}

interface Removal {
  row: RosterRow;
  /** The row's actions button, where focus returns when the dialog closes. */
  returnFocus: HTMLElement | null;
  /** The question is on screen. The rest stays after the answer, so the dialog closes with its words intact. */
  asking: boolean;
}

interface PermissionsEditing {
  /** Each opening gets a fresh dialog, whose boxes start from the row as it is then. */
  id: number;
  row: RosterRow;
  returnFocus: HTMLElement | null;
  asking: boolean;
}

/** Conversations that take no new participants. */
const CLOSED_TYPES: ReadonlySet<Conversation['type']> = new Set([
  'one-to-one',
  'former-one-to-one',
  'note-to-self',
  'changelog',
]);

/**
 * The roster of one conversation: the count, the search, the virtualised list with each row's actions, and
 * "Add participants" for moderators. The page around it (app/) gives the heading and the conversation-wide
 * controls (lobby, leave).
 */
export function Roster({ conversation, viewerId, onConversationChanged, presenceKnown = true }: RosterProps) {
  const describeError = useDescribeError();
  const { t, date } = useI18n();
  const talk = useTalkClient();
  const { token } = conversation;
  const [search, setSearch] = useState('');
  // Typing stays responsive while a long roster re-filters.
  const deferredSearch = useDeferredValue(search);
  const filters = useRosterFilters(token, conversation.lobby.enabled);
  const roster = useRoster(token, deferredSearch, filters.masks);
  useRosterChangeHint(token, conversation.lastActivityAt);
  const { data: api } = useQuery(rosterQueries.api(talk));
  const managesPermissions = conversation.canModerate && (api?.supportsPermissions ?? false);
  const canBan = conversation.canModerate && (api?.supportsBans ?? false) && conversationHasBans(conversation);
  const viewer = useMemo<RosterViewer>(
    () => ({
      id: viewerId,
      canModerate: conversation.canModerate,
      managesPermissions,
      lobbyEnabled: conversation.lobby.enabled,
      canBan,
    }),
    [viewerId, conversation.canModerate, managesPermissions, conversation.lobby.enabled, canBan],
  );
  const selection = useRosterSelection(token, roster.allRows, roster.rows, viewer);
  const moderation = useModeration(token, viewer);
  const permissionChanges = usePermissionChanges(token);
  const [editing, setEditing] = useState<PermissionsEditing | null>(null);
  const editings = useRef(0);
  const banning = useBanParticipant(token);
  const [removal, setRemoval] = useState<Removal | null>(null);
  // The same shape as a removal; `id` gives each question a fresh dialog (an empty note).
  const [banQuestion, setBanQuestion] = useState<(Removal & { id: number }) | null>(null);
  const [adding, setAdding] = useState(false);
  const searchId = useId();

  // The rows are memoised on this handler: it stays the same function while doing what the latest render says.
  const runRef = useRef({ moderate: moderation.run, changePermissions: permissionChanges.run });
  useLayoutEffect(() => {
    runRef.current = { moderate: moderation.run, changePermissions: permissionChanges.run };
  });
  const onAction = useCallback<RosterActionHandler>((row, action, button) => {
    if (action === 'remove') setRemoval({ row, returnFocus: button, asking: true });
    else if (action === 'permissions') setEditing({ id: ++editings.current, row, returnFocus: button, asking: true });
    else if (action === 'let-in') runRef.current.changePermissions({ row, change: { kind: 'let-in' } });
    else if (action === 'ban') setBanQuestion((previous) => ({ row, returnFocus: button, asking: true, id: (previous?.id ?? 0) + 1 }));
    else runRef.current.moderate({ action, row });
  }, []);

  function decidePermissions(decision: PermissionsDecision) {
    if (!editing?.asking) return;
    // The dialog only answers; the roster runs the change and reports on it.
    if (decision.kind === 'set') {
      permissionChanges.run({ row: editing.row, change: { kind: 'set', permissions: decision.permissions } });
    } else if (decision.kind === 'reset') {
      permissionChanges.run({ row: editing.row, change: { kind: 'reset' } });
    }
    setEditing({ ...editing, asking: false });
  }

  function decideBan(internalNote: string | null) {
    if (!banQuestion?.asking) return;
    const { row } = banQuestion;
    // The dialog only answers; the roster bans and a notice reports.
    if (internalNote !== null) banning.run({ key: row.key, name: row.name, target: row.participant, internalNote });
    setBanQuestion({ ...banQuestion, asking: false });
  }

  function decideRemoval(confirmed: boolean) {
    if (!removal?.asking) return;
    // The dialog only answers; the roster runs the removal and reports on it.
    if (confirmed) moderation.run({ action: 'remove', row: removal.row });
    setRemoval({ ...removal, asking: false });
  }

  if (roster.status === 'lobby') {
    const opensAt = conversation.lobby.opensAt;
    return (
      <section className="roster-lobby" aria-labelledby={`${searchId}-lobby`}>
        <h2 id={`${searchId}-lobby`}>{t('roster.lobby.heading')}</h2>
        <p role="status">
          {opensAt !== null
            ? t('roster.lobby.textUntil', { when: date(opensAt, { dateStyle: 'medium', timeStyle: 'short' }) })
            : t('roster.lobby.text')}
        </p>
      </section>
    );
  }

  const canAdd = conversation.canModerate && !CLOSED_TYPES.has(conversation.type);
  const needle = deferredSearch.trim();
  const narrowing = needle !== '' || filters.narrowing;
  // Only moderators can act on others: a selection would have nothing to do for anyone else.
  const selecting = conversation.canModerate;

  return (
    // Presence words are hidden by the stylesheet rather than per row: the memoised rows need not render again.
    <div className={presenceKnown ? 'roster' : 'roster roster--presence-unknown'}>
      <div className="roster-toolbar">
        {/* The one count: it speaks up as the search or the filters change what is shown. */}
        <p role="status" className="roster-count">
          {roster.status !== 'ready'
            ? ''
            : narrowing
              ? t('roster.countShown', { shown: roster.rows.length, count: roster.totalCount })
              : t('roster.count', { count: roster.totalCount })}
        </p>
        {roster.status === 'ready' && <ExportCsv conversationName={conversation.name} rows={roster.rows} />}
        {canAdd && (
          <button type="button" className="button-primary" onClick={() => setAdding(true)}>
            {t('roster.addButton')}
          </button>
        )}
      </div>

      <RosterFilterGroup filters={filters.filters} lobbyEnabled={conversation.lobby.enabled} onChange={filters.setFilter} />

      {selecting && (
        <BulkActions
          token={token}
          conversationName={conversation.name}
          viewer={viewer}
          selected={selection.selected}
          onClear={selection.clear}
          onUnselect={selection.unselect}
        />
      )}

      {/* Above the search, so that Tab goes from the search straight into the list. */}
      {selecting && roster.status === 'ready' && (
        <SelectAllShown state={selection.allShown} onToggle={selection.toggleAllShown} disabled={roster.rows.length === 0} />
      )}
      <div className="field roster-search">
        <label htmlFor={searchId}>{t('roster.search')}</label>
        <input
          id={searchId}
          type="search"
          value={search}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setSearch(event.target.value)}
        />
      </div>

      {/* Live regions exist before their text changes, so screen readers announce the change. */}
      <p role="status" className="roster-feedback">
        {moderation.feedback && moderation.feedback.kind !== 'error' ? moderation.feedback.message : ''}
      </p>
      <p role="status" className="roster-feedback">
        {permissionChanges.progress ?? ''}
      </p>
      {permissionChanges.error !== null && (
        <p role="alert" className="alert roster-error">
          {permissionChanges.error}
        </p>
      )}
      {moderation.feedback?.kind === 'error' && (
        <p role="alert" className="alert roster-error">
          {moderation.feedback.message}
        </p>
      )}
      {roster.refreshError !== null && (
        <p className="roster-stale">
          {t('roster.refreshFailed', { reason: describeError(roster.refreshError, { action: 'list-participants' }) })}
        </p>
      )}

      {roster.status === 'loading' ? (
        <p role="status">{t('roster.loading')}</p>
      ) : (
        <>
          {roster.rows.length === 0 && narrowing && (
            <p className="list-summary">
              {needle !== '' ? t('roster.noMatch', { search: needle }) : t('roster.noFilterMatch')}
            </p>
          )}
          <RosterList
            rows={roster.rows}
            viewer={viewer}
            busyKey={moderation.busyKey ?? permissionChanges.busyKey ?? banning.busyKey}
            onAction={onAction}
            label={t('roster.listLabel')}
            selection={selecting ? selection.keys : undefined}
            onToggleSelect={selecting ? selection.toggle : undefined}
          />
        </>
      )}

      {removal && (
        <ConfirmDialog
          open={removal.asking}
          title={t('roster.remove.title', { name: removal.row.name })}
          confirmLabel={t('roster.remove.confirm')}
          onDecision={decideRemoval}
          finalFocus={removal.returnFocus}
        >
          <p>{t('roster.remove.text', { name: removal.row.name, conversation: conversation.name })}</p>
          {!canUndo('remove', removal.row) && (
            <p>{t('roster.remove.cannotUndo', { invited: removal.row.participant.kind === 'email' ? 'yes' : 'no' })}</p>
          )}
        </ConfirmDialog>
      )}

      {editing && (
        <PermissionsDialog
          key={editing.id}
          open={editing.asking}
          targets={[
            {
              name: editing.row.name,
              permissions: editing.row.participant.permissions ?? 0,
              isModerator: editing.row.isModerator,
            },
          ]}
          onDecision={decidePermissions}
          finalFocus={editing.returnFocus}
        />
      )}

      {banQuestion && (
        <BanDialog
          key={banQuestion.id}
          open={banQuestion.asking}
          name={banQuestion.row.name}
          conversationName={conversation.name}
          onDecision={decideBan}
          finalFocus={banQuestion.returnFocus}
        />
      )}

      {canAdd && (
        <AddParticipantsDialog
          open={adding}
          onClose={() => setAdding(false)}
          token={token}
          conversationType={conversation.type}
          onConversationChanged={onConversationChanged}
        />
      )}
    </div>
  );
}
