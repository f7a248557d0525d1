/**
 * Permissions (v4, capability conversation-permissions): per attendee, the conversation's defaults and call
 * permissions, how `permissions` is computed from them, and the lobby letting through whoever may skip it.
 * Each describe block starts from the seeded data.
 */
import { describe, expect, it } from 'vitest';
import type { CapabilitiesData, V4Participant, V4Room } from '../../contract/wire';
import { Client, v1, v4, type TestServer } from '../test/harness';
import { attendeeId, expectEmptyData, expectEnvelope, guestAttendeeId, useServer } from '../test/contract';

const SKIP_LOBBY = 8;
const CHAT = 128;
/** What a member gets when nothing was chosen: everything but "skip the lobby" (and Custom). */
const SERVER_DEFAULT = 246;
const ALL = 254;

const setAttendee = (client: Client, token: string, body: Record<string, unknown>) =>
  client.ocs<unknown>('PUT', v4(`/room/${token}/attendees/permissions`), { json: body });
const setRoom = (client: Client, token: string, mode: string, body: Record<string, unknown>) =>
  client.ocs<V4Room>('PUT', v4(`/room/${token}/permissions/${mode}`), { json: body });
const setAll = (client: Client, token: string, body: Record<string, unknown>) =>
  client.ocs<V4Room>('PUT', v4(`/room/${token}/attendees/permissions/all`), { json: body });

async function participant(server: TestServer, token: string, actorId: string, actorType = 'users'): Promise<V4Participant> {
  const res = await Client.as(server, 'alice').ocs<V4Participant[]>('GET', v4(`/room/${token}/participants`));
  expectEnvelope(res, 200);
  const found = res.data.find((p) => p.actorType === actorType && p.actorId === actorId);
  if (!found) throw new Error(`${actorType}/${actorId} not in ${token}`);
  return found;
}

/** Every stored permission of a room and its attendees, to show that a refusal wrote nothing. */
function storedPermissions(server: TestServer, token: string) {
  return {
    room: server.db.prepare('SELECT default_permissions, call_permissions FROM rooms WHERE token = ?').get(token),
    attendees: server.db
      .prepare('SELECT a.id, a.permissions, a.participant_type FROM attendees a JOIN rooms r ON r.id = a.room_id WHERE r.token = ? ORDER BY a.id')
      .all(token),
  };
}

