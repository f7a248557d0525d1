/**
 * The demo server itself (server/app.ts) answering the app's `fetch` in the test's own process: component tests
 * run against the real Talk rules over an in-memory copy of the seeded SQLite database, instead of hand-written
 * stand-ins that could drift from them.
 *
 * `fetch` is replaced for the test; same-origin URLs (`/ocs/…`) go to the app's handler. Like a browser, the
 * harness keeps a cookie jar: the guest's session cookie that a join sets is HttpOnly, so the app never sees it,
 * yet it is sent with every later request.
 *
 * What a real server cannot be made to do on cue (a dropped connection, an answer held back so that a test can
 * look at the pending state, an answer a real Talk gives that the demo never does) is asked for explicitly with
 * `failNext`, `failWhile` or `hold`, each named by the request it catches.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { inject, onTestFinished, vi } from 'vitest';
import { createDemoApp } from '../../server/app';
import type { Db } from '../../server/db/schema';
import { DEMO_PASSWORD } from '../../server/db/seed';
import type { ApiGeneration } from '../../server/http/ocs';
import { TALK_V1_BASE, TALK_V4_BASE } from '../../contract/wire';

const ORIGIN = 'http://localhost';

/** A request as the server received it: method, path with its query, headers (with the jar's Cookie) and body. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: Headers;
  body: string | null;
}

/** Picks requests by method and path (the path without its query, as a string that must match it whole, or a pattern). */
export interface RequestMatch {
  method?: string;
  path: string | RegExp;
}

export type Interruption =
  /** The connection fails: `fetch` rejects as a browser's does when the server cannot be reached. */
  | { network: 'offline' }
  /** An OCS answer the demo server would not give here. */
  | { status: number; data?: unknown; message?: string };

export interface Held {
  /** Resolves once the held request has been made. */
  arrived: Promise<SeenRequest>;
  /** Lets the held request through to the server; its answer then reaches the app. */
  release: () => void;
}

let template: Buffer | undefined;

/** The seeded database made once per run by ./seeded-database (the global setup of the app project). */
function seededTemplate(): Buffer {
  template ??= fs.readFileSync(inject('seededDatabase'));
  return template;
}

/** Cookies as a browser keeps them for one origin: set by Set-Cookie, deleted by an expiry in the past. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  header(): string | null {
    if (this.cookies.size === 0) return null;
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const separator = pair.indexOf('=');
      if (separator <= 0) continue;
      const name = pair.slice(0, separator);
      const expired = attributes.some((attribute) => {
        const [key = '', value = ''] = attribute.split('=');
        if (key.toLowerCase() === 'max-age') return Number(value) <= 0;
        if (key.toLowerCase() === 'expires') return Date.parse(value) <= Date.now();
        return false;
      });
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(separator + 1));
    }
  }

  clear() {
    this.cookies.clear();
  }
}

function matches(match: RequestMatch, request: SeenRequest): boolean {
  if (match.method && match.method.toUpperCase() !== request.method) return false;
  const path = request.path.split('?')[0] ?? '';
  return typeof match.path === 'string' ? path === match.path : match.path.test(path);
}

function ocsAnswer(status: number, data: unknown, message = ''): Response {
  const ok = status >= 200 && status < 300;
  return Response.json(
    { ocs: { meta: { status: ok ? 'ok' : 'failure', statuscode: status, message: ok ? 'OK' : message }, data } },
    { status },
  );
}

/** Someone else at another browser (their own cookies), acting through the server's API: a moderator, a second window. */
export class Actor {
  constructor(
    private readonly server: DemoServer,
    readonly account: string | null,
    private readonly password = DEMO_PASSWORD,
    private readonly jar = new CookieJar(),
  ) {}

