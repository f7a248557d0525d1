import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoApp, createProxyApp } from './app';
import { openDatabase } from './db/schema';
import { seed } from './db/seed';
import { acceptsGzip, forwardingHeaders, rewriteSetCookie } from './proxy';
import { Client, rawRequest, v1, v4 } from './test/harness';
import { spawnServer, stopAll } from './test/process';

/** What the upstream saw of one request. */
interface Seen {
  method: string;
  target: string;
  headers: Record<string, string>;
}

interface Listening {
  url: string;
  port: number;
  close: () => Promise<void>;
}

const temporary: string[] = [];
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rollcall-proxy-'));
  temporary.push(dir);
  return dir;
}

async function listen(server: http.Server | net.Server | ServerType): Promise<Listening> {
  if (!server.listening) await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The demo server as the Nextcloud to proxy, with a log of every request that reached it. */
async function startUpstream() {
  const dir = tempDir();
  const db = openDatabase(path.join(dir, 'rollcall.sqlite'));
  seed(db);
  const app = createDemoApp({ db, generations: ['v1', 'v4'], circlesEnabled: true, distDir: path.join(dir, 'no-dist') });
  const seen: Seen[] = [];
  const server = serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch: (request: Request) => {
      const url = new URL(request.url);
      seen.push({ method: request.method, target: url.pathname + url.search, headers: Object.fromEntries(request.headers) });
      return app.fetch(request);
    },
  });
  const listening = await listen(server);
  return { ...listening, db, seen, close: async () => (await listening.close(), db.close()) };
}

const APP_HTML = '<!doctype html><title>rollcall</title>';

/** The proxy in this process, serving a stand-in for the built app. */
async function startProxy(upstream: string, timeoutMs = 5_000, settings: { publicUrl?: string; trustedProxies?: string[] } = {}) {
  const distDir = tempDir();
  fs.writeFileSync(path.join(distDir, 'index.html'), APP_HTML);
  fs.mkdirSync(path.join(distDir, 'assets'));
  fs.writeFileSync(path.join(distDir, 'assets', 'app.js'), 'export {};');
  const trustedProxies = new net.BlockList();
  for (const address of settings.trustedProxies ?? []) trustedProxies.addAddress(address);
  const publicUrl = settings.publicUrl ? new URL(settings.publicUrl) : null;
  const app = createProxyApp({ upstream: new URL(upstream), timeoutMs, publicUrl, trustedProxies, distDir });
  return listen(serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }));
}


const basic = (user: string) => `Basic ${Buffer.from(`${user}:demo`).toString('base64')}`;

let upstream: Awaited<ReturnType<typeof startUpstream>>;
let proxy: Listening;
const direct = (user?: string) => new Client(upstream.url, user ? { user, password: 'demo' } : undefined);
const proxied = (user?: string) => new Client(proxy.url, user ? { user, password: 'demo' } : undefined);

beforeAll(async () => {
  upstream = await startUpstream();
  proxy = await startProxy(upstream.url);
});