describe('PUT /room/{token}/attendees/permissions', () => {
  const server = useServer();

  it('200: set stores the bits with Custom, and the participant and their room show them', async () => {
    const alice = Client.as(server(), 'alice');
    const carol = attendeeId(server(), 'designteam', 'carol');
    expect(await participant(server(), 'designteam', 'carol')).toMatchObject({ permissions: SERVER_DEFAULT, attendeePermissions: 0 });

    const res = await setAttendee(alice, 'designteam', { attendeeId: carol, method: 'set', permissions: 2 | 4 | 16 });
    expectEnvelope(res, 200);
    expect(res.data).toEqual([]);
    expect(await participant(server(), 'designteam', 'carol')).toMatchObject({ permissions: 1 | 2 | 4 | 16, attendeePermissions: 1 | 2 | 4 | 16 });
    const own = await Client.as(server(), 'carol').ocs<V4Room>('GET', v4('/room/designteam'));
    expect(own.data).toMatchObject({ permissions: 1 | 2 | 4 | 16, attendeePermissions: 1 | 2 | 4 | 16, defaultPermissions: 0 });

    // 0 is "follow the conversation" again.
    expectEnvelope(await setAttendee(alice, 'designteam', { attendeeId: carol, method: 'set', permissions: 0 }), 200);
    expect(await participant(server(), 'designteam', 'carol')).toMatchObject({ permissions: SERVER_DEFAULT, attendeePermissions: 0 });
  });

  it('200: add and remove change the effective permissions (form-encoded too)', async () => {
    const alice = Client.as(server(), 'alice');
    const dave = attendeeId(server(), 'designteam', 'dave');
    expectEnvelope(await setAttendee(alice, 'designteam', { attendeeId: dave, method: 'add', permissions: SKIP_LOBBY }), 200);
    expect(await participant(server(), 'designteam', 'dave')).toMatchObject({ permissions: ALL, attendeePermissions: ALL });
    const removed = await alice.ocs('PUT', v4('/room/designteam/attendees/permissions'), {
      form: { attendeeId: String(dave), method: 'remove', permissions: String(CHAT) },
    });
    expectEnvelope(removed, 200);
    expect(await participant(server(), 'designteam', 'dave')).toMatchObject({ permissions: ALL & ~CHAT });
  });

  it('200 for a guest, and a user who joined by the link becomes a member', async () => {
    const bob = Client.as(server(), 'bob');
    const hugo = guestAttendeeId(server(), 'officehours', 'Hugo');
    expectEnvelope(await setAttendee(bob, 'officehours', { attendeeId: hugo, method: 'add', permissions: SKIP_LOBBY }), 200);
    expect(await participant(server(), 'officehours', (await guestActor(server(), hugo)), 'guests')).toMatchObject({ permissions: ALL });

    const dave = Client.as(server(), 'dave');
    expectEnvelope(await dave.ocs('POST', v4('/room/officehours/participants/active')), 200);
    const joined = attendeeId(server(), 'officehours', 'dave');
    expect(await participant(server(), 'officehours', 'dave')).toMatchObject({ participantType: 5 });
    expectEnvelope(await setAttendee(bob, 'officehours', { attendeeId: joined, method: 'set', permissions: CHAT }), 200);
    expect(await participant(server(), 'officehours', 'dave')).toMatchObject({ participantType: 3, permissions: 1 | CHAT });
  });

  it('400 with Talk\'s error code and nothing written: moderators, groups, one-to-one, bad method or bits', async () => {
    const alice = Client.as(server(), 'alice');
    const carol = attendeeId(server(), 'designteam', 'carol');
    const before = storedPermissions(server(), 'designteam');
    const cases: [string, Record<string, unknown>, string][] = [
      ['designteam', { attendeeId: attendeeId(server(), 'designteam', 'bob'), method: 'set', permissions: 2 }, 'moderator'],
      ['designteam', { attendeeId: attendeeId(server(), 'designteam', 'alice'), method: 'add', permissions: 8 }, 'moderator'],
      ['designteam', { attendeeId: attendeeId(server(), 'designteam', 'design', 'groups'), method: 'set', permissions: 2 }, 'type'],
      ['alicebob', { attendeeId: attendeeId(server(), 'alicebob', 'bob'), method: 'set', permissions: 2 }, 'room-type'],
      ['designteam', { attendeeId: carol, method: 'toggle', permissions: 2 }, 'method'],
      ['designteam', { attendeeId: carol, permissions: 2 }, 'method'],
      ['designteam', { attendeeId: carol, method: 'set', permissions: -1 }, 'value'],
      ['designteam', { attendeeId: carol, method: 'set', permissions: 256 }, 'value'],
      ['designteam', { attendeeId: carol, method: 'set', permissions: 'all' }, 'value'],
      ['designteam', { attendeeId: carol, method: 'set', permissions: 1.5 }, 'value'],
      ['designteam', { attendeeId: carol, method: 'set' }, 'value'],
      ['designteam', { method: 'set', permissions: 2 }, 'participant'],
      ['designteam', { attendeeId: 'carol', method: 'set', permissions: 2 }, 'participant'],
    ];
    for (const [token, body, code] of cases) {
      const res = await setAttendee(alice, token, body);
      expectEnvelope(res, 400);
      expect(res.data, JSON.stringify(body)).toEqual({ error: code });
    }
    expect(storedPermissions(server(), 'designteam')).toEqual(before);
  });

  it('403 for a member; 404 for an unknown attendee, someone not in the conversation, a browser without an account', async () => {
    const dave = attendeeId(server(), 'designteam', 'dave');
    const before = storedPermissions(server(), 'designteam');
    const member = await setAttendee(Client.as(server(), 'carol'), 'designteam', { attendeeId: dave, method: 'set', permissions: 2 });
    expectEnvelope(member, 403);
    expectEmptyData(member.data);

    const unknown = await setAttendee(Client.as(server(), 'alice'), 'designteam', { attendeeId: 999_999, method: 'set', permissions: 2 });
    expectEnvelope(unknown, 404);
    expect(unknown.data).toEqual({ error: 'participant' });
    // An attendee of another conversation is unknown here.
    const elsewhere = await setAttendee(Client.as(server(), 'alice'), 'designteam', {
      attendeeId: attendeeId(server(), 'launch', 'carol'),
      method: 'set',
      permissions: 2,
    });
    expectEnvelope(elsewhere, 404);

    expectEnvelope(await setAttendee(Client.as(server(), 'eve'), 'designteam', { attendeeId: dave, method: 'set', permissions: 2 }), 404);
    expectEnvelope(await setAttendee(Client.as(server()), 'designteam', { attendeeId: dave, method: 'set', permissions: 2 }), 404);
    expectEnvelope(await setAttendee(Client.as(server(), 'alice'), 'nosuchroom', { attendeeId: dave, method: 'set', permissions: 2 }), 404);
    expect(storedPermissions(server(), 'designteam')).toEqual(before);
  });
});

async function guestActor(server: TestServer, id: number): Promise<string> {
  const row = server.db.prepare('SELECT actor_id FROM attendees WHERE id = ?').get(id) as { actor_id: string };
  return row.actor_id;
}