  /** A Talk call; answers that are not 2xx throw, so a test's setup never fails unnoticed. */
  async ocs<T = unknown>(method: string, path: string, options: { json?: unknown; params?: Record<string, string | number> } = {}): Promise<T> {
    const url = new URL(path, ORIGIN);
    for (const [key, value] of Object.entries(options.params ?? {})) url.searchParams.set(key, String(value));
    const headers = new Headers({ 'OCS-APIRequest': 'true', Accept: 'application/json' });
    if (this.account) headers.set('Authorization', `Basic ${btoa(`${this.account}:${this.password}`)}`);
    if (options.json !== undefined) headers.set('Content-Type', 'application/json');
    const cookie = this.jar.header();
    if (cookie) headers.set('Cookie', cookie);
    const body = options.json === undefined ? undefined : JSON.stringify(options.json);
    const response = await this.server.app.fetch(new Request(url, { method, headers, body }));
    this.jar.take(response);
    const text = await response.text();
    if (!response.ok) throw new Error(`${this.account ?? 'guest'}: ${method} ${path} answered ${response.status}: ${text}`);
    return (JSON.parse(text) as { ocs: { data: T } }).ocs.data;
  }
}

export class DemoServer {
  readonly db: Db;
  readonly app: ReturnType<typeof createDemoApp>;
  /** Every request the app made, in order (interrupted ones too). */
  readonly requests: SeenRequest[] = [];
  /** The app's browser: the cookies its answers set. */
  private readonly jar = new CookieJar();
  private interruptions: { match: RequestMatch; answer: (request: SeenRequest) => Promise<Response>; once: boolean }[] = [];

  constructor(readonly generations: ApiGeneration[]) {
    this.db = new Database(seededTemplate());
    this.db.pragma('foreign_keys = ON');
    this.app = createDemoApp({
      db: this.db,
      generations,
      circlesEnabled: true,
      distDir: '/nonexistent',
      // The password throttle's limit and 429 stay real; its growing waits would only slow the component tests.
      throttle: { sleep: async () => {} },
    });
  }

  /** The base path of the conversation API the app will use on this server. */
  get talkBase(): string {
    return this.generations.includes('v4') ? TALK_V4_BASE : TALK_V1_BASE;
  }

  /** Someone acting at another browser: an account (password `demo`), or a guest when `account` is null. */
  as(account: string | null, password?: string): Actor {
    return new Actor(this, account, password);
  }

  /**
   * Another window of the app's browser: it shares the app's cookies, so to the server it is the same guest (or
   * the same browser of an account).
   */
  anotherWindow(account: string | null = null): Actor {
    return new Actor(this, account, DEMO_PASSWORD, this.jar);
  }

  /** Requests the app made that match (all of them without a filter). */
  calls(filter: Partial<RequestMatch> = {}): SeenRequest[] {
    return this.requests.filter((request) => matches({ path: /./, ...filter }, request));
  }

  /** The sessions that joined `token` through the API (the seed's simulated crowd left out), newest ping first. */
  liveSessions(token: string): { id: string; displayName: string; actorType: string; attendeeId: number; inCall: number; lastPing: number }[] {
    return this.db
      .prepare(
        `SELECT s.id, a.display_name AS displayName, a.actor_type AS actorType, a.id AS attendeeId, s.in_call AS inCall,
         s.last_ping AS lastPing FROM sessions s JOIN attendees a ON a.id = s.attendee_id JOIN rooms r ON r.id = a.room_id
         WHERE r.token = ? AND s.simulated = 0 ORDER BY s.last_ping DESC`,
      )
      .all(token) as ReturnType<DemoServer['liveSessions']>;
  }

  /**
   * Adds accounts that cannot sign in (as the seed's webinar crowd) to `token` as members: a crowd of thousands
   * is a seed's job, not a thousand API calls'.
   */
  addMembers(token: string, people: { id: string; displayName: string }[]) {
    const room = this.db.prepare('SELECT id FROM rooms WHERE token = ?').get(token) as { id: number };
    const insertUser = this.db.prepare("INSERT INTO users (id, display_name, email, password_hash) VALUES (?, ?, NULL, '!')");
    const insertAttendee = this.db.prepare(
      "INSERT INTO attendees (room_id, actor_type, actor_id, display_name, participant_type) VALUES (?, 'users', ?, ?, 3)",
    );
    this.db.transaction(() => {
      for (const person of people) {
        insertUser.run(person.id, person.displayName);
        insertAttendee.run(room.id, person.id, person.displayName);
      }
    })();
  }

