import type { RouteObject } from 'react-router-dom';
import { createTalkClient, talkApiMemoryIn } from '../lib/api';
import { useIdentity } from './identity';
import { createAppQueryClient } from './query-client';
import { createRoutePrefetch } from './prefetch';
import { watchReachability } from './reachability';
import { createAppRouter, createAppRoutes } from './router';

export interface AppServiceOptions {
  /** Tests use a memory router at a chosen address (with the app's routes, given). */
  createRouter?: (routes: RouteObject[]) => ReturnType<typeof createAppRouter>;
  /** Tests turn retries off. */
  retry?: boolean;
}

/** The long-lived objects of the app, created once per page load. */
export function createAppServices({ createRouter = createAppRouter, retry = true }: AppServiceOptions = {}) {
  const signOut = () => useIdentity.getState().signOut();
  const queryClient = createAppQueryClient({ onSignInRequired: signOut, retry });
  // From the first request on, so an outage before any banner is on screen is not missed.
  watchReachability(queryClient);
  const talkClient = createTalkClient({
    getCredentials: () => useIdentity.getState().credentials,
    // localStorage: the server behind this origin speaks the same generation in every tab and after a restart.
    apiMemory: typeof localStorage === 'undefined' ? undefined : talkApiMemoryIn(localStorage),
    // Whatever was asked at the wrong base failed or will: everything on screen is asked again.
    onApiCorrected: () => void queryClient.invalidateQueries(),
  });

  // Whoever signs in next must not see the previous person's data, however the sign-out happened.
  useIdentity.subscribe((state, previous) => {
    if (previous.credentials && !state.credentials) queryClient.clear();
  });

  // Created last: a browser router runs the first page's loaders (its prefetches) as soon as it exists.
  const router = createRouter(createAppRoutes(createRoutePrefetch(queryClient, talkClient)));
  return { queryClient, talkClient, router };
}

export type AppServices = ReturnType<typeof createAppServices>;
