/**
 * What the demo server deletes in the background: browser sessions past their lifetime, with the Talk sessions
 * held from them and the guests who held them (a guest whose last session ends leaves the room, as in Talk).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { V4Participant } from '../contract/wire';
import { startCleanup, sweepExpired } from './cleanup';
import { expectEnvelope } from './test/contract';
import { Client, startTestServer, v4, type TestServer } from './test/harness';
import { BROWSER_SESSION_LIFETIME_SECONDS } from './talk/expiry';

const DAY_MS = BROWSER_SESSION_LIFETIME_SECONDS * 1000;

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const count = (db: TestServer['db'], sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as number;

/** Pings every real session at `nowMs`, as clients pulling signaling would: only the lifetime can end them then. */
const pingAll = (db: TestServer['db'], nowMs: number) =>
  db.prepare('UPDATE sessions SET last_ping = ? WHERE simulated = 0').run(Math.floor(nowMs / 1000));

async function guestsIn(target: TestServer, token: string) {
  const res = await Client.as(target, 'alice').ocs<V4Participant[]>('GET', v4(`/room/${token}/participants`));
  expectEnvelope(res, 200);
  return res.data.filter((participant) => participant.actorType === 'guests');
}

describe('sweeping what has ended', () => {
  it('keeps a guest who keeps pinging for a day, then ends their browser session, their session and their place', async () => {
    let started = 0;
    server = await startTestServer({ clock: () => started });
    started = Date.now();
    const guest = Client.as(server);
    expectEnvelope(await guest.ocs('POST', v4('/room/officehours/participants/active')), 200);
    const guestsBefore = (await guestsIn(server, 'officehours')).length;

    const almostADay = started + DAY_MS - 1000;
    pingAll(server.db, almostADay);
    expect(sweepExpired(server.db, almostADay).browserSessions).toBe(0);
    expect(count(server.db, "SELECT COUNT(*) FROM attendees WHERE actor_type = 'guests' AND browser_session IS NOT NULL")).toBe(1);

    const pastADay = started + DAY_MS + 1000;
    pingAll(server.db, pastADay);
    expect(sweepExpired(server.db, pastADay).browserSessions).toBe(1);
    expect(count(server.db, 'SELECT COUNT(*) FROM browser_sessions')).toBe(0);
    expect(count(server.db, 'SELECT COUNT(*) FROM sessions WHERE browser_session IS NOT NULL')).toBe(0);
    expect(await guestsIn(server, 'officehours')).toHaveLength(guestsBefore - 1);
  });

  it('ends sessions silent for 100 s even when no request comes to end them', async () => {
    server = await startTestServer();
    expectEnvelope(await Client.as(server).ocs('POST', v4('/room/officehours/participants/active')), 200);
    const joined = Date.now();
    expect(count(server.db, 'SELECT COUNT(*) FROM sessions WHERE simulated = 0')).toBe(1);
    sweepExpired(server.db, joined + 99_000);
    expect(count(server.db, 'SELECT COUNT(*) FROM sessions WHERE simulated = 0')).toBe(1);
    sweepExpired(server.db, joined + 101_000);
    expect(count(server.db, 'SELECT COUNT(*) FROM sessions WHERE simulated = 0')).toBe(0);
  });

  it('sweeps once at startup, then on a timer that does not keep the process alive', async () => {
    server = await startTestServer({ seeded: false });
    server.db.prepare('INSERT INTO browser_sessions (id, created_at) VALUES (?, ?)').run('left-from-last-week', 0);
    const stop = startCleanup(server.db);
    try {
      expect(count(server.db, 'SELECT COUNT(*) FROM browser_sessions')).toBe(0);
    } finally {
      stop();
    }
  });
});
