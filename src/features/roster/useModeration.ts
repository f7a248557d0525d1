import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTalkClient } from '../../lib/api';
import { useDescribeError } from '../../lib/describe-error';
import { translate } from '../../lib/i18n';
import { pushNotice } from '../../lib/notices';
import { rosterQueries } from './queries';
import { describeModerationRefusal, sendModeration } from './moderation-request';
import { type ModerationAction, type RosterRow, type RosterViewer } from './roster-rows';
import { createUndo } from './undo';

export interface ModerationRequest {
  action: ModerationAction;
  row: RosterRow;
}

/** What the roster says in place: the progress and a refusal. What was done is a notice, with "Undo". */
export interface ModerationFeedback {
  kind: 'progress' | 'error';
  message: string;
}

function progressMessage({ action, row }: ModerationRequest): string {
  switch (action) {
    case 'promote':
      return translate('roster.moderation.promoting', { name: row.name });
    case 'demote':
      return translate('roster.moderation.demoting', { name: row.name });
    case 'remove':
      return translate('roster.moderation.removing', { name: row.name });
  }
}

function doneMessage({ action, row }: ModerationRequest): string {
  switch (action) {
    case 'promote':
      return translate('roster.moderation.promoted', { name: row.name, guest: row.isGuest ? 'yes' : 'no' });
    case 'demote':
      return translate('roster.moderation.demoted', { name: row.name, guest: row.isGuest ? 'yes' : 'no' });
    case 'remove':
      return translate('roster.moderation.removed', { name: row.name });
  }
}

/**
 * Promote, demote and remove, run by the roster after the person chose (and, for removal, confirmed). The
 * mutation stays pending until the refetched roster has landed, so the progress message lasts until the list
 * shows the change; a failure refetches too (a 404 means the list was out of date). Once the list shows it,
 * a notice says what was done, with "Undo" where the previous state can be restored (./undo.ts).
 */
export function useModeration(token: string, viewer: RosterViewer) {
  const describeError = useDescribeError();
  const talk = useTalkClient();
  const queryClient = useQueryClient();

  const mutation = useMutation({
    mutationFn: ({ action, row }: ModerationRequest) => sendModeration(talk, token, action, row.participant),
    onSettled: async (_data, error, request) => {
      await queryClient.invalidateQueries({ queryKey: rosterQueries.participantsKey(token) });
      if (error) return;
      const undo = createUndo({ talk, queryClient, token, describeError, viewer }, request);
      pushNotice({ message: doneMessage(request), undo });
    },
  });

  const request = mutation.variables;
  let feedback: ModerationFeedback | null = null;
  if (request && mutation.isPending) feedback = { kind: 'progress', message: progressMessage(request) };
  else if (request && mutation.isError) {
    const { row, action } = request;
    feedback = { kind: 'error', message: describeModerationRefusal(describeError, action, row, viewer, mutation.error) };
  }

  return {
    run: mutation.mutate,
    /** The row being changed right now, if any. */
    busyKey: mutation.isPending ? (request?.row.key ?? null) : null,
    feedback,
  };
}