afterAll(async () => {
  await stopAll();
  await proxy?.close();
  await upstream?.close();
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

describe('proxy mode: forwarding', () => {
  it('forwards /ocs with Basic auth and answers as the upstream does', async () => {
    const before = upstream.seen.length;
    const viaProxy = await proxied('alice').ocs<{ token: string }[]>('GET', v4('/room'));
    const straight = await direct('alice').ocs<{ token: string }[]>('GET', v4('/room'));
    expect(viaProxy.status).toBe(200);
    expect(viaProxy.data.map((room) => room.token)).toEqual(straight.data.map((room) => room.token));
    expect(viaProxy.data.map((room) => room.token)).toContain('designteam');
    const forwarded = upstream.seen[before]!;
    expect(forwarded).toMatchObject({ method: 'GET', target: '/ocs/v2.php/apps/spreed/api/v4/room' });
    expect(forwarded.headers.authorization).toBe(basic('alice'));
    expect(forwarded.headers['ocs-apirequest']).toBe('true');
  });

  it('passes the upstream refusals through unchanged (wrong password: 401 XML; no OCS header: bare 412)', async () => {
    const wrong = await new Client(proxy.url, { user: 'alice', password: 'nope' }).request('GET', v4('/room'));
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('content-type')).toContain('xml');
    expect(wrong.text).toContain('<statuscode>997</statuscode>');
    const csrf = await proxied('alice').request('GET', v4('/room'), { ocsHeader: false });
    expect(csrf.status).toBe(412);
    expect(csrf.body).toEqual({ message: 'CSRF check failed' });
  });

  it('forwards request bodies (form and JSON) with their length', async () => {
    const before = upstream.seen.length;
    const form = await proxied('alice').ocs<{ token: string; displayName: string }>('POST', v4('/room'), {
      form: { roomType: '2', roomName: 'Through the proxy (form) ✓' },
    });
    expect(form.status).toBe(201);
    expect(form.data.displayName).toBe('Through the proxy (form) ✓');
    const json = await proxied('alice').ocs<{ token: string }>('POST', v4(`/room/${form.data.token}/participants`), {
      json: { newParticipant: 'bob', source: 'users' },
    });
    expect(json.status).toBe(200);
    const row = upstream.db
      .prepare("SELECT a.actor_id FROM attendees a JOIN rooms r ON r.id = a.room_id WHERE r.token = ? AND a.actor_id = 'bob'")
      .get(form.data.token);
    expect(row).toBeTruthy();
    const sent = upstream.seen.slice(before).filter((request) => request.method === 'POST');
    expect(sent).toHaveLength(2);
    for (const request of sent) {
      expect(request.headers['content-length']).toMatch(/^\d+$/);
      expect(request.headers['transfer-encoding']).toBeUndefined();
    }
  });

  it('refuses a request body far beyond what the API takes, without bothering the upstream', async () => {
    const before = upstream.seen.length;
    const response = await proxied('alice').ocs('POST', v4('/room'), { body: 'x'.repeat(2 * 1024 * 1024), headers: { 'Content-Type': 'text/plain' } });
    expect(response.status).toBe(413);
    expect(response.meta).toMatchObject({ status: 'failure', statuscode: 413 });
    expect(upstream.seen.slice(before)).toEqual([]);
  });

  it('forwards avatars, bytes and caching headers included', async () => {
    const viaProxy = await proxied('alice').request('GET', '/index.php/avatar/alice/64');
    const straight = await direct('alice').request('GET', '/index.php/avatar/alice/64');
    expect(viaProxy.status).toBe(200);
    expect(viaProxy.headers.get('content-type')).toBe('image/png');
    expect(viaProxy.text).toBe(straight.text);
    const etag = viaProxy.headers.get('etag')!;
    expect(etag).toBe(straight.headers.get('etag'));
    const revalidated = await proxied('alice').request('GET', '/index.php/avatar/alice/64', { headers: { 'If-None-Match': etag } });
    expect(revalidated.status).toBe(304);
    expect(upstream.seen.at(-1)).toMatchObject({ target: '/index.php/avatar/alice/64' });
  });

  it.each(['/index.php/apps/theming/image/logo?useSvg=1&v=3', '/core/img/logo/logo.svg?v=0'])(
    'forwards the server logo the theming capability names (%s)',
    async (target) => {
      const before = upstream.seen.length;
      await proxied().request('GET', target, { ocsHeader: false });
      expect(upstream.seen.slice(before)).toEqual([expect.objectContaining({ method: 'GET', target })]);
    },
  );

  it('forwards Login Flow v2 to the upstream, whose answers come back', async () => {
    const before = upstream.seen.length;
    const response = await proxied().request('POST', '/index.php/login/v2', { ocsHeader: false });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toMatchObject({ poll: { token: expect.any(String) }, login: expect.any(String) });
    expect(upstream.seen.slice(before)).toEqual([expect.objectContaining({ method: 'POST', target: '/index.php/login/v2' })]);
    // An unknown poll token: the upstream's own empty 404, as Nextcloud answers until access is granted.
    const poll = await proxied().request('POST', '/index.php/login/v2/poll', { form: { token: 'x' }, ocsHeader: false });
    expect(poll.status).toBe(404);
    expect(upstream.seen.slice(before).map((request) => request.target)).toEqual(['/index.php/login/v2', '/index.php/login/v2/poll']);
  });

  it('streams a large answer through intact (the 10,000-participant roster)', async () => {
    const route = v4('/room/allhands/participants');
    const [viaProxy, straight] = await Promise.all([
      proxied('alice').request('GET', route, { params: { includeStatus: 1 } }),
      direct('alice').request('GET', route, { params: { includeStatus: 1 } }),
    ]);
    expect(viaProxy.status).toBe(200);
    expect(viaProxy.text.length).toBeGreaterThan(1_000_000);
    expect(viaProxy.text).toBe(straight.text);
    expect((viaProxy.body as { ocs: { data: unknown[] } }).ocs.data).toHaveLength(10_000);
  });
});

/** A stand-in Nextcloud that records what reached it and answers with the headers a test gives it. */
async function startRecordingUpstream(answer: (request: http.IncomingMessage, response: http.ServerResponse) => void = (_, response) => response.end('{}')) {
  const requests: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ method: request.method!, url: request.url!, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      answer(request, response);
    });
  });
  server.listen(0, '127.0.0.1');
  return { ...(await listen(server)), requests };
}

