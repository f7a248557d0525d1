import { useEffect } from 'react';

/**
 * User Timing marks read by `npm run bench` (bench/run.ts) to time "response received → first rows on screen"
 * (DESIGN.md, Targets) and refetches. They change nothing the person sees or does.
 */
/** Once per page visit: the first list is parsed. */
export const PARTICIPANTS_RECEIVED = 'rollcall:participants-received';
/** Every list, refetches included (those are fetched in a worker, where the page's resource timing sees nothing). */
export const PARTICIPANTS_LISTED = 'rollcall:participants-listed';
export const ROSTER_ROWS_PAINTED = 'rollcall:roster-rows-painted';

const canMark = () => typeof performance !== 'undefined' && typeof performance.mark === 'function';

export function markOnce(name: string): void {
  if (canMark() && performance.getEntriesByName(name, 'mark').length === 0) performance.mark(name);
}

export function mark(name: string): void {
  if (canMark()) performance.mark(name);
}

/** Marks ROSTER_ROWS_PAINTED after the first frame that shows rows (the timeout runs once that frame painted). */
export function useRowsPaintedMark(hasRows: boolean): void {
  useEffect(() => {
    if (!hasRows || !canMark() || typeof requestAnimationFrame !== 'function') return;
    let timeout: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timeout = setTimeout(() => markOnce(ROSTER_ROWS_PAINTED), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timeout);
    };
  }, [hasRows]);
}
