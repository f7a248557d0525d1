import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Permission, setParticipantPermissions, useTalkClient, type TalkClient } from '../../lib/api';
import { useDescribeError } from '../../lib/describe-error';
import { translate } from '../../lib/i18n';
import { pushNotice } from '../../lib/notices';
import { rosterQueries } from './queries';
import type { RosterRow } from './roster-rows';

/** A change of one person's permissions, as the dialog or the menu asked for it. */
export type PermissionChange =
  | { kind: 'set'; permissions: number }
  /** Back to the conversation's defaults (their own permissions become 0). */
  | { kind: 'reset' }
  /** Let in from the lobby: add "skip the lobby", as Talk's own UI does. */
  | { kind: 'let-in' };

export interface PermissionChangeRequest {
  row: RosterRow;
  change: PermissionChange;
}

/** Runs one change through the API (also what a bulk runner over the selection calls per row). */
export function applyPermissionChange(talk: TalkClient, token: string, { row, change }: PermissionChangeRequest): Promise<void> {
  switch (change.kind) {
    case 'set':
      return setParticipantPermissions(talk, token, row.participant, 'set', change.permissions);
    case 'reset':
      return setParticipantPermissions(talk, token, row.participant, 'set', Permission.Default);
    case 'let-in':
      return setParticipantPermissions(talk, token, row.participant, 'add', Permission.SkipLobby);
  }
}

function doneMessage({ row, change }: PermissionChangeRequest): string {
  switch (change.kind) {
    case 'set':
      return translate('roster.permissions.changed', { name: row.name });
    case 'reset':
      return translate('roster.permissions.resetDone', { name: row.name });
    case 'let-in':
      return translate('roster.permissions.letInDone', { name: row.name });
  }
}

function progressMessage({ row, change }: PermissionChangeRequest): string {
  return translate(change.kind === 'let-in' ? 'roster.permissions.lettingIn' : 'roster.permissions.changing', { name: row.name });
}

/**
 * Changes one person's permissions and says so in a notice whose "Undo" puts back exactly the permissions of
 * their own they had before (0 when they followed the defaults), so a let-in guest is held by the lobby again.
 * The mutation stays pending until the refetched roster has landed.
 */
export function usePermissionChanges(token: string) {
  const talk = useTalkClient();
  const queryClient = useQueryClient();
  const describeError = useDescribeError();
  const refetchRoster = () => queryClient.invalidateQueries({ queryKey: rosterQueries.participantsKey(token) });

  const mutation = useMutation({
    mutationFn: (request: PermissionChangeRequest) => applyPermissionChange(talk, token, request),
    onSuccess: (_, request) => {
      const { row } = request;
      const previous = row.participant.attendeePermissions ?? Permission.Default;
      pushNotice({
        message: doneMessage(request),
        undo: {
          run: async () => {
            await setParticipantPermissions(talk, token, row.participant, 'set', previous);
            await refetchRoster();
          },
          doneMessage: translate('roster.permissions.restored', { name: row.name }),
          describeFailure: (error) => describeError(error, { action: 'set-permissions', participant: { name: row.name } }),
        },
      });
    },
    onSettled: refetchRoster,
  });

  const request = mutation.variables;
  return {
    run: mutation.mutate,
    busyKey: mutation.isPending ? (request?.row.key ?? null) : null,
    progress: request && mutation.isPending ? progressMessage(request) : null,
    error:
      request && mutation.isError
        ? describeError(mutation.error, { action: 'set-permissions', participant: { name: request.row.name } })
        : null,
  };
}
