import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoApp } from './app';
import { openDatabase, type Db } from './db/schema';
import { seed } from './db/seed';
import { SECURITY_HEADERS } from './http/security-headers';
import { rawRequest, v4 } from './test/harness';

const APP_HTML = '<!doctype html><title>rollcall</title><script type="module" src="/assets/app.js"></script>';
const basicAlice = `Basic ${Buffer.from('alice:demo').toString('base64')}`;
const asAlice = { Authorization: basicAlice, 'OCS-APIRequest': 'true', Accept: 'application/json' };

let dir: string;
let db: Db;
let app: Hono;
let unbuilt: Hono;
let server: ServerType;
let port: number;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rollcall-app-'));
  db = openDatabase(path.join(dir, 'rollcall.sqlite'));
  seed(db);
  const distDir = path.join(dir, 'dist');
  fs.mkdirSync(path.join(distDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(distDir, 'index.html'), APP_HTML);
  fs.writeFileSync(path.join(distDir, 'assets', 'app.js'), 'export {};');
  app = createDemoApp({ db, generations: ['v1', 'v4'], circlesEnabled: true, distDir });
  unbuilt = createDemoApp({ db, generations: ['v1', 'v4'], circlesEnabled: true, distDir: path.join(dir, 'no-dist') });
  // Over a socket: fetch's Request refuses TRACE, and only Node's server answers Expect: 100-continue.
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const get = (target: string, headers: Record<string, string> = {}) => app.request(target, { headers });

/** A request over a socket (the body held back for the server's 100 under `Expect: 100-continue`), read like a fetch answer. */
async function send(method: string, target: string, headers: Record<string, string> = {}, body?: string) {
  const answer = await rawRequest(port, target, method, headers, body);
  const received = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) if (typeof value === 'string') received.set(name, value);
  return { continued: answer.continued, status: answer.status, headers: received, text: answer.body };
}

describe('demo mode: security headers', () => {
  it('has a strict policy: nothing inline, nothing evaluated, nothing from elsewhere, never framed', () => {
    const policy = SECURITY_HEADERS['Content-Security-Policy']!;
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*|data:|blob:|https?:/);
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self'",
      "connect-src 'self'",
      "worker-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "object-src 'none'",
    ]) {
      expect(policy.split('; ')).toContain(directive);
    }
  });

  it.each([
    ['the conversations page', () => get('/'), 200],
    ['a conversation page', () => get('/rooms/designteam'), 200],
    ['the join page', () => get('/call/officehours'), 200],
    ['the sign-in page', () => get('/login'), 200],
    ['an asset', () => get('/assets/app.js'), 200],
    ['an API answer', () => get(v4('/room'), asAlice), 200],
    ['an avatar', () => get('/index.php/avatar/alice/64', { Authorization: basicAlice }), 200],
    ['a refused login', () => get(v4('/room'), { ...asAlice, Authorization: 'Basic eDp5' }), 401],
    ['an API call without the OCS header', () => get(v4('/room'), { Authorization: basicAlice }), 412],
    ['an unknown API path', () => get('/ocs/v2.php/apps/nothing', asAlice), 404],
    ['an unknown page', () => get('/no/such/page'), 404],
    ['a missing asset', () => get('/assets/gone.js'), 404],
    ['TRACE', () => send('TRACE', '/'), 405],
    ['the page of an unbuilt app', () => unbuilt.request('/'), 503],
  ] as const)('are sent with %s', async (_, answer, status) => {
    const response = await answer();
    expect(response.status).toBe(status);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name), name).toBe(value);
  });
});

