import { createHash } from 'node:crypto';
import type { Context, Hono } from 'hono';

/**
 * The built app needs nothing beyond its own origin: its scripts, stylesheets and the participants worker are
 * files under /assets, the API and avatars are same-origin paths, and React sets `style` props through the
 * CSSOM, which CSP does not govern. So no 'unsafe-inline', no 'unsafe-eval', no `data:` or `blob:` (the CSV
 * export's `blob:` link is a download, a navigation, which CSP does not restrict either).
 */
const CONTENT_SECURITY_POLICY = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'object-src': ["'none'"],
} as const;

/** The policy, with the inline scripts of the page it is sent with allowed by their hashes ('sha256-…'). */
function contentSecurityPolicy(scriptHashes: readonly string[]): string {
  return Object.entries(CONTENT_SECURITY_POLICY)
    .map(([directive, sources]) => [directive, ...sources, ...(directive === 'script-src' ? scriptHashes : [])].join(' '))
    .join('; ');
}

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy([]),
  // For browsers that predate frame-ancestors: a moderator's roster must never be framed and clicked.
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  // Addresses carry conversation tokens (/call/<token> is the link of a public conversation): never send them on.
  'Referrer-Policy': 'no-referrer',
  // `-allow-popups`: "Sign in with Nextcloud" opens Nextcloud's login page and must keep a handle on that window.
  'Cross-Origin-Opener-Policy': 'same-origin-allow-popups',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), display-capture=()',
};

const answeredByUpstream = new WeakSet<Context>();
const inlineScriptsOf = new WeakMap<Context, readonly string[]>();

/** The text of each inline script in `html` (a `<script>` without `src`), exactly as written. */
export function inlineScriptsIn(html: string): string[] {
  const scripts: string[] = [];
  for (const [, attributes, text] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (!/\bsrc\s*=/i.test(attributes!)) scripts.push(text!);
  }
  return scripts;
}

/** The CSP sources of the inline scripts in `html`: the hash of each one's text. */
export function inlineScriptHashes(html: string): string[] {
  return inlineScriptsIn(html).map((text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`);
}

/**
 * The app's page has one script of its own inline (the early roster request, see vite.config.ts): the page
 * answered in `c` may run exactly the inline scripts of `html`, and nothing else inline.
 */
export function allowInlineScriptsOf(c: Context, html: string) {
  inlineScriptsOf.set(c, inlineScriptHashes(html));
}

/** Nextcloud's own answers (its login pages have their own CSP, with nonces) pass through with its own headers. */
export function markAnsweredByUpstream(c: Context) {
  answeredByUpstream.add(c);
}

/**
 * Every answer rollcall itself gives (pages, assets, API, errors, 404s) carries SECURITY_HEADERS. Not in
 * `npm run dev`: there Vite serves the pages (its client needs inline scripts, eval and a WebSocket), and what
 * this server answers through Vite's proxy is JSON and images.
 */
export function sendSecurityHeaders(app: Hono) {
  app.use('*', async (c, next) => {
    await next();
    if (answeredByUpstream.has(c)) return;
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
    const scriptHashes = inlineScriptsOf.get(c);
    if (scriptHashes?.length) c.res.headers.set('Content-Security-Policy', contentSecurityPolicy(scriptHashes));
  });
}
