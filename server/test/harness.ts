import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createDemoApp, type DemoOptions } from '../app';
import { openDatabase, type Db } from '../db/schema';
import { seed } from '../db/seed';
import type { ApiGeneration } from '../http/ocs';

export interface TestServer {
  url: string;
  db: Db;
  dataDir: string;
  close: () => Promise<void>;
}

/** A real demo server on a random loopback port over a fresh SQLite file in a temporary directory. */
export async function startTestServer(
  options: {
    generations?: ApiGeneration[];
    circlesEnabled?: boolean;
    seeded?: boolean;
    clock?: DemoOptions['clock'];
    throttle?: DemoOptions['throttle'];
  } = {},
): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rollcall-test-'));
  const db = openDatabase(path.join(dataDir, 'rollcall.sqlite'));
  if (options.seeded ?? true) seed(db);
  const app = createDemoApp({
    db,
    generations: options.generations ?? ['v1', 'v4'],
    circlesEnabled: options.circlesEnabled ?? true,
    distDir: path.join(dataDir, 'no-dist'),
    clock: options.clock,
    throttle: options.throttle,
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    dataDir,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the raw text when the body is not JSON. */
  body: T;
  text: string;
}

export interface OcsBody<T = unknown> {
  ocs: { meta: { status: string; statuscode: number; message: string }; data: T };
}

/**
 * One browser (or API client): an optional account for HTTP Basic, and a cookie jar so a guest keeps the
 * session cookie of its join, as a browser would.
 */
export class Client {
  private readonly cookies = new Map<string, string>();

  constructor(
    private readonly baseUrl: string,
    readonly account?: { user: string; password: string },
  ) {}

  static as(server: TestServer, user?: string, password = 'demo') {
    return new Client(server.url, user ? { user, password } : undefined);
  }

  get cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request<T = unknown>(
    method: string,
    path: string,
    options: { params?: Record<string, unknown>; json?: unknown; form?: Record<string, string>; body?: string; headers?: Record<string, string>; ocsHeader?: boolean } = {},
  ): Promise<ApiResponse<T>> {
    const url = new URL(path, this.baseUrl);
    for (const [key, value] of Object.entries(options.params ?? {})) {
      if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, String(item));
      else if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    if (options.ocsHeader ?? true) headers['OCS-APIRequest'] = 'true';
    if (this.account) headers.Authorization = `Basic ${Buffer.from(`${this.account.user}:${this.account.password}`).toString('base64')}`;
    if (this.cookies.size) headers.Cookie = this.cookieHeader;
    let body: string | undefined = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['Content-Type'] = 'application/json';
    } else if (options.form) {
      body = new URLSearchParams(options.form).toString();
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    }
    const response = await fetch(url, { method, headers, body });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = pair!.split('=');
      this.cookies.set(name!.trim(), value.join('='));
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON (the XML of a 401, an SVG): tests read `text`.
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  /** Talk call with the OCS envelope unpacked for assertions. */
  async ocs<T = unknown>(method: string, path: string, options: Parameters<Client['request']>[2] = {}) {
    const response = await this.request<OcsBody<T>>(method, path, options);
    return { ...response, meta: response.body?.ocs?.meta, data: response.body?.ocs?.data as T };
  }
}

export const v1 = (path: string) => `/ocs/v2.php/apps/spreed/api/v1${path}`;
export const v4 = (path: string) => `/ocs/v2.php/apps/spreed/api/v4${path}`;

/**
 * A request with the target sent exactly as written (fetch would normalise `//x/..` and `..`). With
 * `Expect: 100-continue` the body waits for the server's 100, as curl and other clients do.
 */
export function rawRequest(port: number, target: string, method = 'GET', headers: Record<string, string> = {}, body?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string; bytes: Buffer; continued: boolean }>((resolve, reject) => {
    let continued = false;
    // The bytes as they travelled: node:http, unlike fetch, does not decode a gzip body.
    const request = http.request({ host: '127.0.0.1', port, method, path: target, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: response.statusCode!, headers: response.headers, body: bytes.toString('utf8'), bytes, continued });
      });
    });
    request.setTimeout(5_000, () => request.destroy(new Error(`no answer for ${target}`)));
    request.on('error', reject);
    if (/100-continue/i.test(headers.Expect ?? '')) {
      request.on('continue', () => {
        continued = true;
        request.end(body);
      });
      request.flushHeaders();
    } else {
      request.end(body);
    }
  });
}
