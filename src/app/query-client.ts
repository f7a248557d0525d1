import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isTransientError } from '../lib/api';
import { backoffDelay } from '../lib/backoff';
import { errorPrompt } from './errors';
// The module itself, not the feature's index: a query-key factory, and this file is in every page's bundle.
import { roomsQueries } from '../features/rooms/queries';

const MAX_RETRIES = 3;
/** Waits between a query's retries: 1 s, 2 s, 4 s, … at most this. */
const MAX_RETRY_DELAY_MS = 10_000;

export interface AppQueryClientOptions {
  /** Called when the server says the identity is not (or no longer) valid. */
  onSignInRequired: () => void;
  /** Tests turn retries off so failures show at once. */
  retry?: boolean;
}

export function createAppQueryClient({ onSignInRequired, retry = true }: AppQueryClientOptions): QueryClient {
  const onError = (error: unknown) => {
    if (errorPrompt(error).kind === 'sign-in') onSignInRequired();
  };

  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({
      onError,
      // Whatever the viewer just did may have changed the conversation itself (its type, its lobby, their role,
      // its last activity), and the room is one small request. A refetch under way may predate the change: it is
      // replaced (invalidateQueries cancels it).
      // Not awaited: React Query would hold the mutation's own callbacks back until the room is in.
      onSettled: () => {
        void queryClient.invalidateQueries({ queryKey: roomsQueries.details() });
      },
    }),
    defaultOptions: {
      queries: {
        // A 4xx would fail the same way again; only server failures and lost connections are worth a retry.
        retry: retry ? (failureCount, error) => failureCount < MAX_RETRIES && isTransientError(error) : false,
        // React Query counts the failures before this retry: 0 for the first.
        retryDelay: (failuresBefore) => backoffDelay(failuresBefore, MAX_RETRY_DELAY_MS),
        // With nothing to show, the route's error element explains the failure; a failed background refetch
        // keeps the data on screen instead.
        throwOnError: (_error, query) => query.state.data === undefined,
      },
      // Mutations are not retried: most Talk mutations are not idempotent.
    },
  });
  return queryClient;
}
