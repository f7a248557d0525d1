import { useServerReachable } from './reachability';
import './offline-banner.css';

export const OUT_OF_DATE = 'Can’t reach the server. What you see may be out of date.';

/**
 * Says, in words, that the data on screen may be stale while the server cannot be reached. The live region is
 * always there (empty while all is well), so screen readers announce the change when its text appears.
 */
export function OfflineBanner() {
  const reachable = useServerReachable();
  return (
    <p role="status" className={reachable ? 'offline-banner' : 'offline-banner offline-banner--shown'}>
      {reachable ? '' : OUT_OF_DATE}
    </p>
  );
}
