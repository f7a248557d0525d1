import { normalizeHex } from './color';
import type { ServerTheme } from './theming';

/**
 * The last theme read, kept in the origin's localStorage (one server per origin), so that a page load starts in
 * the server's look instead of flashing rollcall's own until the capabilities answer. They are read anyway and
 * replace it.
 */
const MEMORY_KEY = 'rollcall.server-theme';

export function recallServerTheme(storage: Pick<Storage, 'getItem'> | undefined): ServerTheme | undefined {
  try {
    const value: unknown = JSON.parse(storage?.getItem(MEMORY_KEY) ?? 'null');
    return isServerTheme(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function rememberServerTheme(storage: Pick<Storage, 'setItem'> | undefined, theme: ServerTheme | null) {
  try {
    storage?.setItem(MEMORY_KEY, JSON.stringify(theme));
  } catch {
    // Storage full or refused (private mode): the next load starts in rollcall's look, as without memory.
  }
}

const nullOr = (value: unknown, check: (value: string) => boolean) =>
  value === null || (typeof value === 'string' && check(value));

function isServerTheme(value: unknown): value is ServerTheme {
  if (typeof value !== 'object' || value === null) return false;
  const theme = value as Record<string, unknown>;
  return (
    nullOr(theme.name, (name) => name.trim() !== '') &&
    nullOr(theme.colour, (colour) => normalizeHex(colour) === colour) &&
    nullOr(theme.textColour, (colour) => normalizeHex(colour) === colour) &&
    // Only a path on this origin, as themeFromCapabilities makes it (never `//elsewhere`).
    nullOr(theme.logoUrl, (url) => url.startsWith('/') && !url.startsWith('//'))
  );
}
