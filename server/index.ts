import fs from 'node:fs';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createDemoApp, createProxyApp } from './app';
import { startCleanup } from './cleanup';
import { ConfigError, readConfig, type ServerConfig } from './config';
import { openDatabase } from './db/schema';
import { isSeeded, seed } from './db/seed';

const DATABASE_FILE = 'rollcall.sqlite';

/** A setting or environment the server cannot start with: one clear line and a non-zero exit, no stack trace. */
function refuse(message: string): never {
  console.error(`rollcall: ${message}`);
  process.exit(1);
}

function loadConfig(): ServerConfig {
  try {
    return readConfig();
  } catch (error) {
    if (error instanceof ConfigError) refuse(error.message);
    throw error;
  }
}

const config = loadConfig();

function startDemo() {
  const file = path.join(config.dataDir, DATABASE_FILE);
  let db: ReturnType<typeof openDatabase>;
  try {
    if (config.reset) {
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    }
    db = openDatabase(file);
  } catch (error) {
    refuse(`cannot open the demo database ${file} (set DATA_DIR to a writable directory): ${(error as Error).message}`);
  }
  if (!isSeeded(db)) {
    const started = Date.now();
    // false: another process sharing DATA_DIR seeded it first.
    if (seed(db)) console.log(`Seeded the demo data in ${Date.now() - started} ms (${file})`);
  }
  const app = createDemoApp({ db, generations: config.generations, circlesEnabled: config.circlesEnabled, distDir: config.distDir });
  const stopCleanup = startCleanup(db);
  return {
    app,
    close: () => {
      stopCleanup();
      db.close();
    },
    describe: `demo server (Talk API ${config.generations.at(-1)}, data in ${file})`,
  };
}

function startProxy(upstream: URL) {
  // Proxy mode keeps no state: no database is opened or created.
  const app = createProxyApp({
    upstream,
    timeoutMs: config.proxyTimeoutMs,
    publicUrl: config.publicUrl,
    trustedProxies: config.trustedProxies,
    distDir: config.distDir,
  });
  return { app, close: () => {}, describe: `proxy to ${upstream.href.replace(/\/$/, '')}` };
}

const server = config.nextcloudUrl ? startProxy(config.nextcloudUrl) : startDemo();
const http = serve({ fetch: server.app.fetch, port: config.port, hostname: config.host }, (info) => {
  console.log(`rollcall ${server.describe} on http://${config.host}:${info.port}`);
});
// Node closes an idle keep-alive connection after 5 s. A client that sends its next request on it just then gets
// "socket hang up" (ECONNRESET): browsers quietly retry, but scripts and API clients (Node's agent among them)
// do not. Held longer than any such client waits between requests, as web servers in front of Nextcloud do.
if ('keepAliveTimeout' in http) {
  http.keepAliveTimeout = 65_000;
  // Above the keep-alive time, or a connection waiting for its next request could be cut as too slow to send it.
  http.headersTimeout = 66_000;
}
http.on('error', (error: NodeJS.ErrnoException) => {
  server.close();
  const where = `${config.host}:${config.port}`;
  if (error.code === 'EADDRINUSE') refuse(`port ${config.port} is already in use on ${config.host}: set PORT to a free port`);
  if (error.code === 'EACCES') refuse(`not allowed to listen on ${where}: choose a PORT above 1023`);
  if (error.code === 'ENOTFOUND' || error.code === 'EADDRNOTAVAIL' || error.code === 'EAI_AGAIN') {
    refuse(`HOST "${config.host}" is not an address of this machine`);
  }
  refuse(`cannot listen on ${where}: ${error.message}`);
});

function shutdown() {
  http.close(() => {
    server.close();
    process.exit(0);
  });
  // Keep-alive connections must not hold the process open.
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
