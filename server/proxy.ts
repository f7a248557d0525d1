import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { Readable } from 'node:stream';
import type { Context, Hono } from 'hono';
import { compress } from 'hono/compress';
import { getConnInfo } from '@hono/node-server/conninfo';
import { envelope } from './http/ocs';
import { markAnsweredByUpstream } from './http/security-headers';

export interface ProxyOptions {
  /** The Nextcloud to front, e.g. https://cloud.example.com or https://example.com/nextcloud */
  upstream: URL;
  /** How long to wait for the upstream's response headers before answering 504. */
  timeoutMs: number;
  /** rollcall's own public origin (PUBLIC_URL), when a TLS proxy stands in front of it. */
  publicUrl?: URL | null;
  /** The proxies in front of rollcall whose forwarded-for chain is kept (TRUSTED_PROXIES). */
  trustedProxies?: net.BlockList;
}

/** The only paths forwarded: the app needs these and nothing else, so this is never an open proxy. */
export const PROXIED_PREFIXES = [
  '/ocs/',
  '/index.php/avatar/',
  '/index.php/login/v2',
  // The server's logo, as the theming capability names it (src/lib/theme/theming.ts NEXTCLOUD_LOGO_PATHS): the
  // page may load images from its own origin only.
  '/index.php/apps/theming/image/',
  '/core/img/logo/',
] as const;

/** Hop-by-hop headers (RFC 9110 §7.6.1): they describe one connection and never travel on. */
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];

/** The hop-by-hop set plus every header a `Connection` (or the older `Proxy-Connection`) header names. */
export function hopByHopHeaders(headers: Headers): Set<string> {
  const names = new Set(HOP_BY_HOP);
  for (const header of ['connection', 'proxy-connection']) {
    for (const token of (headers.get(header) ?? '').split(',')) {
      const name = token.trim().toLowerCase();
      if (name) names.add(name);
    }
  }
  return names;
}

/**
 * What a client may claim about where a request came from or was addressed to. None of it is passed on as
 * the client wrote it: the proxy writes its own (`forwardingHeaders`).
 */
const CLIENT_CLAIMS = /^(?:x-forwarded-.*|forwarded|x-real-ip|x-client-ip|client-ip|true-client-ip|x-cluster-client-ip)$/;

/**
 * Host and Content-Length belong to the upstream request (set from the target and the buffered body);
 * `Expect: 100-continue` was already answered to the client (Node sends the 100) and the body read in full.
 */
const REWRITTEN = new Set(['host', 'content-length', 'expect']);

/**
 * Percent-encoded slashes, backslashes, dots, NULs and percents: the path checked here would not be the path
 * the upstream acts on (nginx decodes `%2F` and then resolves `..`), so `/ocs/..%2F..%2Fremote.php/dav`
 * could reach what the prefixes exclude. No path the app calls contains them (tokens are [a-z0-9], user ids
 * never contain `%`, and encodeURIComponent leaves `.` alone).
 */
const SMUGGLED = /%(?:2f|5c|2e|00|25)/i;

export function isProxiedPath(pathname: string): boolean {
  if (SMUGGLED.test(pathname) || pathname.includes('\\')) return false;
  return PROXIED_PREFIXES.some((prefix) =>
    prefix.endsWith('/') ? pathname.startsWith(prefix) : pathname === prefix || pathname.startsWith(`${prefix}/`),
  );
}

/** Request bodies are API parameters (the demo API takes at most 64 KiB); anything far bigger is refused. */
export const MAX_REQUEST_BODY = 1024 * 1024;

/**
 * Cookies must belong to this origin, not the Nextcloud host, or the browser drops them: no Domain, no Secure
 * when rollcall's public origin is plain http, and a Path under the Nextcloud's sub-path (`/nextcloud/…`)
 * mapped to the same path here, where the app calls `/ocs/…` without that prefix.
 */
