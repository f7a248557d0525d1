/**
 * The way back from a single-row action, for its notice's "Undo": demote after a promotion, promote after a
 * demotion, add back after a removal (./restore.ts). Each runs through the API and waits for the refetched
 * roster, so "done" is said when the list shows it.
 */
import type { QueryClient } from '@tanstack/react-query';
import { demoteParticipant, promoteParticipant, type TalkClient } from '../../lib/api';
import type { DescribeError } from '../../lib/describe-error';
import { translate } from '../../lib/i18n';
import type { UndoAction } from '../../lib/notices';
import { rosterQueries } from './queries';
import { canRestoreRemoval, restoreRemovedParticipant, restoreSourceOf, RestoreError } from './restore';
import { isViewer, type ModerationAction, type RosterRow, type RosterViewer } from './roster-rows';

export interface UndoContext {
  talk: TalkClient;
  queryClient: QueryClient;
  token: string;
  describeError: DescribeError;
  viewer: RosterViewer;
}

/** Whether the notice of this action offers "Undo": everything but removing a guest or an email guest. */
export function canUndo(action: ModerationAction, row: RosterRow): boolean {
  return action !== 'remove' || canRestoreRemoval(row.participant);
}

/** The undo of `action` on `row`, done a moment ago; null when there is no way back (a removed guest). */
export function createUndo(context: UndoContext, { action, row }: { action: ModerationAction; row: RosterRow }): UndoAction | null {
  if (!canUndo(action, row)) return null;
  const { talk, queryClient, token, describeError, viewer } = context;
  const { participant, name } = row;
  const participantContext = { name, role: participant.role, isSelf: isViewer(row, viewer) };
  const refetch = () => queryClient.invalidateQueries({ queryKey: rosterQueries.participantsKey(token) });
  /** Runs the restoring requests, then waits for the list to show the result, whatever happened. */
  const thenRefetch = (restore: () => Promise<unknown>) => async () => {
    try {
      await restore();
    } finally {
      await refetch();
    }
  };
  const guest = row.isGuest ? 'yes' : 'no';

  switch (action) {
    case 'promote':
      return {
        run: thenRefetch(() => demoteParticipant(talk, token, participant)),
        doneMessage: translate('roster.undo.demoted', { name, guest }),
        describeFailure: (error) =>
          translate('roster.undo.demoteFailed', {
            name,
            guest,
            reason: describeError(error, {
              action: 'demote-participant',
              participant: { ...participantContext, role: row.isGuest ? 'guest-moderator' : 'moderator' },
            }),
          }),
      };
    case 'demote':
      return {
        run: thenRefetch(() => promoteParticipant(talk, token, participant)),
        doneMessage: translate('roster.undo.promoted', { name, guest }),
        describeFailure: (error) =>
          translate('roster.undo.promoteFailed', {
            name,
            guest,
            reason: describeError(error, {
              action: 'promote-participant',
              participant: { ...participantContext, role: row.isGuest ? 'guest' : 'member' },
            }),
          }),
      };
    case 'remove': {
      const source = restoreSourceOf(participant) ?? 'users';
      const wasModerator = participant.role === 'moderator';
      return {
        run: thenRefetch(() =>
          restoreRemovedParticipant(talk, token, participant, {
            // Through the roster's own query, so the list on screen is the one the re-added person was found in.
            list: () => queryClient.fetchQuery({ ...rosterQueries.participants(talk, token), staleTime: 0 }),
          }),
        ),
        doneMessage: translate('roster.undo.back', { name, moderator: wasModerator ? 'yes' : 'no' }),
        describeFailure: (error) => {
          if (error instanceof RestoreError && error.step === 'promote') {
            return translate('roster.undo.backNotModerator', {
              name,
              reason: describeError(error.cause, {
                action: 'promote-participant',
                participant: { ...participantContext, role: 'member' },
              }),
            });
          }
          const cause = error instanceof RestoreError ? error.cause : error;
          return translate('roster.undo.notBack', {
            name,
            reason: describeError(cause, { action: 'add-participant', participant: { name, source } }),
          });
        },
      };
    }
  }
}
