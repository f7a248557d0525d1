import { useEffect, useRef, useState } from 'react';
import { translate } from '../../lib/i18n';
import { buildCsvParts, csvFile, csvFileName } from './csv-export';
import type { RosterRow } from './roster-rows';

export interface CsvExportState {
  exporting: boolean;
  /** Words for the live region: the progress while exporting, then what was saved (or why not). */
  message: string;
  start: () => void;
}

/** Hands a finished file to the browser's download, as a link with `download` would. */
function download(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled; a moment later the memory can go.
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/**
 * "Export CSV": the rows the list shows right now (after search and filters), built in chunks that leave the
 * page responsive, then downloaded as `<conversation name>-participants.csv`. Leaving the page stops it.
 */
export function useCsvExport(conversationName: string, rows: readonly RosterRow[]): CsvExportState {
  const [exporting, setExporting] = useState(false);
  const [message, setMessage] = useState('');
  const runRef = useRef<AbortController | null>(null);

  useEffect(() => () => runRef.current?.abort(), []);

  function start() {
    if (runRef.current) return;
    const controller = new AbortController();
    runRef.current = controller;
    // The rows of the moment of the click: a refetch meanwhile does not change what is being exported.
    const snapshot = rows;
    const total = snapshot.length;
    const fileName = csvFileName(conversationName);
    setExporting(true);
    setMessage(translate('roster.export.progress', { done: 0, total }));
    buildCsvParts(snapshot, {
      signal: controller.signal,
      onProgress: (done) => setMessage(translate('roster.export.progress', { done, total })),
    }).then(
      (parts) => {
        download(csvFile(parts), fileName);
        setMessage(translate('roster.export.done', { total, file: fileName }));
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setMessage(translate('roster.export.failed', { reason: error instanceof Error ? error.message : String(error) }));
      },
    ).finally(() => {
      if (runRef.current === controller) runRef.current = null;
      if (!controller.signal.aborted) setExporting(false);
    });
  }

  return { exporting, message, start };
}
