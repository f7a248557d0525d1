import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { ForbiddenError, NetworkError } from '../lib/api';
import { watchReachability } from './reachability';

/** A query that answers as told. */
function probe(queryClient: QueryClient, key: string, answer: () => Promise<string>) {
  return {
    fetch: () =>
      queryClient.fetchQuery({ queryKey: [key], queryFn: answer, retry: false, staleTime: 0 }).catch(() => undefined),
  };
}

describe('whether the server can be reached', () => {
  it('is lost with a failed connection, back with any answer, refusals included', async () => {
    const queryClient = new QueryClient();
    const reachability = watchReachability(queryClient);
    expect(reachability.isReachable()).toBe(true);

    await probe(queryClient, 'a', () => Promise.reject(new NetworkError(new TypeError('Failed to fetch')))).fetch();
    expect(reachability.isReachable()).toBe(false);

    // Data the app puts in the cache itself says nothing about the server.
    queryClient.setQueryData(['b'], 'local');
    expect(reachability.isReachable()).toBe(false);
    // An error of rollcall's own neither.
    await probe(queryClient, 'c', () => Promise.reject(new Error('a bug'))).fetch();
    expect(reachability.isReachable()).toBe(false);

    await probe(queryClient, 'd', () => Promise.reject(new ForbiddenError(403, 'No', null, null))).fetch();
    expect(reachability.isReachable()).toBe(true);
  });

  it('refetches what was fetched before the outage once the server is back, but not what found it back', async () => {
    const queryClient = new QueryClient();
    const reachability = watchReachability(queryClient);
    let connected = true;
    const answer = () => (connected ? Promise.resolve('ok') : Promise.reject(new NetworkError(new TypeError('offline'))));
    const before = probe(queryClient, 'before', answer);
    const finder = probe(queryClient, 'finder', answer);
    await before.fetch();

    connected = false;
    await finder.fetch();
    expect(reachability.isReachable()).toBe(false);

    connected = true;
    await finder.fetch();
    expect(reachability.isReachable()).toBe(true);
    expect(queryClient.getQueryState(['before'])?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(['finder'])?.isInvalidated).toBe(false);
  });
});
