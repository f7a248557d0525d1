import type { CapabilitiesData } from '../../../contract/wire';
import { normalizeHex } from './color';

/** What rollcall takes from the server's theming: enough to look like part of that Nextcloud. */
export interface ServerTheme {
  /** The instance's name ("Nextcloud" unless its admin renamed it); null when it gives none. */
  name: string | null;
  /** Its primary colour, `#rrggbb`; null: rollcall's own. */
  colour: string | null;
  /** The text colour the server pairs with it (`color-text`), `#rrggbb`; null when absent. */
  textColour: string | null;
  /** Its logo, as a same-origin address the page may load (img-src 'self'); null when there is none. */
  logoUrl: string | null;
}

/**
 * Where Nextcloud serves logos: a custom one through the theming app's image route, the stock one from core.
 * rollcall's proxy forwards exactly these (server/proxy.ts), so a logo on the Nextcloud's own origin is
 * loaded through rollcall's.
 */
export const NEXTCLOUD_LOGO_PATHS = ['/index.php/apps/theming/image/', '/core/img/logo/'] as const;

/**
 * The theme in the capabilities; null when the server has none (Nextcloud without its theming app, a v1 seed
 * server): then rollcall keeps its own look. Malformed fields count as absent, one by one.
 */
export function themeFromCapabilities(capabilities: CapabilitiesData, pageOrigin: string): ServerTheme | null {
  const theming: unknown = capabilities.capabilities.theming;
  if (typeof theming !== 'object' || theming === null || Array.isArray(theming)) return null;
  const fields = theming as Record<string, unknown>;
  const name = typeof fields.name === 'string' && fields.name.trim() ? fields.name.trim() : null;
  return {
    name,
    colour: normalizeHex(fields.color),
    textColour: normalizeHex(fields['color-text']),
    logoUrl: sameOriginLogo(fields.logo, pageOrigin),
  };
}

/**
 * Nextcloud gives the logo as an absolute address on its own host (or on rollcall's, when it trusts the proxy's
 * X-Forwarded-Host). The page may only load images from its own origin, so a foreign logo is asked for at the
 * same path here, where the proxy forwards it; one elsewhere (a CDN) is left out.
 */
function sameOriginLogo(value: unknown, pageOrigin: string): string | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  let url: URL;
  try {
    url = new URL(value, pageOrigin);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const local = `${url.pathname}${url.search}`;
  if (url.origin === pageOrigin) return local;
  // A Nextcloud under a sub-path (/nextcloud/core/img/…) is reached through the proxy without it.
  for (const path of NEXTCLOUD_LOGO_PATHS) {
    const at = url.pathname.indexOf(path);
    if (at >= 0) return `${url.pathname.slice(at)}${url.search}`;
  }
  return null;
}
