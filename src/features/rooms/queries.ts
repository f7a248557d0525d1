import { queryOptions } from '@tanstack/react-query';
import { NotFoundError, getConversation, listConversations, type TalkClient } from '../../lib/api';

/**
 * Talk pushes nothing to a console like this one, so what others change (the viewer's role, the lobby, the
 * type, rooms the viewer was added to) is polled. Both requests are small (a room is a few KB, the list a
 * few dozen rooms), so plain refetches are cheap; React Query pauses the intervals while the tab is hidden
 * and refetches when it is shown again. The room list could ask for `modifiedSince` on Talk, but the demo
 * server does not support it and a changed-only answer cannot say which rooms the viewer left.
 */
export const CONVERSATION_POLL_MS = 10_000;
export const CONVERSATION_LIST_POLL_MS = 15_000;

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
      refetchInterval: CONVERSATION_LIST_POLL_MS,
      refetchIntervalInBackground: false,
      refetchOnWindowFocus: true,
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
      // Kept current because the page's controls (lobby switch, moderation) follow the viewer's role in it.
      refetchInterval: CONVERSATION_POLL_MS,
      refetchIntervalInBackground: false,
      // Coming back to the tab asks even within the 5 s below: the room is one small request, and what changed
      // while the person was away (their role, the lobby) decides which controls they may use.
      refetchOnWindowFocus: 'always',
      // The route prefetches it (app/prefetch.ts): the page that mounts a moment later does not ask again.
      staleTime: 5_000,
      // An unknown conversation is a page of its own (what the address names is not there), not a failure to
      // offer "Try again" for: the page reads the error instead of the route's error element.
      throwOnError: (error, query) => !(error instanceof NotFoundError) && query.state.data === undefined,
    }),
};
