import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { isTransientError } from '../lib/api';
import { backoffDelay } from '../lib/backoff';

/** Waits between tries of a page that failed: 1 s, 2 s, 4 s, … at most this. */
export const MAX_PAGE_RETRY_DELAY_MS = 30_000;
const NO_QUERY_RETRY_DELAY_MS = 10_000;

/**
 * While a page shows an error the server may get over (it could not be reached, or failed with a 5xx), tries
 * again by itself, with backoff, and calls `recover` once it works. A try refetches the queries that failed,
 * without the page: the error stays on screen until there is something better to show, and the attempts go on
 * counting (re-rendering the page to try would start the count afresh each time). Refusals (4xx) are not retried:
 * they would be refused again.
 */
export function useAutoRetry(error: unknown, recover: () => void): void {
  const queryClient = useQueryClient();
  const recoverRef = useRef(recover);
  useEffect(() => {
    recoverRef.current = recover;
  });

  const transient = isTransientError(error);
  useEffect(() => {
    if (!transient) return;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    // Only what failed for a reason that may pass: a 404 of some other page's query would fail forever.
    const failed = {
      predicate: (query: { state: { status: string; error: unknown } }) =>
        query.state.status === 'error' && isTransientError(query.state.error),
    };
    // Without such queries the error came from elsewhere (a route's loader): only rendering the page again can
    // try it, and that starts this count afresh, so it waits as long as a later try would.
    const onlyThePage = queryClient.getQueryCache().findAll(failed).length === 0;

    const tryAgain = async () => {
      try {
        if (!onlyThePage) await queryClient.refetchQueries(failed, { throwOnError: true });
      } catch {
        if (!stopped) timer = setTimeout(() => void tryAgain(), backoffDelay(++attempt, MAX_PAGE_RETRY_DELAY_MS));
        return;
      }
      if (!stopped) recoverRef.current();
    };

    timer = setTimeout(() => void tryAgain(), onlyThePage ? NO_QUERY_RETRY_DELAY_MS : backoffDelay(attempt, MAX_PAGE_RETRY_DELAY_MS));
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [transient, queryClient]);
}