  /**
   * Puts a session in a call. The demo server has no call routes (it is a roster, not a call): being in a call is
   * a session's `in_call` flags, which its seed sets the same way.
   */
  putInCall(sessionId: string, flags = 1) {
    this.db.prepare('UPDATE sessions SET in_call = ? WHERE id = ?').run(flags, sessionId);
  }

  /** The next request that matches gets `answer` instead of reaching the server. */
  failNext(match: RequestMatch, answer: Interruption) {
    this.interruptions.push({ match, answer: () => this.interrupted(answer), once: true });
  }

  /** Every matching request gets `answer` until the returned function is called. */
  failWhile(match: RequestMatch, answer: Interruption): () => void {
    const entry = { match, answer: () => this.interrupted(answer), once: false };
    this.interruptions.push(entry);
    return () => {
      this.interruptions = this.interruptions.filter((other) => other !== entry);
    };
  }

  /** Holds the next matching request back until `release()`; the server answers it then. */
  hold(match: RequestMatch): Held {
    let arrive: (request: SeenRequest) => void = () => {};
    let release: () => void = () => {};
    const arrived = new Promise<SeenRequest>((resolve) => {
      arrive = resolve;
    });
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.interruptions.push({
      match,
      once: true,
      answer: (request) => {
        arrive(request);
        return released.then(() => this.answer(request));
      },
    });
    return { arrived, release };
  }

  /** Replaces the global `fetch` for the rest of the test. */
  install(): this {
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init: RequestInit = {}) => this.fetch(input, init));
    return this;
  }

  private interrupted(answer: Interruption): Promise<Response> {
    if ('network' in answer) return Promise.reject(new TypeError('Failed to fetch'));
    return Promise.resolve(ocsAnswer(answer.status, answer.data ?? null, answer.message));
  }

  private async fetch(input: RequestInfo | URL, init: RequestInit): Promise<Response> {
    const url = input instanceof Request ? input.url : String(input);
    const target = new URL(url, ORIGIN);
    if (target.origin !== ORIGIN) throw new Error(`The app asked another origin in a test: ${url}`);
    const headers = new Headers(input instanceof Request ? input.headers : init.headers);
    // Like a browser, the jar's cookies go with every same-origin request, and the page cannot read them.
    const cookie = this.jar.header();
    if (cookie) headers.set('Cookie', cookie);
    const body = typeof init.body === 'string' ? init.body : null;
    const request: SeenRequest = { method: (init.method ?? 'GET').toUpperCase(), path: target.pathname + target.search, headers, body };
    this.requests.push(request);

    const signal = init.signal;
    const aborted = () => new DOMException('The operation was aborted.', 'AbortError');
    if (signal?.aborted) throw aborted();

    const interruption = this.interruptions.find((entry) => matches(entry.match, request));
    if (interruption?.once) this.interruptions = this.interruptions.filter((entry) => entry !== interruption);
    const answer = interruption ? interruption.answer(request) : this.answer(request);
    if (!signal) return answer;
    // A cancelled request settles at once, as a browser's does; the server may still finish it.
    return Promise.race([
      answer,
      new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(aborted()), { once: true })),
    ]);
  }

  private async answer(request: SeenRequest): Promise<Response> {
    const response = await this.app.fetch(
      new Request(ORIGIN + request.path, { method: request.method, headers: request.headers, body: request.body }),
    );
    this.jar.take(response);
    // Set-Cookie never reaches a page's script.
    const headers = new Headers(response.headers);
    headers.delete('Set-Cookie');
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}

/**
 * A fresh demo server for this test, speaking `['v1', 'v4']` (a current Talk) or `['v1']` (the older one), with
 * the seeded people and conversations, answering the app's `fetch` until the test ends.
 */
export function demoServer(version: 'v4' | 'v1' = 'v4'): DemoServer {
  const server = new DemoServer(version === 'v4' ? ['v1', 'v4'] : ['v1']).install();
  onTestFinished(() => {
    vi.unstubAllGlobals();
    server.db.close();
  });
  return server;
}
