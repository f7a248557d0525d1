import { useI18n } from '../../lib/i18n';
import type { RosterRow } from './roster-rows';
import { useCsvExport } from './useCsvExport';

export interface ExportCsvProps {
  conversationName: string;
  /** What the list shows right now. */
  rows: readonly RosterRow[];
}

/** The "Export CSV" button and its live region, which says how far the export is and then what was saved. */
export function ExportCsv({ conversationName, rows }: ExportCsvProps) {
  const { t } = useI18n();
  const { exporting, message, start } = useCsvExport(conversationName, rows);
  return (
    <div className="roster-export">
      {/* aria-disabled rather than disabled: the button keeps the focus while the file is being made. */}
      <button type="button" onClick={start} aria-disabled={exporting || undefined}>
        {t('roster.export.button')}
      </button>
      <p role="status" className="roster-export-status">
        {message}
      </p>
    </div>
  );
}