describe('proxy mode: what Nextcloud is told about the client', () => {
  const capabilities = '/ocs/v2.php/cloud/capabilities';
  const spoofing = {
    'OCS-APIRequest': 'true',
    Host: 'evil.example',
    'X-Forwarded-Host': 'evil.example',
    'X-Forwarded-Proto': 'https',
    'X-Forwarded-For': '203.0.113.9',
    'X-Forwarded-Port': '443',
    'X-Real-IP': '203.0.113.9',
    'X-Client-IP': '203.0.113.9',
    Forwarded: 'for=203.0.113.9;host=evil.example;proto=https',
  };

  it('names the Nextcloud itself as host and protocol, and the socket peer as the client', async () => {
    const before = upstream.seen.length;
    await proxied('alice').ocs('GET', capabilities);
    const forwarded = upstream.seen[before]!.headers;
    expect(forwarded.host).toBe(`127.0.0.1:${upstream.port}`);
    expect(forwarded['x-forwarded-host']).toBe(`127.0.0.1:${upstream.port}`);
    expect(forwarded['x-forwarded-proto']).toBe('http');
    expect(forwarded['x-forwarded-for']).toBe('127.0.0.1');
    expect(forwarded.forwarded).toBe('for=127.0.0.1;proto=http');
  });

  it('believes none of the forwarding claims of a client it does not trust', async () => {
    const before = upstream.seen.length;
    const response = await rawRequest(proxy.port, capabilities, 'GET', spoofing);
    expect(response.status).toBe(200);
    const forwarded = upstream.seen[before]!.headers;
    expect(forwarded.host).toBe(`127.0.0.1:${upstream.port}`);
    expect(forwarded['x-forwarded-host']).toBe(`127.0.0.1:${upstream.port}`);
    expect(forwarded['x-forwarded-proto']).toBe('http');
    expect(forwarded['x-forwarded-for']).toBe('127.0.0.1');
    expect(forwarded.forwarded).toBe('for=127.0.0.1;proto=http');
    expect(forwarded['x-forwarded-port']).toBeUndefined();
    expect(forwarded['x-real-ip']).toBeUndefined();
    expect(forwarded['x-client-ip']).toBeUndefined();
  });

  it('extends the chain of a trusted proxy in front, and names its public origin (PUBLIC_URL)', async () => {
    const behindProxy = await startProxy(upstream.url, 5_000, { trustedProxies: ['127.0.0.1'], publicUrl: 'https://talk.example' });
    try {
      const before = upstream.seen.length;
      await rawRequest(behindProxy.port, capabilities, 'GET', spoofing);
      const forwarded = upstream.seen[before]!.headers;
      expect(forwarded['x-forwarded-for']).toBe('203.0.113.9, 127.0.0.1');
      expect(forwarded.forwarded).toBe('for=203.0.113.9;host=evil.example;proto=https, for=127.0.0.1;host="talk.example";proto=https');
      // Still the Nextcloud's own: links it builds (Login Flow's login page) must lead to it, not here.
      expect(forwarded['x-forwarded-host']).toBe(`127.0.0.1:${upstream.port}`);
      expect(forwarded['x-forwarded-proto']).toBe('http');
      expect(forwarded['x-real-ip']).toBeUndefined();
    } finally {
      await behindProxy.close();
    }
  });

  it('trusts no chain from a peer that is not on the list', async () => {
    const elsewhere = await startProxy(upstream.url, 5_000, { trustedProxies: ['10.0.0.1'] });
    try {
      const before = upstream.seen.length;
      await rawRequest(elsewhere.port, capabilities, 'GET', spoofing);
      expect(upstream.seen[before]!.headers['x-forwarded-for']).toBe('127.0.0.1');
    } finally {
      await elsewhere.close();
    }
  });
});

