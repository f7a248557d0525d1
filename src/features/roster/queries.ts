import { queryOptions } from '@tanstack/react-query';
import { LobbyError, listBans, listParticipants, searchParticipantSuggestions, type TalkClient } from '../../lib/api';
import { PARTICIPANTS_LISTED, mark } from './perf-marks';
import { rosterPollInterval } from './refetch-policy';

/** How long a list fetched ahead of the page counts as current when the page mounts (polling is separate). */
const ROUTE_PREFETCH_FRESH_MS = 5_000;

/** Query keys and options of the roster feature; its mutations invalidate `rosterQueries.participantsKey`. */
export const rosterQueries = {
  all: () => ['roster'] as const,
  conversation: (token: string) => [...rosterQueries.all(), token] as const,
  participantsKey: (token: string) => [...rosterQueries.conversation(token), 'participants'] as const,
  // The client is not part of the key: there is one per app, and the cache is cleared when the identity changes.
  participants: (talk: TalkClient, token: string) =>
    queryOptions({
      queryKey: rosterQueries.participantsKey(token),
      queryFn: async ({ signal }) => {
        const participants = await listParticipants(talk, token, { signal });
        mark(PARTICIPANTS_LISTED); // for `npm run bench` (perf-marks.ts)
        return participants;
      },
      // listParticipants already keeps the objects of unchanged participants, by key. React Query's sharing
      // goes by position instead: one participant leaving would give everyone after them a new object.
      structuralSharing: false,
      // The route prefetches the list beside the conversation (app/prefetch.ts); the roster mounts once the
      // conversation is in, and must not ask again for a list that has only just arrived.
      staleTime: ROUTE_PREFETCH_FRESH_MS,
      // Talk has no push for rosters: poll while the page is visible (React Query pauses the interval while the
      // document is hidden), slowly for large rosters, which refetch on the conversation's change hint instead
      // (refetch-policy.ts, useRosterChangeHint.ts), and refetch when the window regains focus.
      refetchInterval: (query) => rosterPollInterval(query.state.data?.length ?? 0),
      refetchIntervalInBackground: false,
      refetchOnWindowFocus: true,
      // A 412 for a non-moderator is the lobby, a state the roster shows, not a failure of the page. Polling
      // goes on, so the roster appears by itself when the lobby lifts.
      throwOnError: (error, query) => !(error instanceof LobbyError) && query.state.data === undefined,
    }),
  /** What the server offers (the API generation, permissions): read once per client, so it never goes stale. */
  api: (talk: TalkClient) =>
    queryOptions({
      queryKey: [...rosterQueries.all(), 'api'] as const,
      queryFn: () => talk.api(),
      staleTime: Number.POSITIVE_INFINITY,
      // Without an answer nothing optional (permissions, bans) is offered; the roster reports an unreachable server.
      throwOnError: false,
    }),
  bansKey: (token: string) => [...rosterQueries.conversation(token), 'bans'] as const,
  /** The bans of a conversation (moderators, servers with `ban-v1`); ban and unban invalidate `bansKey`. */
  bans: (talk: TalkClient, token: string) =>
    queryOptions({
      queryKey: rosterQueries.bansKey(token),
      queryFn: ({ signal }) => listBans(talk, token, { signal }),
      // Failures show in the "Banned" dialog.
      throwOnError: false,
    }),
  suggestions: (talk: TalkClient, token: string, search: string) =>
    queryOptions({
      queryKey: [...rosterQueries.conversation(token), 'suggestions', search],
      // The signal is consumed, so React Query aborts a search nobody waits for any more (the person typed on).
      queryFn: ({ signal }) => searchParticipantSuggestions(talk, { search, token, signal }),
      staleTime: 30_000,
      // Failures show in the dialog, next to what the person typed.
      throwOnError: false,
    }),
};
