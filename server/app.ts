import fs from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { OCS_BASE } from '../contract/wire';
import type { Db } from './db/schema';
import { registerAvatarRoute } from './core/avatar';
import { registerCoreRoutes } from './core/routes';
import { registerLoginFlowRoutes, type Clock } from './core/login-flow';
import { BAD_CREDENTIALS_XML, BadCredentials, IdentityResolver } from './http/identity';
import { OcsError, envelope, type ApiGeneration } from './http/ocs';
import { gzipAnswers } from './http/gzip';
import { allowInlineScriptsOf, sendSecurityHeaders } from './http/security-headers';
import { reportServerTiming } from './http/server-timing';
import { Throttle, type ThrottleOptions } from './http/throttle';
import { negotiateOcsFormat } from './http/xml';
import { isProxiedPath, registerProxyRoutes, type ProxyOptions } from './proxy';
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
  /** Milliseconds since the epoch, for what expires by the clock (browser sessions, the throttle, Login Flow v2); tests move it. */
  clock?: Clock;
  /** The password-guessing throttle's policy and wait (tests); Nextcloud's by default. */
  throttle?: Omit<ThrottleOptions, 'clock'>;
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

/** The client-side routes of src/app/router.tsx: `/`, `/login`, `/rooms/:token`, `/call/:token`. */
const APP_ROUTE = /^\/(?:login|rooms\/[^/]+|call\/[^/]+)?\/?$/;

/**
 * A path a person may have typed or followed to a page: the app's HTML answers it with a 404, so the app shows
 * its own "not found" page. Never for what a script or Nextcloud client asks for (`/ocs/…`, any `.php`, a file
 * name such as a missing asset): those get a plain 404.
 */
function isPageLike(pathname: string): boolean {
  if (isNextcloudPath(pathname)) return false;
  return !(pathname.split('/').at(-1) ?? '').includes('.');
}

/** What a Nextcloud answers (or would): `/ocs/…` and any `.php`, never one of the app's own files or pages. */
function isNextcloudPath(pathname: string): boolean {
  return pathname.startsWith('/ocs/') || pathname === '/ocs' || /\.php(?:\/|$)/.test(pathname);
}

const PAGE_METHODS = 'GET, HEAD';

/** What Talk's API and Nextcloud's avatars and Login Flow take (OPTIONS gets Nextcloud's own 405: no CORS). */
const API_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;

/**
 * Methods outside what the API takes (TRACE, CONNECT, WebDAV's PROPFIND…) are refused before any route sees
 * them: 405 with the methods this path does take.
 */
function refuseUnknownMethods(app: Hono, isApiPath: (pathname: string) => boolean) {
  const apiMethods: readonly string[] = API_METHODS;
  app.use('*', async (c, next) => {
    if (apiMethods.includes(c.req.method)) return next();
    const { pathname } = new URL(c.req.url);
    if (!isApiPath(pathname)) return c.text('Method not allowed', 405, { Allow: PAGE_METHODS });
    return c.json(envelope(405, null, 'Method not allowed'), 405, { Allow: apiMethods.join(', ') });
  });
}

function appHtml(distDir: string): string | undefined {
  const indexFile = path.join(distDir, 'index.html');
  return fs.existsSync(indexFile) ? fs.readFileSync(indexFile, 'utf8') : undefined;
}

