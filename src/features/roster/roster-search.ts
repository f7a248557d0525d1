/**
 * Searching the roster. All the rows' search texts are kept in one string, with where each row's text ends: a
 * search is then a run of `indexOf` over one piece of contiguous memory instead of an `includes` on each of
 * 100,000 small strings strewn over the heap. Measured in Chromium on 100,000 rows: ~3 ms a keystroke
 * against ~22 ms.
 *
 * Building that string touches every row, which on 100,000 rows takes longer than a keystroke may (~80 ms in
 * one go). So it is built ahead, a chunk at a time while the browser is idle (`prepareRosterSearchWhenIdle`);
 * a search that comes first finishes it on the spot.
 */
import type { RosterRow } from './roster-rows';
import { searchable } from './search-text';

interface SearchIndex {
  text: string;
  /** `ends[i]`: the offset just past row i's text; a separator (U+0000) follows each row's text. */
  ends: Uint32Array;
}

interface SearchIndexDraft {
  /** The joined texts of the chunks done so far. */
  parts: string[];
  ends: Uint32Array;
  /** The first row not yet in `parts`. */
  next: number;
  offset: number;
}

/**
 * What a search looks through for a row: its display name and actor id (account id, email address), lower
 * case and without accents. Made when the search index is built, not with the row: a webinar's first paint
 * should not wait for 10,000 of them. Kept per row, so the index of a refetched list reuses them.
 */
const searchTexts = new WeakMap<RosterRow, string>();

export function searchTextOf(row: RosterRow): string {
  let text = searchTexts.get(row);
  if (text === undefined) searchTexts.set(row, (text = searchable(`${row.name}\n${row.participant.actorId}`)));
  return text;
}

const SEPARATOR = '\u0000';
/** Rows per step of the build: a few milliseconds' work, so that idle time is not overrun by much. */
export const SEARCH_INDEX_CHUNK = 2_000;

const indexes = new WeakMap<readonly RosterRow[], SearchIndex | SearchIndexDraft>();
/** The last search over each list of rows: the same search again gives the same array, so nothing re-renders. */
const lastSearch = new WeakMap<readonly RosterRow[], { needle: string; matches: readonly RosterRow[] }>();

/**
 * Builds the search index of `rows`, going on from where an earlier call stopped, for as long as `hasTime`
 * says. Returns whether it is complete.
 */
export function prepareRosterSearch(rows: readonly RosterRow[], hasTime: () => boolean = () => true): boolean {
  const entry = indexes.get(rows);
  if (entry && 'text' in entry) return true;
  const draft = entry ?? { parts: [], ends: new Uint32Array(rows.length), next: 0, offset: 0 };
  indexes.set(rows, draft);
  while (draft.next < rows.length) {
    if (!hasTime()) return false;
    const from = draft.next;
    const to = Math.min(from + SEARCH_INDEX_CHUNK, rows.length);
    const texts = new Array<string>(to - from);
    for (let i = from; i < to; i++) {
      const text = searchTextOf(rows[i]!);
      texts[i - from] = text;
      draft.offset += text.length;
      draft.ends[i] = draft.offset;
      draft.offset += SEPARATOR.length;
    }
    draft.parts.push(texts.join(SEPARATOR));
    draft.next = to;
  }
  indexes.set(rows, { text: draft.parts.join(SEPARATOR), ends: draft.ends });
  return true;
}

function searchIndexOf(rows: readonly RosterRow[]): SearchIndex {
  prepareRosterSearch(rows);
  return indexes.get(rows) as SearchIndex;
}

type IdleScheduler = (run: (hasTime: () => boolean) => void) => () => void;

/** requestIdleCallback where there is one (Safari has none): a short timer with a small budget elsewhere. */
const whenIdle: IdleScheduler =
  typeof requestIdleCallback === 'function'
    ? (run) => {
        const id = requestIdleCallback((deadline) => run(() => deadline.timeRemaining() > 1));
        return () => cancelIdleCallback(id);
      }
    : (run) => {
        const id = setTimeout(() => {
          const until = performance.now() + 8;
          run(() => performance.now() < until);
        }, 50);
        return () => clearTimeout(id);
      };

/** Builds the search index of `rows` in the browser's idle time. Returns a function that stops it. */
export function prepareRosterSearchWhenIdle(rows: readonly RosterRow[]): () => void {
  let cancel = () => {};
  const step = (hasTime: () => boolean) => {
    if (!prepareRosterSearch(rows, hasTime)) cancel = whenIdle(step);
  };
  cancel = whenIdle(step);
  return () => cancel();
}

/** The rows matching a search, in their sorted order. An empty search returns `rows` itself. */
export function filterRosterRows(rows: readonly RosterRow[], search: string): readonly RosterRow[] {
  const needle = searchable(search.trim());
  if (needle === '') return rows;
  const previous = lastSearch.get(rows);
  if (previous?.needle === needle) return previous.matches;
  const { text, ends } = searchIndexOf(rows);
  const matches: RosterRow[] = [];
  let row = 0;
  let at = text.indexOf(needle);
  while (at !== -1) {
    // Hits come in increasing order, so the row holding this one is found by walking on from the last.
    while (ends[row]! < at) row++;
    const end = ends[row]!;
    if (at + needle.length <= end) {
      matches.push(rows[row]!);
      // One match is enough for a row: go on from the start of the next.
      at = text.indexOf(needle, end + SEPARATOR.length);
      row++;
    } else {
      // The hit runs across the separator into the next row's text: it matches neither.
      at = text.indexOf(needle, at + 1);
    }
  }
  lastSearch.set(rows, { needle, matches });
  return matches;
}