describe('forwardingHeaders', () => {
  const settings = { upstream: new URL('https://cloud.example/nextcloud'), publicUrl: null, ownTls: false, trustedProxies: new net.BlockList() };

  it('names an IPv4 client of a dual-stack socket as IPv4, and an IPv6 one as RFC 7239 asks', () => {
    const mapped = forwardingHeaders(new Headers(), '::ffff:198.51.100.4', settings);
    expect(mapped.get('x-forwarded-for')).toBe('198.51.100.4');
    expect(mapped.get('forwarded')).toBe('for=198.51.100.4;proto=http');
    const six = forwardingHeaders(new Headers(), '2001:db8::1', settings);
    expect(six.get('x-forwarded-for')).toBe('2001:db8::1');
    expect(six.get('forwarded')).toBe('for="[2001:db8::1]";proto=http');
    expect(six.get('x-forwarded-host')).toBe('cloud.example');
    expect(six.get('x-forwarded-proto')).toBe('https');
  });
});

describe('proxy mode: hop-by-hop headers (RFC 9110 §7.6.1)', () => {
  it('passes none on in either direction, nor what Connection names', async () => {
    const recording = await startRecordingUpstream((_, response) => {
      response.writeHead(200, {
        'Content-Type': 'application/json',
        Connection: 'keep-alive, X-Upstream-Private',
        'X-Upstream-Private': 'for the proxy only',
        'Keep-Alive': 'timeout=77',
        'Proxy-Connection': 'keep-alive',
        'Proxy-Authenticate': 'Basic realm="upstream proxy"',
        'X-Nextcloud-Talk-Hash': 'kept',
      });
      response.end('{}');
    });
    const recordingProxy = await startProxy(recording.url);
    try {
      const response = await rawRequest(recordingProxy.port, '/ocs/v2.php/cloud/capabilities', 'GET', {
        Connection: 'keep-alive, X-Client-Private',
        'X-Client-Private': 'for the proxy only',
        'Proxy-Connection': 'keep-alive, X-Legacy-Private',
        'X-Legacy-Private': '1',
        'Keep-Alive': 'timeout=77',
        TE: 'trailers',
        'Proxy-Authorization': 'Basic c2VjcmV0',
        'OCS-APIRequest': 'true',
      });
      expect(response.status).toBe(200);
      const sent = recording.requests[0]!.headers;
      for (const name of ['x-client-private', 'x-legacy-private', 'proxy-connection', 'keep-alive', 'te', 'proxy-authorization']) {
        expect(sent[name], name).toBeUndefined();
      }
      expect(sent.connection ?? 'keep-alive').toBe('keep-alive');
      expect(sent['ocs-apirequest']).toBe('true');
      for (const name of ['x-upstream-private', 'proxy-connection', 'proxy-authenticate']) {
        expect(response.headers[name], name).toBeUndefined();
      }
      // The proxy's own connection to the client has a Keep-Alive of its own; the upstream's stays behind.
      expect(response.headers['keep-alive']).not.toBe('timeout=77');
      expect(response.headers['x-nextcloud-talk-hash']).toBe('kept');
    } finally {
      await recordingProxy.close();
      await recording.close();
    }
  });
});

describe('proxy mode: Secure cookies follow the public origin, never a client header', () => {
  const secureCookie = '__Host-nc_sameSiteCookielax=true; path=/; secure; HttpOnly; SameSite=lax';

  it.each([
    ['https://talk.example', {}, true],
    ['http://talk.example', { 'X-Forwarded-Proto': 'https' }, false],
    [undefined, { 'X-Forwarded-Proto': 'https', Forwarded: 'proto=https' }, false],
  ] as const)('PUBLIC_URL %s, client headers %o: Secure kept: %s', async (publicUrl, headers, secure) => {
    const recording = await startRecordingUpstream((_, response) => {
      response.setHeader('Set-Cookie', secureCookie);
      response.end('{}');
    });
    const cookieProxy = await startProxy(recording.url, 5_000, publicUrl ? { publicUrl } : {});
    try {
      const response = await rawRequest(cookieProxy.port, '/ocs/v2.php/cloud/capabilities', 'GET', headers);
      const [cookie] = response.headers['set-cookie']!;
      expect(/;\s*secure(?:;|$)/i.test(cookie!)).toBe(secure);
    } finally {
      await cookieProxy.close();
      await recording.close();
    }
  });
});

