import { useMutation, useQueryClient } from '@tanstack/react-query';
import { banParticipant, unban, useTalkClient, type Ban, type BanTarget } from '../../lib/api';
import { useDescribeError } from '../../lib/describe-error';
import { translate } from '../../lib/i18n';
import { pushNotice } from '../../lib/notices';
import { rosterQueries } from './queries';

export interface BanRequest {
  /** The row's key, to show it busy. */
  key: string;
  name: string;
  target: BanTarget;
  internalNote: string;
}

/**
 * Bans someone the roster shows, once the person confirmed in the ban dialog. One notice says what happened or,
 * for a refusal, why not. No "Undo": the server removed the person with the ban, and lifting the ban does not
 * bring them back (a guest cannot be brought back at all), so "Bans" is where a ban is lifted, deliberately.
 * The roster and the bans are refetched either way.
 */
export function useBanParticipant(token: string) {
  const talk = useTalkClient();
  const queryClient = useQueryClient();
  const describeError = useDescribeError();

  const mutation = useMutation({
    mutationFn: ({ target, internalNote }: BanRequest) => banParticipant(talk, token, target, internalNote),
    onSuccess: (_ban, { name }) => pushNotice({ message: translate('roster.ban.done', { name }) }),
    onError: (error, { name }) =>
      pushNotice({ message: describeError(error, { action: 'ban-participant', participant: { name } }) }),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: rosterQueries.participantsKey(token) }),
        queryClient.invalidateQueries({ queryKey: rosterQueries.bansKey(token) }),
      ]),
  });

  return {
    run: mutation.mutate,
    /** The row being banned right now, if any. */
    busyKey: mutation.isPending ? (mutation.variables?.key ?? null) : null,
  };
}

/**
 * Lifts a ban from the "Banned" dialog. Progress and outcome show in the dialog itself: while it is open the rest
 * of the page, the app's notices included, is hidden from assistive technology.
 */
export function useUnban(token: string) {
  const talk = useTalkClient();
  const queryClient = useQueryClient();
  const describeError = useDescribeError();

  const mutation = useMutation({
    mutationFn: (ban: Ban) => unban(talk, token, ban.id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: rosterQueries.bansKey(token) }),
  });

  const ban = mutation.variables;
  return {
    run: mutation.mutate,
    /** The ban being lifted right now, if any. */
    pendingId: mutation.isPending ? (ban?.id ?? null) : null,
    /** Progress, then the outcome, in words (for the dialog's live region). */
    status: !ban
      ? ''
      : mutation.isPending
        ? translate('roster.bans.unbanning', { name: ban.banned.name })
        : mutation.isSuccess
          ? translate('roster.bans.unbanned', { name: ban.banned.name })
          : '',
    error:
      mutation.isError && ban
        ? describeError(mutation.error, { action: 'unban-participant', participant: { name: ban.banned.name } })
        : null,
  };
}