export function rewriteSetCookie(cookie: string, publicOriginIsHttps: boolean, upstreamBase = ''): string {
  const base = upstreamBase.replace(/\/$/, '');
  return cookie
    .split(';')
    .map((part) => part.trim())
    .filter((part) => {
      const name = part.split('=')[0]!.trim().toLowerCase();
      if (name === 'domain') return false;
      if (name === 'secure' && !publicOriginIsHttps) return false;
      return true;
    })
    .map((part, index) => {
      const equals = part.indexOf('=');
      if (index === 0 || !base || equals < 0 || part.slice(0, equals).trim().toLowerCase() !== 'path') return part;
      const value = part.slice(equals + 1).trim();
      const mapped = value === base || value.startsWith(`${base}/`) ? value.slice(base.length) || '/' : '/';
      return `${part.slice(0, equals)}=${mapped}`;
    })
    .join('; ');
}

function failure(c: Context, status: 502 | 504, message: string) {
  return c.json(envelope(status, null, message), status);
}

/** Why the request failed, in the words of the socket error (ECONNREFUSED, ENOTFOUND, a TLS complaint…). */
function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && !error.message) return error.errors.map(reasonOf).join('; ') || error.name;
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (cause.message) return cause.message;
    if (code) return code;
    // Several addresses (IPv6 and IPv4) all failing: an AggregateError without a message of its own.
    if (cause instanceof AggregateError) return cause.errors.map(reasonOf).join('; ') || cause.name;
  }
  return error instanceof Error ? error.message || error.name : String(error);
}

function clientAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    // Not served by @hono/node-server (app.request in a test): no socket to name.
    return undefined;
  }
}

/** An address as a `Forwarded` node (RFC 7239 §6): IPv6 in brackets and quotes. */
function forwardedNode(address: string): string {
  return net.isIPv6(address) ? `"[${address}]"` : address;
}

/**
 * Who asked, from where, as this proxy knows it: the socket's peer, appended to an incoming chain only when
 * that peer is one of the TRUSTED_PROXIES. X-Forwarded-Host and -Proto name the Nextcloud itself, so a
 * Nextcloud that trusts rollcall (trusted_proxies) keeps building links to itself: Login Flow's login page
 * lives only there (rollcall forwards three prefixes), and its own host passes its trusted_domains check.
 */
export function forwardingHeaders(
  incoming: Headers,
  address: string | undefined,
  settings: { upstream: URL; publicUrl: URL | null; ownTls: boolean; trustedProxies: net.BlockList | undefined },
): Headers {
  const headers = new Headers({
    'x-forwarded-host': settings.upstream.host,
    'x-forwarded-proto': settings.upstream.protocol.slice(0, -1),
  });
  if (!address) return headers;
  // A dual-stack socket names IPv4 clients `::ffff:a.b.c.d`; Nextcloud would read that as IPv6 and throttle
  // brute force per /64, i.e. every IPv4 client together.
  const peer = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  const trusted = settings.trustedProxies?.check(peer, net.isIPv6(peer) ? 'ipv6' : 'ipv4') ?? false;
  const chained = (name: string, value: string) => {
    const chain = trusted ? incoming.get(name) : null;
    headers.set(name, chain ? `${chain}, ${value}` : value);
  };
  chained('x-forwarded-for', peer);
  const publicProto = settings.publicUrl ? settings.publicUrl.protocol.slice(0, -1) : settings.ownTls ? 'https' : 'http';
  const publicHost = settings.publicUrl ? `;host="${settings.publicUrl.host}"` : '';
  chained('forwarded', `for=${forwardedNode(peer)}${publicHost};proto=${publicProto}`);
  return headers;
}