describe('proxy mode: odd requests', () => {
  it('answers Expect: 100-continue with 100, then forwards the body and answers as the upstream does', async () => {
    const before = upstream.seen.length;
    const body = new URLSearchParams({ roomType: '2', roomName: 'Expecting 100' }).toString();
    const response = await rawRequest(
      proxy.port,
      v4('/room'),
      'POST',
      {
        Authorization: basic('alice'),
        'OCS-APIRequest': 'true',
        Accept: 'application/json',
        'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': String(Buffer.byteLength(body)),
        Expect: '100-continue',
      },
      body,
    );
    expect(response.continued).toBe(true);
    expect(response.status).toBe(201);
    expect(JSON.parse(response.body).ocs.data.displayName).toBe('Expecting 100');
    expect(upstream.seen[before]!.headers.expect).toBeUndefined();
  });

  it('refuses an expectation it cannot meet with 417', async () => {
    const response = await rawRequest(proxy.port, v4('/room'), 'POST', { Expect: 'something-else', 'Content-Length': '0' });
    expect(response.status).toBe(417);
  });

  it('answers TRACE with 405 and the methods the path takes, forwarding nothing', async () => {
    const before = upstream.seen.length;
    const api = await rawRequest(proxy.port, v4('/room'), 'TRACE');
    expect(api.status).toBe(405);
    expect(api.headers.allow).toBe('GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS');
    const page = await rawRequest(proxy.port, '/rooms/designteam', 'TRACE');
    expect(page.status).toBe(405);
    expect(page.headers.allow).toBe('GET, HEAD');
    expect(upstream.seen.slice(before)).toEqual([]);
  });
});

describe('proxy mode: security headers', () => {
  it('sends them with everything rollcall answers itself: pages, assets, 404s, 405s, its own 502', async () => {
    const closed = net.createServer();
    closed.listen(0, '127.0.0.1');
    const { url: downUrl } = await listen(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const downProxy = await startProxy(downUrl);
    try {
      const answers = await Promise.all([
        rawRequest(proxy.port, '/'),
        rawRequest(proxy.port, '/rooms/designteam'),
        rawRequest(proxy.port, '/call/officehours'),
        rawRequest(proxy.port, '/login'),
        rawRequest(proxy.port, '/assets/app.js'),
        rawRequest(proxy.port, '/no/such/page', 'GET', { Accept: 'text/html' }),
        rawRequest(proxy.port, '//remote.php/dav'),
        rawRequest(proxy.port, '/', 'TRACE'),
        rawRequest(downProxy.port, v4('/room'), 'GET', { 'OCS-APIRequest': 'true' }),
      ]);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 404, 404, 405, 502]);
      for (const answer of answers) {
        expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
        expect(answer.headers['x-frame-options']).toBe('DENY');
        expect(answer.headers['x-content-type-options']).toBe('nosniff');
        expect(answer.headers['referrer-policy']).toBe('no-referrer');
      }
    } finally {
      await downProxy.close();
    }
  });

  it("leaves Nextcloud's own answers with Nextcloud's own headers", async () => {
    const nextcloudPolicy = "default-src 'none';base-uri 'none';manifest-src 'self';frame-ancestors 'none'";
    const recording = await startRecordingUpstream((request, response) => {
      if (request.url!.includes('/login/v2/flow')) response.setHeader('Content-Security-Policy', nextcloudPolicy);
      response.setHeader('Content-Type', 'text/html');
      response.end('<!doctype html><title>Nextcloud</title>');
    });
    const recordingProxy = await startProxy(recording.url);
    try {
      const flow = await rawRequest(recordingProxy.port, '/index.php/login/v2/flow/abc');
      expect(flow.headers['content-security-policy']).toBe(nextcloudPolicy);
      const avatar = await rawRequest(recordingProxy.port, '/index.php/avatar/alice/64');
      expect(avatar.headers['content-security-policy']).toBeUndefined();
      expect(avatar.headers['x-frame-options']).toBeUndefined();
    } finally {
      await recordingProxy.close();
      await recording.close();
    }
  });
});