function serveApp(app: Hono, distDir: string) {
  // The app is built before the server starts (npm start); tests and proxy checks may run without it.
  app.use('/*', async (c, next) => {
    await next();
    if (isNextcloudPath(c.req.path) || c.res.headers.has('Cache-Control')) return;
    // Built files are named after their content, so a name never gets other content: kept for a year. The page
    // and the few files with fixed names are checked with the server each time (a 304 when unchanged).
    const immutable = c.req.path.startsWith('/assets/') && c.res.status === 200;
    c.res.headers.set('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  });
  if (fs.existsSync(distDir)) {
    const files = serveStatic({ root: path.relative(process.cwd(), distDir) || '.' });
    // The page is never served as a file: only the answers below allow its inline script (allowInlineScriptsOf).
    app.use('/*', (c, next) => (/^\/(index\.html)?$/.test(c.req.path) ? next() : files(c, next)));
  }
  // History fallback: only the client routes load the app with a 200; any other path is a 404 (handleErrors).
  app.all('*', (c) => {
    const { pathname } = new URL(c.req.url);
    if (!APP_ROUTE.test(pathname)) return c.notFound();
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return c.text('Method not allowed', 405, { Allow: PAGE_METHODS });
    const html = appHtml(distDir);
    if (html === undefined) return c.text('The app is not built yet: run `npm run build` (npm start does it).', 503);
    allowInlineScriptsOf(c, html);
    return c.html(html);
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

function handleErrors(app: Hono, distDir: string) {
  app.notFound((c) => {
    const { pathname } = new URL(c.req.url);
    if (pathname.startsWith('/ocs/')) return c.json(envelope(404, null, 'Not found'), 404);
    const html = (c.req.method === 'GET' || c.req.method === 'HEAD') && isPageLike(pathname) ? appHtml(distDir) : undefined;
    if (html === undefined) return c.text('Not found', 404);
    allowInlineScriptsOf(c, html);
    return c.html(html, 404);
  });
  app.onError((error, c) => {
    if (error instanceof BadCredentials) {
      return c.body(BAD_CREDENTIALS_XML, 401, {
        'Content-Type': 'application/xml; charset=utf-8',
        'WWW-Authenticate': basicChallenge(c.req.header('x-requested-with')),
      });
    }
    if (error instanceof OcsError) {
      return c.json(envelope(error.status, error.data ?? [], error.message, error.statuscode), error.status, error.headers);
    }
    console.error(error);
    return c.json(envelope(500, null, 'Internal error'), 500);
  });
}

/** The embedded default: a Talk-compatible server over SQLite, plus the built app. */
export function createDemoApp(options: DemoOptions): Hono {
  const app = new Hono();
  const store = new TalkStore(options.db, { circlesEnabled: options.circlesEnabled });
  const clock = options.clock ?? Date.now;
  const throttle = new Throttle(options.db, { ...options.throttle, clock });
  const identities = new IdentityResolver(options.db, { throttle, clock: () => Math.floor(clock() / 1000) });
  handleErrors(app, options.distDir);
  sendSecurityHeaders(app);
  refuseUnknownMethods(app, (pathname) => pathname.startsWith('/ocs/') || pathname.startsWith('/index.php/'));
  // A 10,000-person roster is ~5 MB of JSON (512-character session ids); Nextcloud's web server gzips too.
  gzipAnswers(app, `${OCS_BASE}/*`);
  reportServerTiming(app, `${OCS_BASE}/*`);
  negotiateOcsFormat(app);
  requireOcsHeader(app);
  registerCoreRoutes(app, { db: options.db, identities, options });
  registerLoginFlowRoutes(app, { db: options.db, identities, throttle, clock });
  registerTalkRoutes(app, { store, identities, throttle, generations: options.generations });
  // Bans exist beside v4 only (Talk 20+); a v1-only server answers their routes 404, as it never had them.
  if (options.generations.includes('v4')) registerBanRoutes(app, { bans: new BanStore(options.db, store), identities });
  registerAvatarRoute(app, options.db);
  serveApp(app, options.distDir);
  return app;
}

/** Proxy mode: the built app, and the Nextcloud paths the app uses forwarded to one Nextcloud. */
export function createProxyApp(options: ProxyOptions & { distDir: string }): Hono {
  const app = new Hono();
  handleErrors(app, options.distDir);
  sendSecurityHeaders(app);
  refuseUnknownMethods(app, isProxiedPath);
  registerProxyRoutes(app, options);
  serveApp(app, options.distDir);
  return app;
}
