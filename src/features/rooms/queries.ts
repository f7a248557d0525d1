import { queryOptions } from '@tanstack/react-query';
import { listConversations, type TalkClient } from '../../lib/api';

/** Query keys and options of the rooms feature; mutations invalidate through `roomsQueries.all()`. */
export const roomsQueries = {
  all: () => ['rooms'] as const,
  lists: () => [...roomsQueries.all(), 'list'] as const,
  // The client is not part of the key: there is one per app, and the cache is cleared when the identity changes.
  list: (talk: TalkClient) =>
    queryOptions({
      queryKey: roomsQueries.lists(),
      queryFn: ({ signal }) => listConversations(talk, { signal }),
    }),
};
