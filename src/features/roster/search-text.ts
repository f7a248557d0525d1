/** How the roster compares what a person types with names and ids. No imports: bench/ loads it in Node. */

// eslint-disable-next-line no-control-regex -- the whole ASCII range, control characters included
const NON_ASCII = /[^\u0000-\u007f]/;

/** Case- and accent-insensitive, so "jose" finds "José" and "ANNA" finds "anna". */
export function searchable(text: string): string {
  const lower = text.toLowerCase();
  // Most names and ids are plain ASCII: the Unicode decomposition is only paid for those that are not.
  return NON_ASCII.test(lower) ? lower.normalize('NFD').replace(/\p{M}/gu, '') : lower;
}