describe('demo mode: the page\'s own inline script', () => {
  const script = "console.log('early');";
  const pageWithScript = `<!doctype html><title>rollcall</title><script>${script}</script><script type="module" src="/assets/app.js"></script>`;
  let inlined: Hono;

  beforeAll(() => {
    const distDir = path.join(dir, 'dist-inline');
    fs.mkdirSync(distDir, { recursive: true });
    fs.writeFileSync(path.join(distDir, 'index.html'), pageWithScript);
    inlined = createDemoApp({ db, generations: ['v4'], circlesEnabled: true, distDir });
  });

  it.each(['/', '/rooms/designteam', '/no/such/page'])('is allowed by its hash, and nothing else inline, at %s', async (target) => {
    const response = await inlined.request(target);
    expect(await response.text()).toBe(pageWithScript);
    const hash = createHash('sha256').update(script).digest('base64');
    const policy = response.headers.get('content-security-policy')!.split('; ');
    expect(policy).toContain(`script-src 'self' 'sha256-${hash}'`);
    expect(policy.filter((directive) => !directive.startsWith('script-src '))).toEqual(
      SECURITY_HEADERS['Content-Security-Policy']!.split('; ').filter((directive) => !directive.startsWith('script-src ')),
    );
  });

  it('is never served as a file, whose policy would block it', async () => {
    const response = await inlined.request('/index.html');
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(script);
  });
});

describe('demo mode: caching', () => {
  it('keeps built files, named after their content, for a year, and checks the page and other files each time', async () => {
    expect((await get('/assets/app.js')).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await get('/rooms/designteam')).headers.get('cache-control')).toBe('no-cache');
    expect((await get('/')).headers.get('cache-control')).toBe('no-cache');
    expect((await get('/assets/gone.js')).headers.get('cache-control')).toBe('no-cache');
    // API answers say what they say themselves (an avatar may be kept for an hour, a list not at all).
    expect((await get(v4('/room'), asAlice)).headers.get('cache-control')).toBeNull();
    expect((await get('/index.php/avatar/alice/64', { Authorization: basicAlice })).headers.get('cache-control')).toBe('private, max-age=3600');
  });
});

describe('demo mode: what is the app and what is not', () => {
  it.each(['/', '/login', '/rooms/designteam', '/rooms/designteam/', '/call/officehours'])('serves the app at %s', async (target) => {
    const response = await get(target);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(APP_HTML);
  });

  it('answers a path a person may have followed with 404 and the app, which shows its "not found" page', async () => {
    for (const target of ['/no/such/page', '/rooms', '/rooms/designteam/extra', '/call/']) {
      const response = await get(target, { Accept: 'text/html' });
      expect(response.status, target).toBe(404);
      expect(response.headers.get('content-type'), target).toContain('text/html');
      expect(await response.text(), target).toBe(APP_HTML);
    }
  });

  it('answers Nextcloud paths, scripts and files with a plain 404, never the app', async () => {
    for (const target of ['//remote.php/dav', '/remote.php/dav/files/alice/', '/status.php', '/assets/gone.js', '/ocs']) {
      const response = await get(target, { Accept: 'text/html' });
      expect(response.status, target).toBe(404);
      expect(await response.text(), target).not.toContain('<title>rollcall</title>');
    }
  });

  it('refuses TRACE and methods nothing here takes with 405 and what the path does take', async () => {
    const page = await send('TRACE', '/rooms/designteam');
    expect(page.status).toBe(405);
    expect(page.headers.get('allow')).toBe('GET, HEAD');
    const posted = await send('POST', '/login');
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET, HEAD');
    const api = await send('TRACE', v4('/room'), asAlice);
    expect(api.status).toBe(405);
    expect(api.headers.get('allow')).toBe('GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS');
    expect(JSON.parse(api.text)).toMatchObject({ ocs: { meta: { status: 'failure', statuscode: 405 } } });
  });
});

describe('demo mode: Expect: 100-continue', () => {
  it('answers 100, takes the body, and answers the request', async () => {
    const body = new URLSearchParams({ roomType: '2', roomName: 'Expecting 100' }).toString();
    const answer = await send(
      'POST',
      v4('/room'),
      {
        ...asAlice,
        'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': String(Buffer.byteLength(body)),
        Expect: '100-continue',
      },
      body,
    );
    expect(answer.continued).toBe(true);
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.text).ocs.data.displayName).toBe('Expecting 100');
  });
});
