import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Hono } from 'hono';

const gzip = promisify(zlib.gzip);

/** Smaller answers are not worth a compression (as web servers' usual minimum). */
const MIN_BYTES = 1024;

/**
 * Gzips the OCS answers for clients that accept it, as Nextcloud's web server does. The whole body at once, on
 * libuv's thread pool: a 10,000-person list (5 MB) takes ~70 ms there, where a streaming CompressionStream on
 * the event loop took 150–600 ms and held every other request meanwhile. Like PHP, which answers once its
 * output is complete, the first byte now comes when the answer is ready, and the rest right after it.
 */
export function gzipAnswers(app: Hono, paths: string) {
  app.use(paths, async (c, next) => {
    await next();
    const response = c.res;
    const accepts = /\bgzip\b/i.test(c.req.header('accept-encoding') ?? '');
    if (!accepts || !response.body || response.headers.has('content-encoding') || c.req.method === 'HEAD') return;
    const body = Buffer.from(await response.arrayBuffer());
    const headers = new Headers(response.headers);
    headers.append('Vary', 'Accept-Encoding');
    if (body.length < MIN_BYTES) {
      c.res = new Response(body, { status: response.status, statusText: response.statusText, headers });
      return;
    }
    headers.set('Content-Encoding', 'gzip');
    headers.delete('Content-Length');
    c.res = new Response(await gzip(body), { status: response.status, statusText: response.statusText, headers });
  });
}
