import { useEffect } from 'react';

/**
 * User Timing marks read by `npm run bench` (bench/run.ts) to time "response received → first rows on screen"
 * (its target: ≤ 1.5 s for 100,000 participants) and refetches. They change nothing the person sees or does.
 */
/**
 * Every list the page has: the first of a visit times "parsed", later ones the refetches (which a worker
 * makes, so the page's resource timing does not see them).
 */
export const PARTICIPANTS_LISTED = 'rollcall:participants-listed';
export const ROSTER_ROWS_PAINTED = 'rollcall:roster-rows-painted';

const canMark = () => typeof performance !== 'undefined' && typeof performance.mark === 'function';

function markOnce(name: string): void {
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
