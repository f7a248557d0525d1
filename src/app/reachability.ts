import { useSyncExternalStore } from 'react';
import { onlineManager, useQueryClient, type Query, type QueryClient } from '@tanstack/react-query';
import { ApiError, NetworkError } from '../lib/api';

/**
 * Whether the server answered the app's latest request. Every poll is a probe: a lost connection on any query or
 * mutation marks what is on screen as out of date, and any answer from the server (an error included: a 403 is
 * still an answer) marks it current again. Kept apart from React Query's own state on purpose: a query's failure
 * reason is cleared whenever its next attempt starts, which would make a banner flicker with every poll.
 */
export interface Reachability {
  isReachable(): boolean;
  subscribe(listener: () => void): () => void;
}

/** The part of a query's or mutation's state change that tells how a request ended. */
interface Outcome {
  type: string;
  error?: unknown;
  manual?: boolean;
}

const reachabilities = new WeakMap<QueryClient, Reachability>();

/** What an outcome of a request says about the server; null when it says nothing (an error of rollcall's own). */
function answered(outcome: Outcome): boolean | null {
  // A manual success is data the app put in the cache itself (setQueryData), not an answer.
  if (outcome.type === 'success') return outcome.manual !== true;
  if (outcome.type !== 'failed' && outcome.type !== 'error') return null;
  if (outcome.error instanceof NetworkError) return false;
  return outcome.error instanceof ApiError ? true : null;
}

/**
 * Follows the requests of `queryClient` (once per client). When the server answers again after an outage, every
 * query on screen is refetched, so nothing stale stays behind the banner that went away.
 */
export function watchReachability(queryClient: QueryClient): Reachability {
  const existing = reachabilities.get(queryClient);
  if (existing) return existing;

  let serverAnswered = true;
  /** When the outage began: what was fetched before then is refetched once the server is back. */
  let lostAt = 0;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());

  const record = (outcome: Outcome, from?: Query) => {
    const answer = answered(outcome);
    if (answer === null || answer === serverAnswered) return;
    serverAnswered = answer;
    notify();
    if (!answer) {
      lostAt = Date.now();
      return;
    }
    // Not what has already come in since (the request that found the server back, often): a 10,000-person
    // roster is not worth fetching twice in a row.
    void queryClient.invalidateQueries({ predicate: (query) => query !== from && query.state.dataUpdatedAt <= lostAt });
  };

  queryClient.getQueryCache().subscribe((event) => {
    if (event.type === 'updated') record(event.action, event.query);
  });
  queryClient.getMutationCache().subscribe((event) => {
    if (event.type === 'updated') record(event.action);
  });
  // A browser that knows it is offline pauses the requests instead of failing them: nothing would be recorded.
  onlineManager.subscribe(notify);

  const reachability: Reachability = {
    isReachable: () => serverAnswered && onlineManager.isOnline(),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  reachabilities.set(queryClient, reachability);
  return reachability;
}

/** False while the server cannot be reached: what is on screen may be out of date. */
export function useServerReachable(): boolean {
  const reachability = watchReachability(useQueryClient());
  return useSyncExternalStore(reachability.subscribe, reachability.isReachable);
}