describe('proxy mode: compression', () => {
  const rosterRoute = v4('/room/allhands/participants');
  const asAlice = { Authorization: basic('alice'), 'OCS-APIRequest': 'true', Accept: 'application/json' };

  it('asks the upstream for gzip when the client takes it and passes the compressed bytes on', async () => {
    const before = upstream.seen.length;
    const response = await rawRequest(proxy.port, rosterRoute, 'GET', { ...asAlice, 'Accept-Encoding': 'gzip, deflate, br' });
    expect(upstream.seen[before]!.headers['accept-encoding']).toBe('gzip');
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    const json = zlib.gunzipSync(response.bytes);
    expect(JSON.parse(json.toString('utf8')).ocs.data).toHaveLength(10_000);
    // What travels is a fraction of the JSON (Talk 19: 3.55 MB → 845 KB; the demo's random session ids
    // compress less well).
    expect(response.bytes.length).toBeLessThan(json.length / 2);
  });

  it('asks for no compression when the client takes none, and answers plain', async () => {
    const before = upstream.seen.length;
    const response = await rawRequest(proxy.port, rosterRoute, 'GET', { ...asAlice, 'Accept-Encoding': 'identity' });
    expect(upstream.seen[before]!.headers['accept-encoding']).toBe('identity');
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(response.body).ocs.data).toHaveLength(10_000);
    const refused = await rawRequest(proxy.port, rosterRoute, 'GET', { ...asAlice, 'Accept-Encoding': 'gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('keeps the compressed bytes of the upstream as they are, and compresses what an upstream sent plain', async () => {
    const json = JSON.stringify({ ocs: { meta: { status: 'ok', statuscode: 200, message: 'OK' }, data: Array(500).fill({ displayName: 'Ann' }) } });
    // Level 1 with a fixed header: bytes this proxy could not produce by decoding and compressing again.
    const upstreamGzip = zlib.gzipSync(json, { level: 1 });
    const asked: (string | undefined)[] = [];
    const recording = http.createServer((request, response) => {
      asked.push(request.headers['accept-encoding']);
      response.setHeader('Content-Type', 'application/json; charset=utf-8');
      if (request.url!.includes('/compressed')) {
        response.setHeader('Content-Encoding', 'gzip');
        response.end(upstreamGzip);
      } else {
        response.end(json);
      }
    });
    recording.listen(0, '127.0.0.1');
    const recordingUpstream = await listen(recording);
    const recordingProxy = await startProxy(recordingUpstream.url);
    try {
      const compressed = await rawRequest(recordingProxy.port, '/ocs/v2.php/compressed', 'GET', { 'Accept-Encoding': 'gzip' });
      expect(compressed.headers['content-encoding']).toBe('gzip');
      expect(compressed.bytes.equals(upstreamGzip)).toBe(true);
      const plain = await rawRequest(recordingProxy.port, '/ocs/v2.php/plain', 'GET', { 'Accept-Encoding': 'gzip' });
      expect(plain.headers['content-encoding']).toBe('gzip');
      expect(zlib.gunzipSync(plain.bytes).toString('utf8')).toBe(json);
      expect(asked).toEqual(['gzip', 'gzip']);
    } finally {
      await recordingProxy.close();
      await recordingUpstream.close();
    }
  });

  it('reads Accept-Encoding as HTTP does', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1.0, gzip;q=0.8')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('br, deflate')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});

describe('proxy mode: the login box of the browser', () => {
  it('never passes a Basic challenge on: a refused login is challenged with DummyBasic', async () => {
    const refused = await rawRequest(proxy.port, v4('/room'), 'GET', {
      Authorization: `Basic ${Buffer.from('alice:wrong').toString('base64')}`,
      'OCS-APIRequest': 'true',
      Accept: 'application/json',
    });
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toBe('DummyBasic realm="Nextcloud", charset="UTF-8"');
    expect(refused.body).toContain('<statuscode>997</statuscode>');
  });
});

describe('proxy mode: guests', () => {
  it('gives the guest the upstream session cookie (no Domain) and sends it back upstream', async () => {
    const guest = proxied();
    const joined = await guest.ocs<{ token: string; sessionId: string }>('POST', v4('/room/officehours/participants/active'));
    expect(joined.status).toBe(200);
    const cookies = joined.headers.getSetCookie();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatch(/^rollcall_session=[^;]+; /);
    expect(cookies[0]).not.toMatch(/domain=/i);
    expect(guest.cookieHeader).toMatch(/^rollcall_session=/);

    const before = upstream.seen.length;
    const named = await guest.ocs('POST', v1('/guest/officehours/name'), { form: { displayName: 'Proxied guest' } });
    expect(named.status).toBe(200);
    expect(upstream.seen[before]!.headers.cookie).toBe(guest.cookieHeader);
    const browserSession = guest.cookieHeader.split('=')[1];
    const row = upstream.db
      .prepare("SELECT display_name FROM attendees WHERE actor_type = 'guests' AND browser_session = ?")
      .get(browserSession) as { display_name: string } | undefined;
    expect(row?.display_name).toBe('Proxied guest');
    // Without the cookie the same call is a stranger's.
    const stranger = await proxied().ocs('POST', v1('/guest/officehours/name'), { form: { displayName: 'Nobody' } });
    expect(stranger.status).toBe(404);
  });

  it('rewrites the cookies of a Nextcloud under a sub-path for this origin', async () => {
    // A stand-in for https://cloud.example/nextcloud: its cookies name its domain, its path, and Secure.
    const seen: string[] = [];
    let fakeUrl = '';
    const fake = http.createServer((request, response) => {
      seen.push(request.url!);
      if (request.url!.startsWith('/nextcloud/index.php/login/v2/flow')) {
        response.writeHead(303, { Location: `${fakeUrl}/nextcloud/index.php/login/v2/grant?x=1` }).end();
        return;
      }
      response.setHeader('Set-Cookie', [
        'oc1234=abc; path=/nextcloud; secure; HttpOnly; SameSite=Lax',
        'oc_sessionPassphrase=xyz; path=/nextcloud; domain=cloud.example; secure; HttpOnly',
        'nc_other=1; path=/nextcloud/index.php; secure',
      ]);
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify({ ocs: { meta: { status: 'ok', statuscode: 200, message: 'OK' }, data: [] } }));
    });
    fake.listen(0, '127.0.0.1');
    const fakeUpstream = await listen(fake);
    fakeUrl = fakeUpstream.url;
    const subProxy = await startProxy(`${fakeUpstream.url}/nextcloud/`);
    try {
      const response = await new Client(subProxy.url).request('POST', v4('/room/officehours/participants/active'));
      expect(response.status).toBe(200);
      expect(seen).toEqual(['/nextcloud/ocs/v2.php/apps/spreed/api/v4/room/officehours/participants/active']);
      expect(response.headers.getSetCookie()).toEqual([
        'oc1234=abc; path=/; HttpOnly; SameSite=Lax',
        'oc_sessionPassphrase=xyz; path=/; HttpOnly',
        'nc_other=1; path=/index.php',
      ]);
      // Redirects to the Nextcloud itself become redirects on this origin.
      const redirected = await rawRequest(subProxy.port, '/index.php/login/v2/flow/abc');
      expect(seen.at(-1)).toBe('/nextcloud/index.php/login/v2/flow/abc');
      expect(redirected.status).toBe(303);
      expect(redirected.headers.location).toBe('/index.php/login/v2/grant?x=1');
    } finally {
      await subProxy.close();
      await fakeUpstream.close();
    }
  });

  it('rewriteSetCookie keeps Secure for an https public origin and drops only Domain', () => {
    const cookie = 'ocabc=1; Path=/; Domain=.cloud.example; Secure; HttpOnly; SameSite=Lax';
    expect(rewriteSetCookie(cookie, true)).toBe('ocabc=1; Path=/; Secure; HttpOnly; SameSite=Lax');
    expect(rewriteSetCookie(cookie, false)).toBe('ocabc=1; Path=/; HttpOnly; SameSite=Lax');
    expect(rewriteSetCookie('a=b; Path=/nc/ocs', true, '/nc')).toBe('a=b; Path=/ocs');
    expect(rewriteSetCookie('a=b; Path=/elsewhere', true, '/nc')).toBe('a=b; Path=/');
  });
});

describe('proxy mode: never an open proxy', () => {
  // 404: a path this proxy neither forwards nor serves; 405: a method nothing here takes.
  it.each([
    ['GET', '/remote.php/dav/files/alice/', 404],
    ['PROPFIND', '/remote.php/dav/files/alice/', 405],
    ['TRACE', '/ocs/v2.php/cloud/capabilities', 405],
    ['GET', '/index.php/apps/files', 404],
    ['GET', '/index.php/avatar', 404],
    ['GET', '/index.php/login/v2evil', 404],
    ['GET', '/index.php/login/v2/../../apps/files', 404],
    ['GET', '/status.php', 404],
    ['GET', '/ocs', 404],
    ['GET', '//evil.example/ocs/v2.php/cloud/capabilities', 404],
    ['GET', '//evil.example/index.php/avatar/alice/64', 404],
    ['GET', '//remote.php/dav', 404],
    ['GET', '/ocs/../remote.php/dav/files/alice/', 404],
    ['GET', '/ocs/%2e%2e/remote.php/dav/files/alice/', 404],
    ['GET', '/ocs/..%2fremote.php/dav/files/alice/', 404],
    ['GET', '/ocs/%2E%2E%2Fremote.php/dav/files/alice/', 404],
    ['GET', '/index.php/avatar/..%2f..%2fapps/files', 404],
    ['GET', '/ocs/v2.php%2f..%2f..%2fremote.php/dav', 404],
    ['GET', '/ocs/..%5cremote.php/dav', 404],
    ['GET', '/index.php/avatar/%252e%252e/apps', 404],
    ['GET', '/ocs/v2.php/cloud/capabilities%00', 404],
  ] as const)('does not forward %s %s', async (method, target, expected) => {
    const before = upstream.seen.length;
    const response = await rawRequest(proxy.port, target, method, { Authorization: basic('alice'), 'OCS-APIRequest': 'true' });
    expect(upstream.seen.slice(before)).toEqual([]);
    expect(response.status).toBe(expected);
    expect(response.body).not.toContain(APP_HTML);
  });

  it('sends an absolute-form request target to the configured upstream only', async () => {
    const before = upstream.seen.length;
    const response = await rawRequest(proxy.port, 'http://evil.example/ocs/v2.php/cloud/capabilities', 'GET', {
      'OCS-APIRequest': 'true',
      Accept: 'application/json',
    });
    expect(response.status).toBe(200);
    const forwarded = upstream.seen.slice(before);
    expect(forwarded).toHaveLength(1);
    expect(forwarded[0]!.headers.host).toBe(`127.0.0.1:${upstream.port}`);
    const remote = await rawRequest(proxy.port, 'http://evil.example/remote.php/dav', 'GET');
    expect(remote.status).toBe(404);
    expect(upstream.seen.length).toBe(before + 1);
  });
});

describe('proxy mode: upstream failures', () => {
  it('answers 502 with an envelope naming the upstream when it is down', async () => {
    const closed = net.createServer();
    closed.listen(0, '127.0.0.1');
    const { url } = await listen(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const downProxy = await startProxy(url);
    try {
      const response = await new Client(downProxy.url, { user: 'alice', password: 'demo' }).ocs('GET', v4('/room'));
      expect(response.status).toBe(502);
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(response.meta).toMatchObject({ status: 'failure', statuscode: 502 });
      expect(response.meta.message).toContain(url);
      expect(response.meta.message).toMatch(/ECONNREFUSED/);
    } finally {
      await downProxy.close();
    }
  });

  it('answers 504 with an envelope when the upstream never answers', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.resume();
    });
    silent.listen(0, '127.0.0.1');
    const silentUpstream = await listen(silent);
    const slowProxy = await startProxy(silentUpstream.url, 300);
    try {
      const started = Date.now();
      const response = await new Client(slowProxy.url, { user: 'alice', password: 'demo' }).ocs('GET', v4('/room'));
      expect(response.status).toBe(504);
      expect(response.meta).toMatchObject({ status: 'failure', statuscode: 504 });
      expect(response.meta.message).toContain(silentUpstream.url);
      // Its own 300 ms, not the 30 s default: far below that even when a loaded machine is slow to answer.
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(sockets.size).toBeGreaterThan(0);
    } finally {
      for (const socket of sockets) socket.destroy();
      await slowProxy.close();
      await silentUpstream.close();
    }
  });
});

describe('proxy mode: the server process', () => {
  it('runs as a proxy with NEXTCLOUD_URL and creates no demo database', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const server = await spawnServer({ env: { NEXTCLOUD_URL: upstream.url, DATA_DIR: dataDir, PROXY_TIMEOUT_MS: '5000' } });
    try {
      expect(server.output()).toContain(`proxy to ${upstream.url}`);
      const rooms = await new Client(server.url, { user: 'alice', password: 'demo' }).ocs<{ token: string }[]>('GET', v4('/room'));
      expect(rooms.status).toBe(200);
      expect(rooms.data.map((room) => room.token)).toContain('designteam');
    } finally {
      const exit = await server.kill('SIGTERM');
      expect(exit.code).toBe(0);
    }
    expect(fs.existsSync(path.join(dataDir, 'rollcall.sqlite'))).toBe(false);
    expect(fs.existsSync(dataDir) ? fs.readdirSync(dataDir) : []).toEqual([]);
  });
});

