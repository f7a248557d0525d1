import { createTalkClient } from '../lib/api';
import { useIdentity } from './identity';
import { createAppQueryClient } from './query-client';
import { watchReachability } from './reachability';
import { createAppRouter } from './router';

export interface AppServiceOptions {
  /** Tests use a memory router at a chosen address. */
  createRouter?: () => ReturnType<typeof createAppRouter>;
  /** Tests turn retries off. */
  retry?: boolean;
}

/** The long-lived objects of the app, created once per page load. */
export function createAppServices({ createRouter = createAppRouter, retry = true }: AppServiceOptions = {}) {
  const signOut = () => useIdentity.getState().signOut();
  const queryClient = createAppQueryClient({ onSignInRequired: signOut, retry });
  // From the first request on, so an outage before any banner is on screen is not missed.
  watchReachability(queryClient);
  const talkClient = createTalkClient({ getCredentials: () => useIdentity.getState().credentials });

  // Whoever signs in next must not see the previous person's data, however the sign-out happened.
  useIdentity.subscribe((state, previous) => {
    if (previous.credentials && !state.credentials) queryClient.clear();
  });

  return { queryClient, talkClient, router: createRouter() };
}

export type AppServices = ReturnType<typeof createAppServices>;
