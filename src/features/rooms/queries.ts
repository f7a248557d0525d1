import { queryOptions } from '@tanstack/react-query';
import { getConversation, listConversations, type TalkClient } from '../../lib/api';

/**
 * Query keys and options of the rooms feature. Mutations invalidate through these keys: `all()` for anything
 * about conversations, `lists()` for the room list, `detail(token)` for one conversation.
 */
export const roomsQueries = {
  all: () => ['rooms'] as const,
  lists: () => [...roomsQueries.all(), 'list'] as const,
  details: () => [...roomsQueries.all(), 'detail'] as const,
  // The client is not part of the keys: there is one per app, and the cache is cleared when the identity changes.
  list: (talk: TalkClient) =>
    queryOptions({
      queryKey: roomsQueries.lists(),
      queryFn: ({ signal }) => listConversations(talk, { signal }),
    }),
  /** What the server offers (the API generation, permissions): read once per client, so it never goes stale. */
  api: (talk: TalkClient) =>
    queryOptions({
      queryKey: [...roomsQueries.all(), 'api'] as const,
      queryFn: () => talk.api(),
      staleTime: Number.POSITIVE_INFINITY,
    }),
  detail: (talk: TalkClient, token: string) =>
    queryOptions({
      queryKey: [...roomsQueries.details(), token] as const,
      queryFn: ({ signal }) => getConversation(talk, token, { signal }),
      // Stand-in for section C's polling of the conversation (take C's version on merge): the roster reads this
      // room's lastActivity as its change hint (src/features/roster/refetch-policy.ts).
      refetchInterval: 10_000,
    }),
};