/** The whole request body, or 'too-large' as soon as it passes `limit` (without reading the rest). */
async function readBody(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | 'too-large' | undefined> {
  if (!request.body) return undefined;
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) return 'too-large';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return 'too-large';
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** Whether the client takes gzip (`Accept-Encoding: gzip, br`, `gzip;q=0.5`; not `gzip;q=0`). */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  return acceptEncoding.split(',').some((part) => {
    const [coding, ...parameters] = part.trim().toLowerCase().split(';');
    if (coding?.trim() !== 'gzip' && coding?.trim() !== '*') return false;
    const quality = parameters.map((parameter) => /^\s*q=([\d.]+)\s*$/.exec(parameter)?.[1]).find(Boolean);
    return quality === undefined || Number(quality) > 0;
  });
}

/**
 * Nextcloud challenges a refused login with `Basic` unless the request said `X-Requested-With`, and a browser
 * answers a `Basic` challenge with its own login box, which hides the app's sign-in page until it is dismissed.
 * A `DummyBasic` challenge is ignored by browsers and still says what was refused.
 */
export function withoutBasicChallenge(challenge: string): string {
  return challenge.replace(/^\s*Basic\b/i, 'DummyBasic');
}

/** Statuses whose answer has no body: a Response refuses one. */
const NO_BODY = new Set([101, 204, 205, 304]);

/**
 * One request to the upstream, with node:http rather than fetch: fetch decodes a gzip body, and this proxy
 * passes the compressed bytes on (a 10,000-person roster is 3.55 MB as JSON, 845 KB as gzip). Resolves with
 * the response as soon as its headers arrive.
 */
function requestUpstream(
  target: URL,
  init: { method: string; headers: Headers; body: Uint8Array | undefined; signal: AbortSignal },
): Promise<http.IncomingMessage> {
  const headers: http.OutgoingHttpHeaders = {};
  init.headers.forEach((value, name) => (headers[name] = value));
  // Buffered, so the upstream gets a Content-Length: PHP behind FastCGI may see an empty chunked body.
  if (init.body) headers['content-length'] = String(init.body.byteLength);
  const send = target.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const outgoing = send(target, { method: init.method, headers, signal: init.signal }, resolve);
    outgoing.on('error', reject);
    outgoing.end(init.body);
  });
}

function responseHeadersOf(upstream: http.IncomingMessage): Headers {
  const headers = new Headers();
  for (let index = 0; index + 1 < upstream.rawHeaders.length; index += 2) {
    headers.append(upstream.rawHeaders[index]!, upstream.rawHeaders[index + 1]!);
  }
  return headers;
}

