import { afterAll, beforeAll, expect } from 'vitest';
import { Client, startTestServer, type TestServer } from './harness';

/**
 * Helpers shared by the contract tests of the Talk API (server/talk/*.test.ts): the seeded server of a `describe`
 * block, and assertions on the OCS envelope that every answer must carry.
 */

type ServerOptions = Parameters<typeof startTestServer>[0];

interface SharedServer {
  server: TestServer;
  /** Puts the database back to the seeded state. */
  reset: () => void;
}

/**
 * Per test file (each runs in its own process): one server per set of options, shared by the describe blocks that
 * ask for it (`users` counts them, so the last one closes it).
 */
const shared = new Map<string, { started: Promise<SharedServer> | undefined; users: number }>();

/**
 * Copies every table into an attached in-memory database once, and returns a function that restores them in one
 * transaction: the same state as a freshly seeded server, without paying for the seed and the password checks again.
 */
function snapshot(db: TestServer['db']): () => void {
  const tables = (db.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map(
    (row) => `"${row.name}"`,
  );
  db.exec("ATTACH DATABASE ':memory:' AS seeded");
  for (const table of tables) db.exec(`CREATE TABLE seeded.${table} AS SELECT * FROM main.${table}`);
  const restore = db.transaction(() => {
    db.pragma('defer_foreign_keys = ON');
    for (const table of tables) db.exec(`DELETE FROM main.${table}`);
    for (const table of tables) db.exec(`INSERT INTO main.${table} SELECT * FROM seeded.${table}`);
  });
  return () => restore.immediate();
}

/**
 * The seeded server for the enclosing `describe` block; call the returned getter inside tests. Every block starts
 * from the seeded data: blocks of one file share a server per set of options, and its database is restored to
 * the seed before each block.
 */
export function useServer(options?: ServerOptions): () => TestServer {
  const key = JSON.stringify(options ?? {});
  const entry = shared.get(key) ?? { started: undefined, users: 0 };
  shared.set(key, entry);
  entry.users++;
  let server: TestServer | undefined;
  beforeAll(async () => {
    entry.started ??= startTestServer(options).then((started) => ({ server: started, reset: snapshot(started.db) }));
    const { server: started, reset } = await entry.started;
    reset();
    server = started;
  });
  afterAll(async () => {
    server = undefined;
    if (--entry.users === 0) await (await entry.started)?.server.close();
  });
  return () => {
    if (!server) throw new Error('The test server is not running');
    return server;
  };
}

interface OcsResult {
  status: number;
  meta: { status: string; statuscode: number; message: string } | undefined;
}

/** HTTP status, and the envelope saying the same: `ok` for 2xx, `failure` otherwise, `statuscode` = HTTP status. */
export function expectEnvelope(res: OcsResult, status: number) {
  expect({ status: res.status, meta: res.meta }).toEqual({
    status,
    meta: expect.objectContaining({ status: status >= 200 && status < 300 ? 'ok' : 'failure', statuscode: status }),
  });
}

/**
 * Nextcloud's refusal of a route for accounts to anonymous callers and guests: HTTP 401, but OCS statuscode 997,
 * and `data: []`.
 */
export function expectNotLoggedIn(res: OcsResult & { data: unknown }) {
  expect({ status: res.status, meta: res.meta, data: res.data }).toEqual({
    status: 401,
    meta: expect.objectContaining({ status: 'failure', statuscode: 997 }),
    data: [],
  });
}

/** Error data is `[]` on a real Talk 19 server and `null` on newer ones: either counts as empty. */
export function expectEmptyData(data: unknown) {
  expect(data === null || (Array.isArray(data) && data.length === 0), `expected empty data, got ${JSON.stringify(data)}`).toBe(true);
}

/** A Talk session id: 512 characters. */
export const SESSION_ID = /^[A-Za-z0-9_-]{512}$/;

/** The attendee id of an actor in a seeded or created room, read from the database. */
export function attendeeId(server: TestServer, token: string, actorId: string, actorType = 'users'): number {
  const row = server.db
    .prepare(
      'SELECT a.id FROM attendees a JOIN rooms r ON r.id = a.room_id WHERE r.token = ? AND a.actor_type = ? AND a.actor_id = ?',
    )
    .get(token, actorType, actorId) as { id: number } | undefined;
  if (!row) throw new Error(`No attendee ${actorType}/${actorId} in ${token}`);
  return row.id;
}

/** The attendee id of a seeded guest, by display name. */
export function guestAttendeeId(server: TestServer, token: string, displayName: string): number {
  const row = server.db
    .prepare(
      "SELECT a.id FROM attendees a JOIN rooms r ON r.id = a.room_id WHERE r.token = ? AND a.actor_type = 'guests' AND a.display_name = ?",
    )
    .get(token, displayName) as { id: number } | undefined;
  if (!row) throw new Error(`No guest ${displayName} in ${token}`);
  return row.id;
}

/** The latest session id of an attendee (guests are addressed by it in v1). */
export function sessionIdOf(server: TestServer, attendee: number): string {
  const row = server.db.prepare('SELECT id FROM sessions WHERE attendee_id = ? ORDER BY last_ping DESC').get(attendee) as
    | { id: string }
    | undefined;
  if (!row) throw new Error(`Attendee ${attendee} has no session`);
  return row.id;
}

/** A browser without an account that has joined `token` (v4 join), so it carries the guest cookie. */
export async function joinedGuest(server: TestServer, token: string, base: (path: string) => string): Promise<Client> {
  const guest = Client.as(server);
  const res = await guest.ocs('POST', base(`/room/${token}/participants/active`));
  if (res.status !== 200) throw new Error(`Guest could not join ${token}: ${res.status}`);
  return guest;
}