describe('PUT /room/{token}/permissions/{mode}', () => {
  const server = useServer();

  it('200 with the room: defaults apply to everyone without their own, and reset those who had them', async () => {
    const alice = Client.as(server(), 'alice');
    const carol = attendeeId(server(), 'designteam', 'carol');
    expectEnvelope(await setAttendee(alice, 'designteam', { attendeeId: carol, method: 'set', permissions: 2 }), 200);

    const res = await setRoom(alice, 'designteam', 'default', { permissions: 2 | 4 | CHAT });
    expectEnvelope(res, 200);
    expect(res.data).toMatchObject({ token: 'designteam', defaultPermissions: 1 | 2 | 4 | CHAT, callPermissions: 0, permissions: ALL });
    expect(await participant(server(), 'designteam', 'dave')).toMatchObject({ permissions: 1 | 2 | 4 | CHAT, attendeePermissions: 0 });
    expect(await participant(server(), 'designteam', 'carol')).toMatchObject({ permissions: 1 | 2 | 4 | CHAT, attendeePermissions: 0 });
    // Moderators always have everything.
    expect(await participant(server(), 'designteam', 'bob')).toMatchObject({ permissions: ALL });

    // Call permissions win over the defaults; 0 goes back to the server's default.
    const call = await setRoom(alice, 'designteam', 'call', { permissions: CHAT });
    expectEnvelope(call, 200);
    expect(call.data).toMatchObject({ callPermissions: 1 | CHAT });
    expect(await participant(server(), 'designteam', 'dave')).toMatchObject({ permissions: 1 | CHAT });
    expectEnvelope(await setRoom(alice, 'designteam', 'call', { permissions: 0 }), 200);
    expectEnvelope(await setRoom(alice, 'designteam', 'default', { permissions: 0 }), 200);
    expect(await participant(server(), 'designteam', 'dave')).toMatchObject({ permissions: SERVER_DEFAULT });
  });

  it('400 {error} for an unknown mode, bad bits, a one-to-one conversation; 403 for members; nothing written', async () => {
    const alice = Client.as(server(), 'alice');
    const before = storedPermissions(server(), 'launch');
    for (const [mode, body, code] of [
      ['everyone', { permissions: 2 }, 'mode'],
      ['default', { permissions: 300 }, 'value'],
      ['default', { permissions: -2 }, 'value'],
      ['default', { permissions: 'x' }, 'value'],
      ['default', {}, 'value'],
    ] as const) {
      const res = await setRoom(alice, 'launch', mode, body);
      expectEnvelope(res, 400);
      expect(res.data).toEqual({ error: code });
    }
    const oneToOne = await setRoom(alice, 'alicebob', 'default', { permissions: 2 });
    expectEnvelope(oneToOne, 400);
    expect(oneToOne.data).toEqual({ error: 'type' });
    expectEnvelope(await setRoom(Client.as(server(), 'carol'), 'launch', 'default', { permissions: 2 }), 403);
    expectEnvelope(await setRoom(Client.as(server(), 'dave'), 'launch', 'default', { permissions: 2 }), 404);
    expect(storedPermissions(server(), 'launch')).toEqual(before);
  });
});

describe('PUT /room/{token}/attendees/permissions/all', () => {
  const server = useServer();

  it('200 with the room: set, add and remove change the call permissions and those chosen for single people', async () => {
    const alice = Client.as(server(), 'alice');
    const carol = attendeeId(server(), 'designteam', 'carol');
    expectEnvelope(await setAttendee(alice, 'designteam', { attendeeId: carol, method: 'set', permissions: 2 }), 200);

    const added = await setAll(alice, 'designteam', { method: 'add', permissions: SKIP_LOBBY });
    expectEnvelope(added, 200);
    expect(added.data).toMatchObject({ callPermissions: SKIP_LOBBY });
    expect(await participant(server(), 'designteam', 'carol')).toMatchObject({ attendeePermissions: 1 | 2 | SKIP_LOBBY });
    expect(await participant(server(), 'designteam', 'dave')).toMatchObject({ attendeePermissions: 0, permissions: SKIP_LOBBY });

    const set = await setAll(alice, 'designteam', { method: 'set', permissions: CHAT });
    expectEnvelope(set, 200);
    expect(set.data).toMatchObject({ callPermissions: 1 | CHAT });
    expect(await participant(server(), 'designteam', 'carol')).toMatchObject({ attendeePermissions: 0, permissions: 1 | CHAT });

    const removed = await setAll(alice, 'designteam', { method: 'remove', permissions: CHAT });
    expectEnvelope(removed, 200);
    expect(removed.data).toMatchObject({ callPermissions: 1 });
  });

  it('400 for bad input or a one-to-one, 403 for members, nothing written', async () => {
    const alice = Client.as(server(), 'alice');
    const before = storedPermissions(server(), 'designteam');
    expectEnvelope(await setAll(alice, 'designteam', { method: 'swap', permissions: 2 }), 400);
    expectEnvelope(await setAll(alice, 'designteam', { method: 'add', permissions: 999 }), 400);
    expectEnvelope(await setAll(alice, 'alicebob', { method: 'add', permissions: 2 }), 400);
    expectEnvelope(await setAll(Client.as(server(), 'carol'), 'designteam', { method: 'add', permissions: 2 }), 403);
    expect(storedPermissions(server(), 'designteam')).toEqual(before);
  });
});