export function registerProxyRoutes(app: Hono, options: ProxyOptions) {
  const upstreamBase = options.upstream.pathname.replace(/\/$/, '');
  const upstreamRoot = `${options.upstream.origin}${upstreamBase}`;

  const forward = async (c: Context) => {
    const incoming = new URL(c.req.url);
    // The routes below match loosely (`/ocs/*` also matches `/ocs`); this is the rule.
    if (!isProxiedPath(incoming.pathname)) return c.notFound();
    const target = new URL(options.upstream.origin);
    target.pathname = `${upstreamBase}${incoming.pathname}`;
    target.search = incoming.search;

    const ownTls = incoming.protocol === 'https:';
    const publicOriginIsHttps = options.publicUrl ? options.publicUrl.protocol === 'https:' : ownTls;
    const dropped = hopByHopHeaders(c.req.raw.headers);
    const headers = new Headers();
    c.req.raw.headers.forEach((value, name) => {
      const lower = name.toLowerCase();
      if (!dropped.has(lower) && !REWRITTEN.has(lower) && !CLIENT_CLAIMS.test(lower)) headers.set(name, value);
    });
    const forwarding = forwardingHeaders(c.req.raw.headers, clientAddress(c), {
      upstream: options.upstream,
      publicUrl: options.publicUrl ?? null,
      ownTls,
      trustedProxies: options.trustedProxies,
    });
    forwarding.forEach((value, name) => headers.set(name, value));
    // Only gzip is asked for, whatever else the client takes: it is what Nextcloud's web servers send, and
    // what this proxy can compress itself when the upstream does not (see below).
    headers.set('accept-encoding', acceptsGzip(c.req.header('accept-encoding')) ? 'gzip' : 'identity');

    let body: Awaited<ReturnType<typeof readBody>>;
    try {
      body = c.req.method === 'GET' || c.req.method === 'HEAD' ? undefined : await readBody(c.req.raw, MAX_REQUEST_BODY);
    } catch {
      // The client went away half-way through its body: nothing to forward, nobody to answer.
      return c.json(envelope(400, null, 'Incomplete request body'), 400);
    }
    if (body === 'too-large') {
      // The rest of the body is not read: the connection cannot carry another request.
      return c.json(envelope(413, null, `Request body larger than ${MAX_REQUEST_BODY} bytes`), 413, { Connection: 'close' });
    }

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs);
    // A client that gives up stops the upstream request too.
    const clientGone = () => controller.abort();
    c.req.raw.signal.addEventListener('abort', clientGone);
    let upstream: http.IncomingMessage;
    try {
      upstream = await requestUpstream(target, { method: c.req.method, headers, body, signal: controller.signal });
    } catch (error) {
      if (timedOut) {
        return failure(c, 504, `Nextcloud at ${upstreamRoot} did not answer within ${options.timeoutMs / 1000} s`);
      }
      return failure(c, 502, `Nextcloud at ${upstreamRoot} could not be reached (${reasonOf(error)})`);
    } finally {
      clearTimeout(timer);
      c.req.raw.signal.removeEventListener('abort', clientGone);
    }

    const upstreamHeaders = responseHeadersOf(upstream);
    const droppedFromResponse = hopByHopHeaders(upstreamHeaders);
    const responseHeaders = new Headers();
    upstreamHeaders.forEach((value, name) => {
      const lower = name.toLowerCase();
      // Content-Length: the body is streamed on, and may be compressed here (below).
      if (droppedFromResponse.has(lower) || lower === 'content-length' || lower === 'set-cookie') return;
      if (lower === 'location' && (value === upstreamRoot || value.startsWith(`${upstreamRoot}/`))) {
        responseHeaders.set(name, value.slice(upstreamRoot.length) || '/');
        return;
      }
      // Content-Encoding stays: the body goes on as the upstream sent it, compressed or not.
      responseHeaders.set(name, lower === 'www-authenticate' ? withoutBasicChallenge(value) : value);
    });
    for (const cookie of upstreamHeaders.getSetCookie()) {
      responseHeaders.append('set-cookie', rewriteSetCookie(cookie, publicOriginIsHttps, upstreamBase));
    }
    const status = upstream.statusCode ?? 502;
    const hasBody = !NO_BODY.has(status) && c.req.method !== 'HEAD';
    if (!hasBody) {
      // Nothing to pass on: drain what may come, and let a connection lost meanwhile go unremarked.
      upstream.on('error', () => {});
      upstream.resume();
    }
    markAnsweredByUpstream(c);
    return new Response(hasBody ? (Readable.toWeb(upstream) as ReadableStream<Uint8Array>) : null, {
      status,
      statusText: upstream.statusMessage ?? '',
      headers: responseHeaders,
    });
  };

  // An upstream that did not compress what it was asked to (no gzip in its web server) is compressed here;
  // an answer that comes compressed (Content-Encoding) is left alone by this middleware.
  const compressUnlessCompressed = compress({ encoding: 'gzip' });
  for (const prefix of PROXIED_PREFIXES) {
    app.use(prefix.endsWith('/') ? `${prefix}*` : prefix, compressUnlessCompressed);
    if (!prefix.endsWith('/')) app.use(`${prefix}/*`, compressUnlessCompressed);
  }

  for (const prefix of PROXIED_PREFIXES) {
    app.all(prefix.endsWith('/') ? `${prefix}*` : prefix, forward);
    if (!prefix.endsWith('/')) app.all(`${prefix}/*`, forward);
  }
}
