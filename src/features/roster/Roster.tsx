import { useCallback, useDeferredValue, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { ConfirmDialog } from '../../components/ui';
import type { Conversation } from '../../lib/api';
import { AddParticipantsDialog } from './AddParticipantsDialog';
import { ExportCsv } from './ExportCsv';
import { RosterList, type RosterActionHandler } from './RosterList';
import type { RosterRow, RosterViewer } from './roster-rows';
import { useDescribeError } from '../../lib/describe-error';
import { useModeration } from './useModeration';
import { canUndo } from './undo';
import { useRoster } from './useRoster';
import './roster.css';

export interface RosterProps {
  conversation: Conversation;
  /** The signed-in account id, to tell the viewer's own row apart; null when unknown. */
  viewerId: string | null;
  /** Something done here changed the conversation itself (adding an email guest made it public). */
  onConversationChanged?: () => void;
}

interface Removal {
  row: RosterRow;
  /** The row's actions button, where focus returns when the dialog closes. */
  returnFocus: HTMLElement | null;
  /** The question is on screen. The rest stays after the answer, so the dialog closes with its words intact. */
  asking: boolean;
}

/** Conversations that take no new participants. */
const CLOSED_TYPES: ReadonlySet<Conversation['type']> = new Set([
  'one-to-one',
  'former-one-to-one',
  'note-to-self',
  'changelog',
]);

const countFormat = new Intl.NumberFormat('en');

function participantCount(count: number): string {
  return `${countFormat.format(count)} ${count === 1 ? 'participant' : 'participants'}`;
}

const lobbyTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * The roster of one conversation: the count, the search, the virtualised list with each row's actions, and
 * "Add participants" for moderators. The page around it (app/) gives the heading and the conversation-wide
 * controls (lobby, leave).
 */
export function Roster({ conversation, viewerId, onConversationChanged }: RosterProps) {
  const describeError = useDescribeError();
  const { token } = conversation;
  const [search, setSearch] = useState('');
  // Typing stays responsive while a long roster re-filters.
  const deferredSearch = useDeferredValue(search);
  const roster = useRoster(token, deferredSearch);
  const viewer = useMemo<RosterViewer>(
    () => ({ id: viewerId, canModerate: conversation.canModerate }),
    [viewerId, conversation.canModerate],
  );
  const moderation = useModeration(token, viewer);
  const [removal, setRemoval] = useState<Removal | null>(null);
  const [adding, setAdding] = useState(false);
  const searchId = useId();

  // The rows are memoised on this handler: it stays the same function while doing what the latest render says.
  const runRef = useRef(moderation.run);
  useLayoutEffect(() => {
    runRef.current = moderation.run;
  });
  const onAction = useCallback<RosterActionHandler>((row, action, button) => {
    if (action === 'remove') setRemoval({ row, returnFocus: button, asking: true });
    else runRef.current({ action, row });
  }, []);

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
        <h2 id={`${searchId}-lobby`}>Waiting in the lobby</h2>
        <p role="status">
          The lobby is on: the participants are shown once a moderator opens the conversation
          {opensAt !== null ? `, at the latest on ${lobbyTime.format(opensAt)}` : ''}. This page keeps checking.
        </p>
      </section>
    );
  }

  const canAdd = conversation.canModerate && !CLOSED_TYPES.has(conversation.type);
  const needle = deferredSearch.trim();

  return (
    <div className="roster">
      <div className="roster-toolbar">
        <p className="roster-count">{roster.status === 'ready' ? participantCount(roster.totalCount) : ''}</p>
        {roster.status === 'ready' && <ExportCsv conversationName={conversation.name} rows={roster.rows} />}
        {canAdd && (
          <button type="button" className="button-primary" onClick={() => setAdding(true)}>
            Add participants
          </button>
        )}
      </div>

      <div className="field roster-search">
        <label htmlFor={searchId}>Search participants</label>
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
      {moderation.feedback?.kind === 'error' && (
        <p role="alert" className="alert roster-error">
          {moderation.feedback.message}
        </p>
      )}
      {roster.refreshError !== null && (
        <p className="roster-stale">
          The list could not be refreshed: {describeError(roster.refreshError, { action: 'list-participants' })}
        </p>
      )}

      {roster.status === 'loading' ? (
        <p role="status">Loading participants…</p>
      ) : (
        <>
          <p role="status" className="list-summary">
            {needle === ''
              ? ''
              : roster.rows.length === 0
                ? `No participant matches “${needle}”.`
                : `${countFormat.format(roster.rows.length)} of ${participantCount(roster.totalCount)} match.`}
          </p>
          <RosterList
            rows={roster.rows}
            viewer={viewer}
            busyKey={moderation.busyKey}
            onAction={onAction}
            label="Participants"
          />
        </>
      )}

      {removal && (
        <ConfirmDialog
          open={removal.asking}
          title={`Remove ${removal.row.name}?`}
          confirmLabel="Remove"
          onDecision={decideRemoval}
          finalFocus={removal.returnFocus}
        >
          <p>
            {removal.row.name} will no longer be a participant of “{conversation.name}”.
          </p>
          {!canUndo('remove', removal.row) && (
            <p>
              This cannot be undone: a guest cannot be added back, they would have to join again
              {removal.row.participant.kind === 'email' ? ' or be invited again' : ''}.
            </p>
          )}
        </ConfirmDialog>
      )}

      {canAdd && (
        <AddParticipantsDialog
          open={adding}
          onClose={() => setAdding(false)}
          token={token}
          onConversationChanged={onConversationChanged}
        />
      )}
    </div>
  );
}
