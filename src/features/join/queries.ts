import { queryOptions } from '@tanstack/react-query';
import { getConversation, type TalkClient } from '../../lib/api';

/** How often the lobby checks whether it has lifted, and how often a joined page checks it has not come back. */
export const LOBBY_CHECK_MS = 3_000;
export const JOINED_CHECK_MS = 30_000;

/**
 * Query keys and options of the join feature. The conversation is read as the person on this page sees it
 * (a guest, or the signed-in account): their role and the lobby differ, so the viewer is part of the key.
 */
export const joinQueries = {
  all: () => ['join'] as const,
  conversationKey: (token: string, account: string | null) =>
    [...joinQueries.all(), token, account === null ? { guest: true } : { account }] as const,
  // The client is not part of the key: there is one per app, and the cache is cleared when the identity changes.
  conversation: (talk: TalkClient, token: string, account: string | null) =>
    queryOptions({
      queryKey: joinQueries.conversationKey(token, account),
      queryFn: ({ signal }) => getConversation(talk, token, { signal }),
      // The page explains a failure in place (a wrong link, the server unreachable) instead of the route's error
      // element: a guest who arrived by a link has nowhere else to go.
      throwOnError: false,
    }),
};
