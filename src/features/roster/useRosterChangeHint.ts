import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Participant } from '../../lib/api';
import { rosterQueries } from './queries';
import { hintRefetchDelay } from './refetch-policy';

/**
 * Refetches the roster when the conversation's `lastActivity` moves (refetch-policy.ts says why that is the
 * hint, and how soon). The value the roster mounts with is not a change: the list is being fetched after it.
 */
export function useRosterChangeHint(token: string, lastActivityAt: number): void {
  const queryClient = useQueryClient();
  const seen = useRef(lastActivityAt);

  useEffect(() => {
    if (lastActivityAt === seen.current) return;
    seen.current = lastActivityAt;
    const queryKey = rosterQueries.participantsKey(token);
    const listedAt = () => queryClient.getQueryState<readonly Participant[]>(queryKey)?.dataUpdatedAt ?? 0;
    const hintedAt = Date.now();
    // A list that arrived after the hint already shows the change (a poll, focus, or the viewer's own action).
    const refetchIfStillOld = () => {
      if (listedAt() < hintedAt) void queryClient.invalidateQueries({ queryKey, exact: true });
    };
    const size = queryClient.getQueryData<readonly Participant[]>(queryKey)?.length ?? 0;
    const delay = hintRefetchDelay(size, listedAt(), hintedAt);
    if (delay === 0) return refetchIfStillOld();
    const timer = setTimeout(refetchIfStillOld, delay);
    return () => clearTimeout(timer);
  }, [queryClient, token, lastActivityAt]);
}
