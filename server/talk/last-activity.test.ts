/**
 * A room's lastActivity moves with every participant change Talk posts a system message for (user added or
 * removed, promoted, demoted, the lobby, someone leaving), and only then: rollcall's roster reads it from the
 * cheap room request as its hint that the roster changed (src/features/roster/refetch-policy.ts).
 */
import { describe, expect, it } from 'vitest';
import type { V1Room, V4Room } from '../../contract/wire';
import { Client, v1, v4, type TestServer } from '../test/harness';
import { attendeeId, expectEnvelope, useServer } from '../test/contract';

// officehours (server/db/seed.ts): bob owns it, alice moderates it, eve is a member; carol is not in it.
const ROOM = 'officehours';
const LONG_AGO = 1_000_000;
const nowSeconds = () => Math.floor(Date.now() / 1000);

function lastActivityLongAgo(server: TestServer) {
  server.db.prepare('UPDATE rooms SET last_activity = ? WHERE token = ?').run(LONG_AGO, ROOM);
}

async function lastActivity(server: TestServer): Promise<number> {
  const res = await Client.as(server, 'bob').ocs<V4Room>('GET', v4(`/room/${ROOM}`));
  expectEnvelope(res, 200);
  return res.data.lastActivity;
}

describe('lastActivity, the room’s change hint', () => {
  const server = useServer();

  it('stays when re-adding someone already in, as Talk posts nothing then', async () => {
    lastActivityLongAgo(server());

    const res = await Client.as(server(), 'alice').ocs('POST', v4(`/room/${ROOM}/participants`), { json: { newParticipant: 'eve', source: 'users' } });

    expectEnvelope(res, 200);
    expect(await lastActivity(server())).toBe(LONG_AGO);
  });

  it('stays while people only read the roster', async () => {
    lastActivityLongAgo(server());

    expectEnvelope(await Client.as(server(), 'alice').ocs('GET', v4(`/room/${ROOM}/participants`), { params: { includeStatus: 1 } }), 200);

    expect(await lastActivity(server())).toBe(LONG_AGO);
  });

  // In this order, on one database: each change leaves the room as the next expects it.
  const changes: [string, (server: TestServer) => ReturnType<Client['ocs']>][] = [
    ['adding an account', (s) => Client.as(s, 'alice').ocs('POST', v4(`/room/${ROOM}/participants`), { json: { newParticipant: 'carol', source: 'users' } })],
    ['adding a group', (s) => Client.as(s, 'alice').ocs('POST', v4(`/room/${ROOM}/participants`), { json: { newParticipant: 'design', source: 'groups' } })],
    ['promoting someone', (s) => Client.as(s, 'bob').ocs('POST', v4(`/room/${ROOM}/moderators`), { json: { attendeeId: attendeeId(s, ROOM, 'eve') } })],
    ['demoting someone', (s) => Client.as(s, 'bob').ocs('DELETE', v4(`/room/${ROOM}/moderators`), { params: { attendeeId: attendeeId(s, ROOM, 'eve') } })],
    ['removing someone', (s) => Client.as(s, 'bob').ocs('DELETE', v4(`/room/${ROOM}/attendees`), { params: { attendeeId: attendeeId(s, ROOM, 'carol') } })],
    ['turning the lobby on', (s) => Client.as(s, 'bob').ocs('PUT', v4(`/room/${ROOM}/webinar/lobby`), { json: { state: 1 } })],
    ['someone leaving', (s) => Client.as(s, 'eve').ocs('DELETE', v4(`/room/${ROOM}/participants/self`))],
  ];

  for (const [change, act] of changes) {
    it(`moves with ${change}`, async () => {
      lastActivityLongAgo(server());
      const before = nowSeconds();

      expectEnvelope(await act(server()), 200);

      expect(await lastActivity(server())).toBeGreaterThanOrEqual(before);
    });
  }

  it('is in the v1 room too', async () => {
    lastActivityLongAgo(server());

    const res = await Client.as(server(), 'bob').ocs<V1Room>('GET', v1(`/room/${ROOM}`));

    expectEnvelope(res, 200);
    expect(res.data.lastActivity).toBe(LONG_AGO);
  });
});

describe('Server-Timing', () => {
  const server = useServer();

  it('says how long the demo server spent on an OCS answer, for the bench', async () => {
    const res = await Client.as(server(), 'alice').ocs('GET', v4(`/room/${ROOM}/participants`));

    expectEnvelope(res, 200);
    expect(res.headers.get('Server-Timing')).toMatch(/^app;dur=\d+(\.\d)?$/);
  });
});
