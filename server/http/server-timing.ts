import type { Hono } from 'hono';

/**
 * `Server-Timing: app;dur=…`: how long the demo server spent answering, from the request to the body ready (before
 * compression and the wire). `npm run bench` sums it over what an open roster asks for (server time a minute), and
 * browsers show it in their network panel. Nextcloud sends no such header; the client never depends on it.
 */
export function reportServerTiming(app: Hono, paths: string) {
  app.use(paths, async (c, next) => {
    const started = performance.now();
    await next();
    c.res.headers.set('Server-Timing', `app;dur=${(performance.now() - started).toFixed(1)}`);
  });
}