describe('the lobby lets through whoever may skip it', () => {
  const server = useServer();

  it('a member gets 412 while the lobby is on, 200 once let in (add 8), and 412 again when it is taken back', async () => {
    const carol = Client.as(server(), 'carol');
    const alice = Client.as(server(), 'alice');
    const carolId = attendeeId(server(), 'launch', 'carol');
    expectEnvelope(await carol.ocs('GET', v4('/room/launch/participants')), 412);

    expectEnvelope(await setAttendee(alice, 'launch', { attendeeId: carolId, method: 'add', permissions: SKIP_LOBBY }), 200);
    const listed = await carol.ocs<V4Participant[]>('GET', v4('/room/launch/participants'));
    expectEnvelope(listed, 200);
    expect(listed.data.find((p) => p.actorId === 'carol')).toMatchObject({ permissions: ALL });
    expect((await carol.ocs<V4Room>('GET', v4('/room/launch'))).data).toMatchObject({ lobbyState: 1, permissions: ALL });
    // Others are still held.
    expectEnvelope(await Client.as(server(), 'eve').ocs('GET', v4('/room/launch/participants')), 412);

    expectEnvelope(await setAttendee(alice, 'launch', { attendeeId: carolId, method: 'remove', permissions: SKIP_LOBBY }), 200);
    expectEnvelope(await carol.ocs('GET', v4('/room/launch/participants')), 412);
  });

  it('conversation defaults with "skip the lobby" let every member through', async () => {
    expectEnvelope(await setRoom(Client.as(server(), 'alice'), 'launch', 'default', { permissions: SKIP_LOBBY | CHAT }), 200);
    expectEnvelope(await Client.as(server(), 'eve').ocs('GET', v4('/room/launch/participants')), 200);
  });

  it('internal signaling reports each session\'s permissions', async () => {
    const alice = Client.as(server(), 'alice');
    expectEnvelope(await alice.ocs('POST', v4('/room/designteam/participants/active')), 200);
    const carol = Client.as(server(), 'carol');
    expectEnvelope(await carol.ocs('POST', v4('/room/designteam/participants/active')), 200);
    expectEnvelope(await setAttendee(alice, 'designteam', { attendeeId: attendeeId(server(), 'designteam', 'carol'), method: 'set', permissions: CHAT }), 200);
    const pull = await alice.ocs<{ type: string; data: { userId: string; participantPermissions: number }[] }[]>(
      'GET',
      '/ocs/v2.php/apps/spreed/api/v3/signaling/designteam',
    );
    expectEnvelope(pull, 200);
    const sessions = pull.data[0]!.data;
    expect(sessions.filter((s) => s.userId === 'carol').map((s) => s.participantPermissions)).toContain(1 | CHAT);
    expect(sessions.find((s) => s.userId === 'alice')?.participantPermissions).toBe(ALL);
  });
});

describe('permissions exist with v4 only', () => {
  const current = useServer();
  const seedServer = useServer({ generations: ['v1'] });

  const features = async (server: TestServer) =>
    (await Client.as(server).ocs<CapabilitiesData>('GET', '/ocs/v2.php/cloud/capabilities')).data.capabilities.spreed?.features ?? [];

  it('conversation-permissions is advertised in v4 mode only', async () => {
    expect(await features(current())).toContain('conversation-permissions');
    expect(await features(seedServer())).not.toContain('conversation-permissions');
  });

  it('404 on v1 routes, and on the v4 routes of a v1-only server; nothing written', async () => {
    for (const server of [current(), seedServer()]) {
      const alice = Client.as(server, 'alice');
      const before = storedPermissions(server, 'designteam');
      const carol = attendeeId(server, 'designteam', 'carol');
      const base = server === current() ? [v1] : [v1, v4];
      for (const version of base) {
        const single = await alice.ocs('PUT', version('/room/designteam/attendees/permissions'), { json: { attendeeId: carol, method: 'set', permissions: 2 } });
        expectEnvelope(single, 404);
        expectEnvelope(await alice.ocs('PUT', version('/room/designteam/attendees/permissions/all'), { json: { method: 'set', permissions: 2 } }), 404);
        expectEnvelope(await alice.ocs('PUT', version('/room/designteam/permissions/default'), { json: { permissions: 2 } }), 404);
      }
      expect(storedPermissions(server, 'designteam')).toEqual(before);
    }
  });
});
