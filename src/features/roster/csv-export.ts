/**
 * The roster as a CSV file (RFC 4180): what the person sees in the list, one line per row. Pure functions and
 * a chunked builder that yields between chunks, so 100,000 rows never hold the page for long.
 */
import { PERMISSION_CHOICES } from '../../lib/permission-choices';
import type { RosterRow } from './roster-rows';

/** Spreadsheets read the byte order mark as "this is UTF-8"; without it, Excel guesses a legacy code page. */
export const BYTE_ORDER_MARK = '\uFEFF';
const LINE_END = '\r\n';

export const CSV_HEADER = ['name', 'role', 'type', 'account or email', 'online', 'in call', 'permissions'] as const;

/** What a spreadsheet would run as a formula when a cell starts with it (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One field, ready for a line: a cell a spreadsheet would run as a formula gets a leading apostrophe (shown
 * as text, never run) and quotes; a field with a comma, quote or line break is quoted, its quotes doubled.
 */
export function csvField(value: string): string {
  const neutralised = FORMULA_START.test(value);
  const text = neutralised ? `'${value}` : value;
  return neutralised || NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The readable names of the granted permissions, "; " between them; empty where the server has none (v1). */
export function permissionNames(permissions: number | null): string {
  if (permissions === null) return '';
  return PERMISSION_CHOICES.filter(({ bit }) => (permissions & bit) !== 0)
    .map(({ label }) => label)
    .join('; ');
}

/** The cells of one row, in the order of `CSV_HEADER`. */
export function csvCells(row: RosterRow): string[] {
  const { participant } = row;
  return [
    row.name,
    row.roleLabel,
    participant.kind,
    // Guests have no account or address; their actor id is a session hash that means nothing to a reader.
    participant.kind === 'guest' ? '' : participant.actorId,
    row.online ? 'yes' : 'no',
    row.inCall ? 'yes' : 'no',
    permissionNames(participant.permissions),
  ];
}

export function csvLine(cells: readonly string[]): string {
  return cells.map(csvField).join(',') + LINE_END;
}

/** Characters no common file system takes in a name, and control characters. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what has to go
const NOT_IN_FILE_NAMES = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
const MAX_NAME_LENGTH = 120;

/** `<conversation name>-participants.csv`, with what file systems refuse replaced; never empty or hidden. */
export function csvFileName(conversationName: string): string {
  const safe = conversationName
    .replace(NOT_IN_FILE_NAMES, '_')
    .replace(/\s+/g, ' ')
    .trim()
    // Windows drops trailing dots and spaces; a leading dot hides the file on Unix.
    .replace(/^\.+|[. ]+$/g, '')
    .slice(0, MAX_NAME_LENGTH);
  return `${safe === '' ? 'conversation' : safe}-participants.csv`;
}

export interface CsvBuildOptions {
  /** At most this many rows per chunk; each chunk is one task of the page's main thread. */
  chunkSize?: number;
  /** A chunk ends early once it has taken this long, so a slow or busy machine gets smaller chunks. */
  sliceMs?: number;
  /** Lets the browser paint and handle input between chunks. */
  yieldToBrowser?: () => Promise<void>;
  /** After each chunk: how many rows are done. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Rows per chunk at most: 100,000 rows take at least 20 chunks, enough for the progress to move. */
export const CSV_CHUNK_ROWS = 5_000;
/** Encoding the chunk takes about as long again: together well under the 50 ms of a long task. */
export const CSV_SLICE_MS = 8;
/** How often a chunk looks at the clock. */
const ROWS_BETWEEN_CLOCK_CHECKS = 200;

/** A task of its own: a timer, so React's own work (the progress text) and painting get their turn first. */
export const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const CSV_TYPE = 'text/csv;charset=utf-8';

/**
 * The file as `Blob` parts (BOM and header first, then one Blob per chunk). Each chunk becomes a Blob in its
 * own task: the browser encodes and stores it there, so the final Blob only joins stored parts. Handing it
 * 15 MB of strings instead would encode them all in one long task, and one of bytes would copy them in one.
 * Rejects with the signal's reason when aborted.
 */
export async function buildCsvParts(rows: readonly RosterRow[], options: CsvBuildOptions = {}): Promise<Blob[]> {
  const { chunkSize = CSV_CHUNK_ROWS, sliceMs = CSV_SLICE_MS, onProgress, signal } = options;
  const pause = options.yieldToBrowser ?? yieldToBrowser;
  const parts = [new Blob([BYTE_ORDER_MARK + csvLine(CSV_HEADER)], { type: CSV_TYPE })];
  let index = 0;
  while (index < rows.length) {
    signal?.throwIfAborted();
    const sliceStart = performance.now();
    const end = Math.min(index + chunkSize, rows.length);
    let chunk = '';
    while (index < end) {
      chunk += csvLine(csvCells(rows[index]!));
      index++;
      if (index % ROWS_BETWEEN_CLOCK_CHECKS === 0 && performance.now() - sliceStart >= sliceMs) break;
    }
    parts.push(new Blob([chunk], { type: CSV_TYPE }));
    onProgress?.(index, rows.length);
    if (index < rows.length) await pause();
  }
  signal?.throwIfAborted();
  return parts;
}

/** The whole file from its parts. */
export function csvFile(parts: readonly Blob[]): Blob {
  return new Blob([...parts], { type: CSV_TYPE });
}
