import { useI18n } from '../../lib/i18n';
import { progressText } from './bulk-words';
import type { BulkState } from './useBulkModeration';

export interface BulkStatusProps {
  state: BulkState;
  onCancel: () => void;
}

/**
 * The progress of a bulk action and, once it ended, its summary. The live region is always there, so its
 * changes are announced; the Cancel button only while something can still be stopped.
 */
export function BulkStatus({ state, onCancel }: BulkStatusProps) {
  const { t } = useI18n();
  return (
    <div className="roster-bulk">
      <div role="status" className="roster-bulk-status">
        {state.phase === 'running' && (
          <p>
            {state.cancelling
              ? t('roster.bulk.cancelling', { progress: progressText(state.action, state.settled, state.total) })
              : progressText(state.action, state.settled, state.total)}
          </p>
        )}
        {state.phase === 'done' && (
          <>
            <p>{state.summary.headline}</p>
            {state.summary.details.length > 0 && (
              <ul>
                {state.summary.details.map((detail) => (
                  <li key={detail}>{detail}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
      {state.phase === 'running' && !state.cancelling && (
        <button type="button" onClick={onCancel}>
          {t('ui.cancel')}
        </button>
      )}
    </div>
  );
}
