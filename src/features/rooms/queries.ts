import { queryOptions } from '@tanstack/react-query';
import { NotFoundError, getConversation, listConversations, type TalkClient } from '../../lib/api';

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
      // The route prefetches it (app/prefetch.ts): the page that mounts a moment later does not ask again.
      staleTime: 5_000,
      // An unknown conversation is a page of its own (what the address names is not there), not a failure to
      // offer "Try again" for: the page reads the error instead of the route's error element.
      throwOnError: (error, query) => !(error instanceof NotFoundError) && query.state.data === undefined,
    }),
};
