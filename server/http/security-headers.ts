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

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': Object.entries(CONTENT_SECURITY_POLICY)
    .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
    .join('; '),
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
  });
}
