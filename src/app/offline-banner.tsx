import { useServerReachable } from './reachability';
import { useI18n } from '../lib/i18n';
import './offline-banner.css';

/**
 * Says, in words, that the data on screen may be stale while the server cannot be reached. The live region is
 * always there (empty while all is well), so screen readers announce the change when its text appears.
 */
export function OfflineBanner() {
  const reachable = useServerReachable();
  const { t } = useI18n();
  return (
    <p role="status" className={reachable ? 'offline-banner' : 'offline-banner offline-banner--shown'}>
      {reachable ? '' : t('app.offline')}
    </p>
  );
}
