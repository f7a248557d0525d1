import fs from 'node:fs';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createDemoApp, createProxyApp } from './app';
import { readConfig } from './config';
import { openDatabase } from './db/schema';
import { isSeeded, seed } from './db/seed';

const config = readConfig();
const DATABASE_FILE = 'rollcall.sqlite';

function startDemo() {
  const file = path.join(config.dataDir, DATABASE_FILE);
  if (config.reset) {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  }
  const db = openDatabase(file);
  if (!isSeeded(db)) {
    const started = Date.now();
    seed(db);
    console.log(`Seeded the demo data in ${Date.now() - started} ms (${file})`);
  }
  const app = createDemoApp({ db, generations: config.generations, circlesEnabled: config.circlesEnabled, distDir: config.distDir });
  return { app, close: () => db.close(), describe: `demo server (Talk API ${config.generations.at(-1)}, data in ${file})` };
}

function startProxy(upstream: URL) {
  const app = createProxyApp({ upstream, timeoutMs: config.proxyTimeoutMs, distDir: config.distDir });
  return { app, close: () => {}, describe: `proxy to ${upstream.origin}` };
}

const server = config.nextcloudUrl ? startProxy(config.nextcloudUrl) : startDemo();
const http = serve({ fetch: server.app.fetch, port: config.port, hostname: config.host }, (info) => {
  console.log(`rollcall ${server.describe} on http://${config.host}:${info.port}`);
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
