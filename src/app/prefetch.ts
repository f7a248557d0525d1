import type { QueryClient } from '@tanstack/react-query';
import type { TalkClient } from '../lib/api';
import { roomsQueries } from '../features/rooms/queries';
// The module itself, not the feature's index: the index brings the whole roster (virtualiser, dialogs) into the
// initial JavaScript, which the conversation page's own chunk keeps out of it.
import { rosterQueries } from '../features/roster/queries';
import { useIdentity } from './identity';

/** What the routes start before their pages render (router.tsx). */
export interface RoutePrefetch {
  conversations(): void;
  /** The conversation and its participants, side by side: neither waits for the other, nor for the page. */
  conversation(token: string): void;
}

/**
 * Prefetches into the cache the pages read from, with the pages' own query options, so a page that mounts
 * finds its request already under way (or answered) instead of starting it. Failures are left for the page
 * to meet: prefetching never throws.
 */
export function createRoutePrefetch(queryClient: QueryClient, talk: TalkClient): RoutePrefetch {
  // Without an identity the layout sends the person to sign in; asking the server would only earn a 401.
  const signedIn = () => useIdentity.getState().credentials !== null;
  return {
    conversations() {
      if (!signedIn()) return;
      void queryClient.prefetchQuery(roomsQueries.list(talk));
    },
    conversation(token) {
      if (!signedIn() || token === '') return;
      void queryClient.prefetchQuery(roomsQueries.detail(talk, token));
      void queryClient.prefetchQuery(rosterQueries.participants(talk, token));
    },
  };
}
