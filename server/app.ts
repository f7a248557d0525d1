import fs from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { OCS_BASE } from '../contract/wire';
import type { Db } from './db/schema';
import { registerAvatarRoute } from './core/avatar';
import { registerCoreRoutes } from './core/routes';
import { BAD_CREDENTIALS_XML, BadCredentials, IdentityResolver } from './http/identity';
import { OcsError, envelope, type ApiGeneration } from './http/ocs';
import { gzipAnswers } from './http/gzip';
import { reportServerTiming } from './http/server-timing';
import { negotiateOcsFormat } from './http/xml';
import { registerProxyRoutes, type ProxyOptions } from './proxy';
import { TalkStore } from './talk/store';
import { registerTalkRoutes } from './talk/routes';
import { BanStore, registerBanRoutes } from './talk/bans';

export interface DemoOptions {
  db: Db;
  /**
   * `['v1']` serves a Talk that speaks only API v1 (before Nextcloud 22); `['v1', 'v4']` a current one that
   * still answers v1.
   */
  generations: ApiGeneration[];
  circlesEnabled: boolean;
  distDir: string;
}

/** Nextcloud refuses OCS calls without this header with a bare body: no envelope (a real Nextcloud 29 answers 412 so). */
function requireOcsHeader(app: Hono) {
  app.use(`${OCS_BASE}/*`, async (c, next) => {
    // No CORS on /ocs, as on a real server: a preflight is refused and no Access-Control-* header is sent.
    if (c.req.method === 'OPTIONS') return c.json(envelope(405, null, 'Method not allowed'), 405);
    if (c.req.header('ocs-apirequest') !== 'true') return c.json({ message: 'CSRF check failed' }, 412);
    await next();
  });
}

function serveApp(app: Hono, distDir: string) {
  const indexFile = path.join(distDir, 'index.html');
  // The app is built before the server starts (npm start); tests and proxy checks may run without it.
  if (fs.existsSync(distDir)) app.use('/*', serveStatic({ root: path.relative(process.cwd(), distDir) || '.' }));
  // History fallback: client routes (/rooms/x, /call/y, /login) all load the app.
  app.get('*', (c) => {
    const url = new URL(c.req.url);
    // Nextcloud paths (and any other `*.php`) are never the app: a 404, not the app's HTML with a 200.
    if (url.pathname.startsWith('/ocs/') || /^\/[^/]+\.php(?:\/|$)/.test(url.pathname)) return c.notFound();
    if (!fs.existsSync(indexFile)) return c.text('The app is not built yet: run `npm run build` (npm start does it).', 503);
    return c.html(fs.readFileSync(indexFile, 'utf8'));
  });
}

/**
 * Nextcloud challenges a refused login with `Basic`, which makes a browser show its own login box, unless the
 * request says it comes from a script (`X-Requested-With: XMLHttpRequest`): then `DummyBasic`, which browsers ignore.
 */
export function basicChallenge(requestedWith: string | undefined): string {
  const scheme = requestedWith === 'XMLHttpRequest' ? 'DummyBasic' : 'Basic';
  return `${scheme} realm="Nextcloud", charset="UTF-8"`;
}

function handleErrors(app: Hono) {
  app.notFound((c) => {
    const url = new URL(c.req.url);
    if (url.pathname.startsWith('/ocs/')) return c.json(envelope(404, null, 'Not found'), 404);
    return c.text('Not found', 404);
  });
  app.onError((error, c) => {
    if (error instanceof BadCredentials) {
      return c.body(BAD_CREDENTIALS_XML, 401, {
        'Content-Type': 'application/xml; charset=utf-8',
        'WWW-Authenticate': basicChallenge(c.req.header('x-requested-with')),
      });
    }
    if (error instanceof OcsError) {
      return c.json(envelope(error.status, error.data ?? [], error.message, error.statuscode), error.status);
    }
    console.error(error);
    return c.json(envelope(500, null, 'Internal error'), 500);
  });
}

/** The embedded default: a Talk-compatible server over SQLite, plus the built app. */
export function createDemoApp(options: DemoOptions): Hono {
  const app = new Hono();
  const store = new TalkStore(options.db, { circlesEnabled: options.circlesEnabled });
  const identities = new IdentityResolver(options.db);
  handleErrors(app);
  // A 10,000-person roster is ~5 MB of JSON (512-character session ids); Nextcloud's web server gzips too.
  gzipAnswers(app, `${OCS_BASE}/*`);
  reportServerTiming(app, `${OCS_BASE}/*`);
  negotiateOcsFormat(app);
  requireOcsHeader(app);
  registerCoreRoutes(app, { db: options.db, identities, options });
  registerTalkRoutes(app, { store, identities, generations: options.generations });
  // Bans exist beside v4 only (Talk 20+); a v1-only server answers their routes 404, as it never had them.
  if (options.generations.includes('v4')) registerBanRoutes(app, { bans: new BanStore(options.db, store), identities });
  registerAvatarRoute(app, options.db);
  serveApp(app, options.distDir);
  return app;
}

/** Proxy mode: the built app, and the Nextcloud paths the app uses forwarded to one Nextcloud. */
export function createProxyApp(options: ProxyOptions & { distDir: string }): Hono {
  const app = new Hono();
  handleErrors(app);
  registerProxyRoutes(app, options);
  serveApp(app, options.distDir);
  return app;
}
