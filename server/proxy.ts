import type { Context, Hono } from 'hono';
import { envelope } from './http/ocs';

export interface ProxyOptions {
  /** The Nextcloud to front, e.g. https://cloud.example.com or https://example.com/nextcloud */
  upstream: URL;
  /** How long to wait for the upstream's response headers before answering 504. */
  timeoutMs: number;
}

/** The only paths forwarded: the app needs these and nothing else, so this is never an open proxy. */
export const PROXIED_PREFIXES = ['/ocs/', '/index.php/avatar/', '/index.php/login/v2'] as const;

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
]);

/** Cookies must belong to this origin, not the Nextcloud host, or the browser drops them. */
export function rewriteSetCookie(cookie: string, clientIsHttps: boolean): string {
  return cookie
    .split(';')
    .map((part) => part.trim())
    .filter((part) => {
      const name = part.split('=')[0]!.toLowerCase();
      if (name === 'domain') return false;
      if (name === 'secure' && !clientIsHttps) return false;
      return true;
    })
    .join('; ');
}

function failure(c: Context, status: 502 | 504, message: string) {
  return c.json(envelope(status, null, message), status);
}

export function registerProxyRoutes(app: Hono, options: ProxyOptions) {
  const upstreamBase = options.upstream.pathname.replace(/\/$/, '');

  const forward = async (c: Context) => {
    const incoming = new URL(c.req.url);
    const target = new URL(options.upstream.origin);
    target.pathname = `${upstreamBase}${incoming.pathname}`;
    target.search = incoming.search;

    const headers = new Headers();
    c.req.raw.headers.forEach((value, name) => {
      if (!HOP_BY_HOP.has(name.toLowerCase())) headers.set(name, value);
    });
    headers.set('x-forwarded-host', incoming.host);
    headers.set('x-forwarded-proto', incoming.protocol.replace(':', ''));
    // fetch decodes compressed bodies itself; ask for identity so lengths and bytes stay true end to end.
    headers.set('accept-encoding', 'identity');

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    let upstream: Response;
    try {
      const hasBody = c.req.method !== 'GET' && c.req.method !== 'HEAD';
      upstream = await fetch(target, {
        method: c.req.method,
        headers,
        body: hasBody ? c.req.raw.body : undefined,
        redirect: 'manual',
        signal: controller.signal,
        // Node's fetch needs this to stream a request body.
        ...(hasBody ? { duplex: 'half' } : {}),
      } as RequestInit);
    } catch (error) {
      if (controller.signal.aborted) {
        return failure(c, 504, `Nextcloud at ${options.upstream.origin} did not answer within ${options.timeoutMs / 1000} s`);
      }
      const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      return failure(c, 502, `Nextcloud at ${options.upstream.origin} could not be reached (${reason})`);
    } finally {
      clearTimeout(timer);
    }

    const responseHeaders = new Headers();
    upstream.headers.forEach((value, name) => {
      const lower = name.toLowerCase();
      if (HOP_BY_HOP.has(lower) || lower === 'set-cookie' || lower === 'content-encoding') return;
      if (lower === 'location' && value.startsWith(options.upstream.origin)) {
        responseHeaders.set(name, value.slice(options.upstream.origin.length + upstreamBase.length) || '/');
        return;
      }
      responseHeaders.set(name, value);
    });
    const clientIsHttps = incoming.protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
    for (const cookie of upstream.headers.getSetCookie()) {
      responseHeaders.append('set-cookie', rewriteSetCookie(cookie, clientIsHttps));
    }
    return new Response(upstream.body, { status: upstream.status, statusText: upstream.statusText, headers: responseHeaders });
  };

  for (const prefix of PROXIED_PREFIXES) {
    app.all(prefix.endsWith('/') ? `${prefix}*` : prefix, forward);
    if (!prefix.endsWith('/')) app.all(`${prefix}/*`, forward);
  }
}
