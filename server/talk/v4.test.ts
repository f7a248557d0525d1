/**
 * The v4 API as spec/talk-openapi.json describes it and a real Talk 19 server answers: rooms, attendee-based participant routes with `error`
 * codes, the lobby, public/private, the two API generations, the OCS transport rules, autocomplete and avatars.
 * Each describe block starts from the seeded data; tests inside a block touch different people or rooms.
 */
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { AutocompleteEntry, CapabilitiesData, V1Room, V4Participant, V4Room } from '../../contract/wire';
import { Client, v1, v4, type TestServer } from '../test/harness';
import {
  SESSION_ID,
  attendeeId,
  expectEmptyData,
  expectEnvelope,
  expectNotLoggedIn,
  guestAttendeeId,
  joinedGuest,
  sessionIdOf,
  useServer,
} from '../test/contract';

const CAPABILITIES = '/ocs/v2.php/cloud/capabilities';
const AUTOCOMPLETE = '/ocs/v2.php/core/autocomplete/get';
const nowSeconds = () => Math.floor(Date.now() / 1000);

async function participants(server: TestServer, token: string, as = 'alice'): Promise<V4Participant[]> {
  const res = await Client.as(server, as).ocs<V4Participant[]>('GET', v4(`/room/${token}/participants`));
  expectEnvelope(res, 200);
  return res.data;
}

const byActor = (list: V4Participant[], actorId: string, actorType = 'users') =>
  list.find((p) => p.actorType === actorType && p.actorId === actorId);
const byAttendee = (list: V4Participant[], id: number) => list.find((p) => p.attendeeId === id);

async function features(server: TestServer): Promise<string[]> {
  const res = await Client.as(server).ocs<CapabilitiesData>('GET', CAPABILITIES);
  expectEnvelope(res, 200);
  return res.data.capabilities.spreed?.features ?? [];
}

describe('GET/POST /room and GET /room/{token} (v4)', () => {
  const server = useServer();

  it('GET room → 200 with every conversation of the user', async () => {
    const res = await Client.as(server(), 'alice').ocs<V4Room[]>('GET', v4('/room'));
    expectEnvelope(res, 200);
    expect(res.data.map((room) => room.token).sort()).toEqual(
      ['alicebob', 'allhands', 'boardroom', 'designteam', 'launch', 'officehours', 'supportdesk'].sort(),
    );
    const oneToOne = res.data.find((room) => room.token === 'alicebob')!;
    // A one-to-one conversation is named after the other person.
    expect(oneToOne).toMatchObject({ type: 1, displayName: 'Bob', participantType: 1 });
    expect(res.data.find((room) => room.token === 'boardroom')).toMatchObject({
      type: 3,
      name: 'Board room',
      hasPassword: true,
      participantType: 3,
      actorType: 'users',
      actorId: 'alice',
      attendeeId: attendeeId(server(), 'boardroom', 'alice'),
    });
  });

  it('GET room → the same conversations in v1 and v4', async () => {
    for (const user of ['alice', 'bob', 'eve']) {
      const client = Client.as(server(), user);
      const [old, current] = await Promise.all([client.ocs<V1Room[]>('GET', v1('/room')), client.ocs<V4Room[]>('GET', v4('/room'))]);
      expectEnvelope(old, 200);
      expectEnvelope(current, 200);
      const summary = (rooms: (V1Room | V4Room)[]) =>
        rooms.map(({ token, type, name, displayName, participantType, lobbyState }) => ({ token, type, name, displayName, participantType, lobbyState }));
      expect(summary(old.data)).toEqual(summary(current.data));
      expect(current.data.length).toBeGreaterThan(0);
    }
  });

  it('GET room → 401 (statuscode 997) with the envelope for a browser without an account', async () => {
    expectNotLoggedIn(await Client.as(server()).ocs('GET', v4('/room')));
  });

  it('POST room → 201 with the new group conversation, owned by its creator', async () => {
    const alice = Client.as(server(), 'alice');
    const res = await alice.ocs<V4Room>('POST', v4('/room'), { json: { roomType: 2, roomName: 'Planning' } });
    expectEnvelope(res, 201);
    expect(res.data).toMatchObject({ type: 2, name: 'Planning', displayName: 'Planning', participantType: 1, hasPassword: false, lobbyState: 0 });
    expect(res.data.token).toMatch(/^[a-z0-9]{4,30}$/);

    const single = await alice.ocs<V4Room>('GET', v4(`/room/${res.data.token}`));
    expectEnvelope(single, 200);
    expect(single.data).toMatchObject({ token: res.data.token, name: 'Planning' });
    expect((await alice.ocs<V1Room[]>('GET', v1('/room'))).data.map((room) => room.token)).toContain(res.data.token);
    expect(await participants(server(), res.data.token)).toEqual([
      expect.objectContaining({ actorType: 'users', actorId: 'alice', participantType: 1 }),
    ]);
  });

  it('POST room → 201 for a public conversation with a password', async () => {
    const res = await Client.as(server(), 'bob').ocs<V4Room>('POST', v4('/room'), {
      form: { roomType: '3', roomName: 'Town hall', password: 'secret' },
    });
    expectEnvelope(res, 201);
    expect(res.data).toMatchObject({ type: 3, name: 'Town hall', hasPassword: true, participantType: 1 });
  });

  it('POST room → 200 with the existing one-to-one conversation', async () => {
    const res = await Client.as(server(), 'alice').ocs<V4Room>('POST', v4('/room'), { json: { roomType: 1, invite: 'bob' } });
    expectEnvelope(res, 200);
    expect(res.data).toMatchObject({ token: 'alicebob', type: 1, displayName: 'Bob' });
  });

  it('POST room → 400 {error: "type"} for an unknown room type and {error: "name"} without a name', async () => {
    const alice = Client.as(server(), 'alice');
    const badType = await alice.ocs('POST', v4('/room'), { json: { roomType: 7, roomName: 'Odd' } });
    expectEnvelope(badType, 400);
    expect(badType.data).toEqual({ error: 'type' });
    const noName = await alice.ocs('POST', v4('/room'), { json: { roomType: 2, roomName: '   ' } });
    expectEnvelope(noName, 400);
    expect(noName.data).toEqual({ error: 'name' });
  });

  it('POST room → 401 (statuscode 997) for a browser without an account', async () => {
    expectNotLoggedIn(await Client.as(server()).ocs('POST', v4('/room'), { json: { roomType: 2, roomName: 'Sneaky' } }));
  });

  it('GET room/{token} → 200 for a participant and for anyone on a public conversation', async () => {
    const member = await Client.as(server(), 'carol').ocs<V4Room>('GET', v4('/room/designteam'));
    expectEnvelope(member, 200);
    // carol's session in designteam belongs to another browser: this one has none.
    expect(member.data).toMatchObject({ token: 'designteam', type: 2, participantType: 3, sessionId: '0' });

    const visitor = await Client.as(server(), 'dave').ocs<V4Room>('GET', v4('/room/officehours'));
    expectEnvelope(visitor, 200);
    expect(visitor.data).toMatchObject({ token: 'officehours', type: 3, participantType: 0, sessionId: '0', attendeeId: 0 });
  });

  it('GET room/{token} hides the name from whoever is not a participant, as Talk does, until they join', async () => {
    for (const stranger of [Client.as(server()), Client.as(server(), 'eve')]) {
      const before = await stranger.ocs<V4Room>('GET', v4('/room/boardroom'));
      expectEnvelope(before, 200);
      expect(before.data).toMatchObject({ token: 'boardroom', type: 3, name: '', displayName: '', hasPassword: true, participantType: 0 });
    }
    const member = await Client.as(server(), 'alice').ocs<V4Room>('GET', v4('/room/boardroom'));
    expect(member.data.displayName).not.toBe('');
    const guest = Client.as(server());
    expectEnvelope(await guest.ocs('POST', v4('/room/boardroom/participants/active'), { json: { password: 'boardroom' } }), 200);
    const after = await guest.ocs<V4Room>('GET', v4('/room/boardroom'));
    expect(after.data).toMatchObject({ name: member.data.name, displayName: member.data.displayName, participantType: 4 });
  });

  it('GET room/{token} → 404 for unknown conversations, non-members and malformed tokens', async () => {
    const cases: [string, string][] = [
      ['eve', 'nosuchroom'],
      ['eve', 'designteam'],
      ['carol', 'alicebob'],
      ['alice', 'DesignTeam'],
      ['alice', 'abc'],
      ['alice', 'a'.repeat(31)],
      ['alice', 'design_team'],
    ];
    for (const [user, token] of cases) {
      const res = await Client.as(server(), user).ocs('GET', v4(`/room/${token}`));
      expectEnvelope(res, 404);
      expectEmptyData(res.data);
    }
  });
});

describe('GET /room/{token}/participants (v4)', () => {
  const server = useServer();

  it('GET participants → 200 with attendeeId, actorType, actorId, sessionIds, inCall and permissions', async () => {
    const list = await participants(server(), 'designteam');
    expect(list).toHaveLength(5);
    expect(byActor(list, 'alice')).toEqual({
      attendeeId: attendeeId(server(), 'designteam', 'alice'),
      actorType: 'users',
      actorId: 'alice',
      displayName: 'Alice',
      participantType: 1,
      lastPing: 0,
      inCall: 0,
      permissions: expect.any(Number),
      attendeePermissions: 0,
      attendeePin: '',
      roomToken: 'designteam',
      sessionIds: [],
    });
    expect(byActor(list, 'carol')).toMatchObject({
      participantType: 3,
      inCall: 7,
      lastPing: expect.any(Number),
      sessionIds: [expect.stringMatching(SESSION_ID)],
    });
    // Groups are attendees in v4.
    expect(byActor(list, 'design', 'groups')).toMatchObject({ displayName: 'Design', participantType: 3, sessionIds: [] });
    expect(new Set(list.map((p) => p.attendeeId)).size).toBe(list.length);
  });

  it('GET participants → 200 with guests, guest moderators and email invitees', async () => {
    const list = await participants(server(), 'officehours');
    expect(list.filter((p) => p.actorType === 'guests').map((p) => [p.displayName, p.participantType])).toEqual([
      ['Gina (guest)', 4],
      ['Hugo', 4],
      ['Ines', 6],
    ]);
    expect(list.find((p) => p.displayName === 'Gina (guest)')).toMatchObject({ inCall: 3, sessionIds: [expect.stringMatching(SESSION_ID)] });
    expect(byActor(list, 'frank@example.org', 'emails')).toMatchObject({ participantType: 4, sessionIds: [] });
  });

  it('GET participants?includeStatus=1 → 200 with status, statusIcon, statusMessage and statusClearAt', async () => {
    const res = await Client.as(server(), 'alice').ocs<V4Participant[]>('GET', v4('/room/designteam/participants'), {
      params: { includeStatus: 1 },
    });
    expectEnvelope(res, 200);
    expect(res.headers.get('x-nextcloud-has-user-statuses')).toBe('true');
    expect(byActor(res.data, 'bob')).toMatchObject({
      status: 'away',
      statusIcon: '📅',
      statusMessage: 'In a meeting',
      statusClearAt: expect.any(Number),
    });
    expect(byActor(res.data, 'carol')).toMatchObject({ status: 'dnd', statusIcon: '🎧', statusMessage: 'Focus time', statusClearAt: null });
    expect(byActor(res.data, 'dave')).not.toHaveProperty('status');
  });

  it('GET participants?includeStatus=1 → 200 without statuses at 1000 participants or more', async () => {
    const res = await Client.as(server(), 'alice').ocs<V4Participant[]>('GET', v4('/room/allhands/participants'), {
      params: { includeStatus: 1 },
    });
    expectEnvelope(res, 200);
    expect(res.data).toHaveLength(10_000);
    expect(res.headers.get('x-nextcloud-has-user-statuses')).toBeNull();
    expect(res.data.some((p) => 'status' in p)).toBe(false);
  });

  it('GET participants → 403 for a plain guest', async () => {
    const guest = await joinedGuest(server(), 'officehours', v4);
    const res = await guest.ocs('GET', v4('/room/officehours/participants'));
    expectEnvelope(res, 403);
    expectEmptyData(res.data);
  });

  it('GET participants → 404 for unknown conversations and non-members', async () => {
    // officehours is public: dave could join it, but he is not a participant.
    for (const [user, token] of [['eve', 'nosuchroom'], ['eve', 'designteam'], ['dave', 'officehours']]) {
      const res = await Client.as(server(), user).ocs('GET', v4(`/room/${token}/participants`));
      expectEnvelope(res, 404);
      expectEmptyData(res.data);
    }
  });
});

describe('the lobby (v4)', () => {
  const server = useServer();

  it('GET participants → 412 with the envelope for a non-moderator while the lobby is on', async () => {
    const res = await Client.as(server(), 'carol').ocs('GET', v4('/room/launch/participants'));
    expectEnvelope(res, 412);
    expectEmptyData(res.data);
  });

  it('GET room/{token} → 200 with lobbyState 1 and lobbyTimer while the lobby is on', async () => {
    const res = await Client.as(server(), 'carol').ocs<V4Room>('GET', v4('/room/launch'));
    expectEnvelope(res, 200);
    expect(res.data.lobbyState).toBe(1);
    expect(res.data.lobbyTimer).toBeGreaterThan(nowSeconds() + 6 * 86_400);
  });

  it('GET participants → 200 for a moderator while the lobby is on', async () => {
    expect(await participants(server(), 'launch', 'bob')).toHaveLength(4);
  });

  it('GET participants → 412 for a plain guest while the lobby is on: the lobby is checked first, as on Talk 19', async () => {
    const guest = await joinedGuest(server(), 'launch', v4);
    const res = await guest.ocs('GET', v4('/room/launch/participants'));
    expectEnvelope(res, 412);
    expectEmptyData(res.data);
  });

  it('PUT webinar/lobby → 200 with the room, lobby on with a timer, then off', async () => {
    const alice = Client.as(server(), 'alice');
    const timer = nowSeconds() + 3600;
    const on = await alice.ocs<V4Room>('PUT', v4('/room/designteam/webinar/lobby'), { json: { state: 1, timer } });
    expectEnvelope(on, 200);
    expect(on.data).toMatchObject({ token: 'designteam', lobbyState: 1, lobbyTimer: timer });
    expectEnvelope(await Client.as(server(), 'carol').ocs('GET', v4('/room/designteam/participants')), 412);

    const off = await alice.ocs<V4Room>('PUT', v4('/room/designteam/webinar/lobby'), { form: { state: '0' } });
    expectEnvelope(off, 200);
    expect(off.data).toMatchObject({ lobbyState: 0, lobbyTimer: 0 });
    expectEnvelope(await Client.as(server(), 'carol').ocs('GET', v4('/room/designteam/participants')), 200);
  });

  it('PUT webinar/lobby → 200 with the lobby on and no timer', async () => {
    const res = await Client.as(server(), 'dave').ocs<V4Room>('PUT', v4('/room/supportdesk/webinar/lobby'), { json: { state: 1, timer: null } });
    expectEnvelope(res, 200);
    expect(res.data).toMatchObject({ lobbyState: 1, lobbyTimer: 0 });
    expectEnvelope(await Client.as(server(), 'alice').ocs('GET', v4('/room/supportdesk/participants')), 412);
  });

  it('PUT webinar/lobby → 403 for a non-moderator', async () => {
    const res = await Client.as(server(), 'carol').ocs('PUT', v4('/room/launch/webinar/lobby'), { json: { state: 0 } });
    expectEnvelope(res, 403);
    expectEmptyData(res.data);
    expect((await Client.as(server(), 'carol').ocs<V4Room>('GET', v4('/room/launch'))).data.lobbyState).toBe(1);
  });

  it('PUT webinar/lobby → 400 {error: "value"} for an unknown state and {error: "type"} on a one-to-one conversation', async () => {
    const alice = Client.as(server(), 'alice');
    const badState = await alice.ocs('PUT', v4('/room/launch/webinar/lobby'), { json: { state: 2 } });
    expectEnvelope(badState, 400);
    expect(badState.data).toEqual({ error: 'value' });
    const oneToOne = await alice.ocs('PUT', v4('/room/alicebob/webinar/lobby'), { json: { state: 1 } });
    expectEnvelope(oneToOne, 400);
    expect(oneToOne.data).toEqual({ error: 'type' });
  });

  it('POST webinar/lobby → 405 (the lobby is set with PUT)', async () => {
    const res = await Client.as(server(), 'alice').ocs('POST', v4('/room/launch/webinar/lobby'), { json: { state: 0 } });
    expectEnvelope(res, 405);
    expectEmptyData(res.data);
    expect((await Client.as(server(), 'carol').ocs<V4Room>('GET', v4('/room/launch'))).data.lobbyState).toBe(1);
  });
});

describe('a lobby whose timer has passed (v4)', () => {
  const server = useServer();

  it('the lobby is lifted once its start time has passed', async () => {
    expectEnvelope(await Client.as(server(), 'carol').ocs('GET', v4('/room/launch/participants')), 412);
    server().db.prepare('UPDATE rooms SET lobby_timer = ? WHERE token = ?').run(nowSeconds() - 60, 'launch');

    const list = await Client.as(server(), 'carol').ocs<V4Participant[]>('GET', v4('/room/launch/participants'));
    expectEnvelope(list, 200);
    expect(list.data).toHaveLength(4);
    const room = await Client.as(server(), 'carol').ocs<V4Room>('GET', v4('/room/launch'));
    expect(room.data).toMatchObject({ lobbyState: 0, lobbyTimer: 0 });
    const old = await Client.as(server(), 'eve').ocs<V1Room>('GET', v1('/room/launch'));
    expect(old.data).toMatchObject({ lobbyState: 0, lobbyTimer: 0 });
  });
});

describe('POST/DELETE /room/{token}/public (v4)', () => {
  const server = useServer();

  it('POST public → 200 with the room now public (type 3), DELETE public → 200 back to a group (type 2)', async () => {
    const alice = Client.as(server(), 'alice');
    const opened = await alice.ocs<V4Room>('POST', v4('/room/designteam/public'));
    expectEnvelope(opened, 200);
    expect(opened.data).toMatchObject({ token: 'designteam', type: 3 });
    // Now anyone can see it to join.
    expectEnvelope(await Client.as(server(), 'eve').ocs('GET', v4('/room/designteam')), 200);

    const closed = await alice.ocs<V4Room>('DELETE', v4('/room/designteam/public'));
    expectEnvelope(closed, 200);
    expect(closed.data).toMatchObject({ type: 2 });
    expectEnvelope(await Client.as(server(), 'eve').ocs('GET', v4('/room/designteam')), 404);
  });

  it('POST public → 400 {error: "type"} when already public; DELETE public → 400 when not public', async () => {
    const made = await Client.as(server(), 'bob').ocs('POST', v4('/room/officehours/public'));
    expectEnvelope(made, 400);
    expect(made.data).toEqual({ error: 'type' });
    const unmade = await Client.as(server(), 'dave').ocs('DELETE', v4('/room/supportdesk/public'));
    expectEnvelope(unmade, 400);
    expect(unmade.data).toEqual({ error: 'type' });
  });

  it('POST public → 403 for a non-moderator', async () => {
    const res = await Client.as(server(), 'alice').ocs('POST', v4('/room/supportdesk/public'));
    expectEnvelope(res, 403);
    expectEmptyData(res.data);
    expect((await Client.as(server(), 'alice').ocs<V4Room>('GET', v4('/room/supportdesk'))).data.type).toBe(2);
  });
});

describe('POST /room/{token}/participants (v4)', () => {
  const server = useServer();

  it('POST participants → 200 adding a user, then listed with an attendeeId', async () => {
    const res = await Client.as(server(), 'alice').ocs('POST', v4('/room/designteam/participants'), {
      json: { newParticipant: 'eve', source: 'users' },
    });
    expectEnvelope(res, 200);
    expect(res.data).toEqual([]);
    expect(byActor(await participants(server(), 'designteam'), 'eve')).toMatchObject({
      attendeeId: expect.any(Number),
      displayName: 'Eve',
      participantType: 3,
    });
  });

  it('POST participants → 200 adding a group: the group and its members are attendees', async () => {
    const res = await Client.as(server(), 'dave').ocs('POST', v4('/room/supportdesk/participants'), {
      json: { newParticipant: 'design', source: 'groups' },
    });
    expectEnvelope(res, 200);
    const list = await participants(server(), 'supportdesk', 'dave');
    expect(byActor(list, 'design', 'groups')).toBeDefined();
    expect(byActor(list, 'bob')).toMatchObject({ participantType: 3 });
    expect(byActor(list, 'carol')).toMatchObject({ participantType: 3 });
  });

  it('POST participants → 200 adding a circle', async () => {
    const res = await Client.as(server(), 'carol').ocs('POST', v4('/room/boardroom/participants'), {
      json: { newParticipant: 'releasecrew', source: 'circles' },
    });
    expectEnvelope(res, 200);
    const list = await participants(server(), 'boardroom', 'carol');
    expect(byActor(list, 'releasecrew', 'circles')).toMatchObject({ displayName: 'Release crew' });
    expect(byActor(list, 'eve')).toMatchObject({ participantType: 3 });
  });

  it('POST participants → 200 with {type: 3} when an email turns a group conversation public', async () => {
    const res = await Client.as(server(), 'dave').ocs('POST', v4('/room/supportdesk/participants'), {
      json: { newParticipant: 'Grace@Example.org', source: 'emails' },
    });
    expectEnvelope(res, 200);
    expect(res.data).toEqual({ type: 3 });
    expect(byActor(await participants(server(), 'supportdesk', 'dave'), 'grace@example.org', 'emails')).toMatchObject({ participantType: 4 });
  });

  it('POST participants → 400 {error: "source"} for an unknown source', async () => {
    const res = await Client.as(server(), 'alice').ocs('POST', v4('/room/launch/participants'), {
      json: { newParticipant: 'dave', source: 'phones' },
    });
    expectEnvelope(res, 400);
    expect(res.data).toEqual({ error: 'source' });
  });

  it('POST participants → 400 {error: "room-type"} on a one-to-one conversation', async () => {
    const res = await Client.as(server(), 'alice').ocs('POST', v4('/room/alicebob/participants'), { json: { newParticipant: 'carol' } });
    expectEnvelope(res, 400);
    expect(res.data).toEqual({ error: 'room-type' });
  });

  it('POST participants → 400 {error: "new-participant"} for an email that is not one', async () => {
    const res = await Client.as(server(), 'alice').ocs('POST', v4('/room/launch/participants'), {
      json: { newParticipant: 'not-an-email', source: 'emails' },
    });
    expectEnvelope(res, 400);
    expect(res.data).toEqual({ error: 'new-participant' });
  });

  it('POST participants → 403 for a non-moderator', async () => {
    const res = await Client.as(server(), 'alice').ocs('POST', v4('/room/boardroom/participants'), { json: { newParticipant: 'bob' } });
    expectEnvelope(res, 403);
    expectEmptyData(res.data);
  });

  it('POST participants → 404 {error: "new-participant"} when the user, group or circle does not exist', async () => {
    const alice = Client.as(server(), 'alice');
    for (const [newParticipant, source] of [['nobody', 'users'], ['nogroup', 'groups'], ['nocircle', 'circles']]) {
      const res = await alice.ocs('POST', v4('/room/launch/participants'), { json: { newParticipant, source } });
      expectEnvelope(res, 404);
      expect(res.data).toEqual({ error: 'new-participant' });
    }
  });

  it('POST participants → 404 for a conversation the user is not in', async () => {
    const res = await Client.as(server(), 'dave').ocs('POST', v4('/room/officehours/participants'), { json: { newParticipant: 'dave' } });
    expectEnvelope(res, 404);
    expectEmptyData(res.data);
  });
});

describe('DELETE /room/{token}/attendees and /participants/self (v4)', () => {
  const server = useServer();

  it('DELETE attendees?attendeeId= → 200 and the attendee is gone', async () => {
    const dave = attendeeId(server(), 'designteam', 'dave');
    const res = await Client.as(server(), 'alice').ocs('DELETE', v4('/room/designteam/attendees'), { params: { attendeeId: dave } });
    expectEnvelope(res, 200);
    expectEmptyData(res.data);
    expect(byAttendee(await participants(server(), 'designteam'), dave)).toBeUndefined();
  });

  it('DELETE attendees → 200 removing a guest', async () => {
    const hugo = guestAttendeeId(server(), 'officehours', 'Hugo');
    const res = await Client.as(server(), 'alice').ocs('DELETE', v4('/room/officehours/attendees'), { params: { attendeeId: hugo } });
    expectEnvelope(res, 200);
    expect(byAttendee(await participants(server(), 'officehours'), hugo)).toBeUndefined();
  });

  it('DELETE attendees → 403 {error: "owner"} for the owner', async () => {
    const alice = attendeeId(server(), 'designteam', 'alice');
    const res = await Client.as(server(), 'bob').ocs('DELETE', v4('/room/designteam/attendees'), { params: { attendeeId: alice } });
    expectEnvelope(res, 403);
    expect(res.data).toEqual({ error: 'owner' });
  });

  it('DELETE attendees → 403 for a non-moderator', async () => {
    const bob = attendeeId(server(), 'designteam', 'bob');
    const res = await Client.as(server(), 'carol').ocs('DELETE', v4('/room/designteam/attendees'), { params: { attendeeId: bob } });
    expectEnvelope(res, 403);
    expectEmptyData(res.data);
    expect(byAttendee(await participants(server(), 'designteam'), bob)).toBeDefined();
  });

  it('DELETE attendees → 400 {error: "room-type"} on a one-to-one conversation', async () => {
    const bob = attendeeId(server(), 'alicebob', 'bob');
    const res = await Client.as(server(), 'alice').ocs('DELETE', v4('/room/alicebob/attendees'), { params: { attendeeId: bob } });
    expectEnvelope(res, 400);
    expect(res.data).toEqual({ error: 'room-type' });
  });

  it('DELETE attendees → 400 {error: "last-moderator"} removing yourself as the last moderator', async () => {
    const carol = attendeeId(server(), 'boardroom', 'carol');
    const res = await Client.as(server(), 'carol').ocs('DELETE', v4('/room/boardroom/attendees'), { params: { attendeeId: carol } });
    expectEnvelope(res, 400);
    expect(res.data).toEqual({ error: 'last-moderator' });
  });

  it('DELETE attendees → 404 {error: "participant"} for an attendee not in the conversation', async () => {
    // An attendee id of another conversation, and one that does not exist.
    for (const id of [attendeeId(server(), 'officehours', 'eve'), 999_999]) {
      const res = await Client.as(server(), 'alice').ocs('DELETE', v4('/room/designteam/attendees'), { params: { attendeeId: id } });
      expectEnvelope(res, 404);
      expect(res.data).toEqual({ error: 'participant' });
    }
    expect(byActor(await participants(server(), 'officehours'), 'eve')).toBeDefined();
  });

  it('DELETE attendees → 404 for a conversation the user is not in', async () => {
    const res = await Client.as(server(), 'eve').ocs('DELETE', v4('/room/designteam/attendees'), {
      params: { attendeeId: attendeeId(server(), 'designteam', 'carol') },
    });
    expectEnvelope(res, 404);
    expectEmptyData(res.data);
  });

  it('DELETE participants/self → 200 and the conversation is gone for the user', async () => {
    const eve = Client.as(server(), 'eve');
    const res = await eve.ocs('DELETE', v4('/room/launch/participants/self'));
    expectEnvelope(res, 200);
    expectEmptyData(res.data);
    expectEnvelope(await eve.ocs('GET', v4('/room/launch/participants')), 404);
    expect((await eve.ocs<V4Room[]>('GET', v4('/room'))).data.map((room) => room.token)).not.toContain('launch');
  });

  it('DELETE participants/self → 400 {error: "last-moderator"} for the last moderator while others remain', async () => {
    const res = await Client.as(server(), 'carol').ocs('DELETE', v4('/room/boardroom/participants/self'));
    expectEnvelope(res, 400);
    expect(res.data).toEqual({ error: 'last-moderator' });
  });

  it('DELETE participants/self → 404 for a conversation the user is not in', async () => {
    const res = await Client.as(server(), 'eve').ocs('DELETE', v4('/room/designteam/participants/self'));
    expectEnvelope(res, 404);
    expectEmptyData(res.data);
  });
});

describe('POST/DELETE /room/{token}/moderators (v4)', () => {
  const server = useServer();

  it('POST moderators {attendeeId} → 200 promoting a user to moderator (2)', async () => {
    const carol = attendeeId(server(), 'designteam', 'carol');
    const res = await Client.as(server(), 'alice').ocs('POST', v4('/room/designteam/moderators'), { json: { attendeeId: carol } });
    expectEnvelope(res, 200);
    expectEmptyData(res.data);
    expect(byAttendee(await participants(server(), 'designteam'), carol)).toMatchObject({ participantType: 2 });
  });

  it('POST moderators → 200 promoting a guest to guest moderator (6)', async () => {
    const hugo = guestAttendeeId(server(), 'officehours', 'Hugo');
    const res = await Client.as(server(), 'alice').ocs('POST', v4('/room/officehours/moderators'), { form: { attendeeId: String(hugo) } });
    expectEnvelope(res, 200);
    expect(byAttendee(await participants(server(), 'officehours'), hugo)).toMatchObject({ participantType: 6 });
  });

  it('POST moderators → 200 promoting a user who joined by link (5)', async () => {
    expectEnvelope(await Client.as(server(), 'dave').ocs('POST', v4('/room/officehours/participants/active')), 200);
    const dave = attendeeId(server(), 'officehours', 'dave');
    expect(byAttendee(await participants(server(), 'officehours'), dave)).toMatchObject({ participantType: 5 });
    const res = await Client.as(server(), 'bob').ocs('POST', v4('/room/officehours/moderators'), { json: { attendeeId: dave } });
    expectEnvelope(res, 200);
    expect(byAttendee(await participants(server(), 'officehours'), dave)).toMatchObject({ participantType: 2 });
  });

  it('POST moderators → 400 for a moderator or a group', async () => {
    const cases: [string, string, number][] = [
      ['alice', 'launch', attendeeId(server(), 'launch', 'bob')],
      ['dave', 'supportdesk', attendeeId(server(), 'supportdesk', 'support', 'groups')],
    ];
    for (const [user, token, id] of cases) {
      const res = await Client.as(server(), user).ocs('POST', v4(`/room/${token}/moderators`), { json: { attendeeId: id } });
      expectEnvelope(res, 400);
      expectEmptyData(res.data);
    }
  });

  it('POST moderators → 403 for yourself and for a non-moderator', async () => {
    const cases: [string, string, number][] = [
      ['bob', 'launch', attendeeId(server(), 'launch', 'bob')],
      ['carol', 'launch', attendeeId(server(), 'launch', 'eve')],
    ];
    for (const [user, token, id] of cases) {
      const res = await Client.as(server(), user).ocs('POST', v4(`/room/${token}/moderators`), { json: { attendeeId: id } });
      expectEnvelope(res, 403);
      expectEmptyData(res.data);
    }
    expect(byActor(await participants(server(), 'launch'), 'eve')).toMatchObject({ participantType: 3 });
  });

  it('POST moderators → 404 for an attendee not in the conversation', async () => {
    const res = await Client.as(server(), 'alice').ocs('POST', v4('/room/launch/moderators'), {
      json: { attendeeId: attendeeId(server(), 'boardroom', 'dave') },
    });
    expectEnvelope(res, 404);
    expect(res.data).toEqual({ error: 'participant' });
  });

  it('DELETE moderators?attendeeId= → 200 demoting a moderator to user (3) and a guest moderator to guest (4)', async () => {
    const bob = attendeeId(server(), 'designteam', 'bob');
    const demoted = await Client.as(server(), 'alice').ocs('DELETE', v4('/room/designteam/moderators'), { params: { attendeeId: bob } });
    expectEnvelope(demoted, 200);
    expectEmptyData(demoted.data);
    expect(byAttendee(await participants(server(), 'designteam'), bob)).toMatchObject({ participantType: 3 });

    const ines = guestAttendeeId(server(), 'officehours', 'Ines');
    const guest = await Client.as(server(), 'bob').ocs('DELETE', v4('/room/officehours/moderators'), { params: { attendeeId: ines } });
    expectEnvelope(guest, 200);
    expect(byAttendee(await participants(server(), 'officehours'), ines)).toMatchObject({ participantType: 4 });
  });

  it('DELETE moderators → 400 for someone who is not a moderator', async () => {
    const res = await Client.as(server(), 'alice').ocs('DELETE', v4('/room/launch/moderators'), {
      params: { attendeeId: attendeeId(server(), 'launch', 'carol') },
    });
    expectEnvelope(res, 400);
    expectEmptyData(res.data);
  });

  it('DELETE moderators → 403 for yourself and for a non-moderator', async () => {
    const bob = attendeeId(server(), 'launch', 'bob');
    for (const user of ['bob', 'eve']) {
      const res = await Client.as(server(), user).ocs('DELETE', v4('/room/launch/moderators'), { params: { attendeeId: bob } });
      expectEnvelope(res, 403);
      expectEmptyData(res.data);
    }
    expect(byAttendee(await participants(server(), 'launch'), bob)).toMatchObject({ participantType: 2 });
  });

  it('DELETE moderators → 404 for an attendee not in the conversation', async () => {
    const res = await Client.as(server(), 'alice').ocs('DELETE', v4('/room/launch/moderators'), { params: { attendeeId: 999_999 } });
    expectEnvelope(res, 404);
    expect(res.data).toEqual({ error: 'participant' });
  });
});

describe('POST/DELETE /room/{token}/participants/active (v4 join and leave)', () => {
  const server = useServer();

  it('POST participants/active → 200 with the room and a 512 character sessionId; a guest sees the room name', async () => {
    const guest = Client.as(server());
    const res = await guest.ocs<V4Room>('POST', v4('/room/officehours/participants/active'));
    expectEnvelope(res, 200);
    expect(res.data).toMatchObject({
      token: 'officehours',
      displayName: 'Open office hours',
      participantType: 4,
      actorType: 'guests',
      sessionId: expect.stringMatching(SESSION_ID),
    });
    expect(guest.cookieHeader).toMatch(/rollcall_session=/);
    // The cookie is the guest's identity: the same browser sees its session on the room.
    const again = await guest.ocs<V4Room>('GET', v4('/room/officehours'));
    expect(again.data).toMatchObject({ participantType: 4, sessionId: res.data.sessionId, attendeeId: res.data.attendeeId });
  });

  it('POST participants/active → 200 with the right password, 403 {error: "password"} with a wrong one', async () => {
    const guest = Client.as(server());
    const wrong = await guest.ocs('POST', v4('/room/boardroom/participants/active'), { json: { password: 'guess' } });
    expectEnvelope(wrong, 403);
    expect(wrong.data).toEqual({ error: 'password' });
    const right = await guest.ocs<V4Room>('POST', v4('/room/boardroom/participants/active'), { json: { password: 'boardroom' } });
    expectEnvelope(right, 200);
    expect(right.data).toMatchObject({ token: 'boardroom', hasPassword: true, participantType: 4 });
  });

  it('POST participants/active → 404 for a conversation that is not public and not yours', async () => {
    for (const token of ['designteam', 'nosuchroom']) {
      const res = await Client.as(server()).ocs('POST', v4(`/room/${token}/participants/active`));
      expectEnvelope(res, 404);
      expectEmptyData(res.data);
    }
  });

  it('POST participants/active {force: false} → 409 with sessionId, inCall and lastPing of the other session', async () => {
    const res = await Client.as(server(), 'alice').ocs('POST', v4('/room/allhands/participants/active'), { json: { force: false } });
    expectEnvelope(res, 409);
    expect(res.data).toEqual({
      sessionId: sessionIdOf(server(), attendeeId(server(), 'allhands', 'alice')),
      inCall: 7,
      lastPing: expect.any(Number),
    });
  });

  it('POST participants/active with force (default true) → 200 ending the other session', async () => {
    const old = sessionIdOf(server(), attendeeId(server(), 'designteam', 'bob'));
    const res = await Client.as(server(), 'bob').ocs<V4Room>('POST', v4('/room/designteam/participants/active'), { json: { force: true } });
    expectEnvelope(res, 200);
    const bob = byActor(await participants(server(), 'designteam'), 'bob')!;
    expect(bob.sessionIds).toEqual([res.data.sessionId]);
    expect(bob.sessionIds).not.toContain(old);
  });

  it('DELETE participants/active → 200 and the session is gone', async () => {
    const carol = Client.as(server(), 'carol');
    expectEnvelope(await carol.ocs('POST', v4('/room/boardroom/participants/active')), 200);
    const res = await carol.ocs('DELETE', v4('/room/boardroom/participants/active'));
    expectEnvelope(res, 200);
    expectEmptyData(res.data);
    expect(byActor(await participants(server(), 'boardroom', 'carol'), 'carol')).toMatchObject({ sessionIds: [], participantType: 1 });
  });
});

describe('API generations and capabilities', () => {
  const current = useServer();
  const seedServer = useServer({ generations: ['v1'] });

  it('capabilities → 200 with conversation-v4 by default, without a login', async () => {
    const list = await features(current());
    expect(list).toContain('conversation-v4');
    expect(list).toEqual(expect.arrayContaining(['webinary-lobby', 'guest-display-names', 'invite-groups-and-mails', 'circles-support']));
  });

  it("capabilities → a theme like Nextcloud's default on the current server, its logo on this origin; none on the seed's", async () => {
    const res = await Client.as(current()).ocs<CapabilitiesData>('GET', CAPABILITIES);
    const theming = res.data.capabilities.theming;
    expect(theming).toMatchObject({ name: 'rollcall', color: '#00679e', 'color-text': '#ffffff' });
    const logo = new URL(theming!.logo!);
    // public/logo.svg, which the build puts beside the app.
    expect(`${logo.origin}${logo.pathname}`).toBe(new URL('/logo.svg', current().url).href);

    const seed = await Client.as(seedServer()).ocs<CapabilitiesData>('GET', CAPABILITIES);
    expect(seed.data.capabilities.theming).toBeUndefined();
  });

  it('TALK_API=v1: capabilities without conversation-v4, and the v4 routes answer 404', async () => {
    expect(await features(seedServer())).not.toContain('conversation-v4');
    const alice = Client.as(seedServer(), 'alice');
    for (const path of ['/room', '/room/designteam', '/room/designteam/participants']) {
      const res = await alice.ocs('GET', v4(path));
      expectEnvelope(res, 404);
      expectEmptyData(res.data);
    }
    const old = await alice.ocs<V1Room[]>('GET', v1('/room'));
    expectEnvelope(old, 200);
    expect(old.data.map((room) => room.token)).toContain('designteam');
    expectEnvelope(await alice.ocs('GET', v1('/room/designteam/participants')), 200);
  });
});

describe('OCS transport', () => {
  const server = useServer();

  it('405 without any Access-Control-* header for a CORS preflight, as real servers answer', async () => {
    const res = await Client.as(server()).request('OPTIONS', v4('/room'), {
      ocsHeader: false,
      headers: { Origin: 'http://elsewhere.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(res.status).toBe(405);
    expect([...res.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('412 with the bare body {"message":"CSRF check failed"} without the OCS-APIRequest header', async () => {
    for (const path of [v4('/room'), v1('/room/designteam/participants'), CAPABILITIES]) {
      const res = await Client.as(server(), 'alice').request('GET', path, { ocsHeader: false });
      expect(res.status).toBe(412);
      expect(res.body).toEqual({ message: 'CSRF check failed' });
    }
    // Not even a join goes through.
    const join = await Client.as(server()).request('POST', v4('/room/officehours/participants/active'), { ocsHeader: false });
    expect(join.status).toBe(412);
    expect(join.body).toEqual({ message: 'CSRF check failed' });
  });

  it('401 with an XML body for a wrong password, even when JSON was asked for', async () => {
    for (const client of [Client.as(server(), 'alice', 'wrong'), Client.as(server(), 'nobody', 'demo')]) {
      const res = await client.request('GET', v4('/room'), { headers: { Accept: 'application/json' } });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/xml/);
      expect(res.text).toMatch(/^<\?xml/);
      expect(res.text).toContain('<status>failure</status>');
    }
  });

  it('401 challenges with Basic (a browser then shows its own login box) unless the request says X-Requested-With: XMLHttpRequest', async () => {
    const client = Client.as(server(), 'alice', 'wrong');
    const plain = await client.request('GET', v4('/room'));
    expect(plain.status).toBe(401);
    expect(plain.headers.get('www-authenticate')).toBe('Basic realm="Nextcloud", charset="UTF-8"');
    const fromScript = await client.request('GET', v4('/room'), { headers: { 'X-Requested-With': 'XMLHttpRequest' } });
    expect(fromScript.status).toBe(401);
    expect(fromScript.headers.get('www-authenticate')).toBe('DummyBasic realm="Nextcloud", charset="UTF-8"');
    expect(fromScript.text).toContain('<statuscode>997</statuscode>');
    // A good password is never challenged.
    const signedIn = await Client.as(server(), 'alice').request('GET', v4('/room'), { headers: { 'X-Requested-With': 'XMLHttpRequest' } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.has('www-authenticate')).toBe(false);
  });

  it('404 with the envelope for an unknown OCS route', async () => {
    const res = await Client.as(server(), 'alice').ocs('GET', v4('/room/designteam/nonsense'));
    expectEnvelope(res, 404);
    expectEmptyData(res.data);
  });
});

describe('autocomplete and avatars', () => {
  const server = useServer();
  const withoutCircles = useServer({ circlesEnabled: false });

  const search = async (target: TestServer, term: string) => {
    const res = await Client.as(target, 'alice').ocs<AutocompleteEntry[]>('GET', AUTOCOMPLETE, { params: { search: term, itemType: 'call' } });
    expectEnvelope(res, 200);
    return res.data;
  };

  it('autocomplete → users by id or display name', async () => {
    const results = await search(server(), 'car');
    expect(results).toContainEqual(expect.objectContaining({ id: 'carol', label: 'Carol', source: 'users' }));
    expect(results.every((entry) => entry.id !== 'alice')).toBe(true);
  });

  it('autocomplete → groups', async () => {
    expect(await search(server(), 'desig')).toContainEqual(expect.objectContaining({ id: 'design', label: 'Design', source: 'groups' }));
  });

  it('autocomplete → an email address as an email entry', async () => {
    expect(await search(server(), 'grace@example.org')).toContainEqual(
      expect.objectContaining({ id: 'grace@example.org', source: 'emails' }),
    );
    expect((await search(server(), 'grace')).some((entry) => entry.source === 'emails')).toBe(false);
  });

  it('autocomplete → circles only with circles support', async () => {
    expect(await search(server(), 'release')).toContainEqual(expect.objectContaining({ id: 'releasecrew', source: 'circles' }));
    expect((await search(withoutCircles(), 'release')).some((entry) => entry.source === 'circles')).toBe(false);
    expect(await features(withoutCircles())).not.toContain('circles-support');
    const res = await Client.as(withoutCircles(), 'alice').ocs('POST', v4('/room/designteam/participants'), {
      json: { newParticipant: 'releasecrew', source: 'circles' },
    });
    expectEnvelope(res, 400);
    expect(res.data).toEqual({ error: 'source' });
  });

  it('autocomplete → 401 (statuscode 997) for a browser without an account', async () => {
    expectNotLoggedIn(await Client.as(server()).ocs('GET', AUTOCOMPLETE, { params: { search: 'a' } }));
  });

  it('GET /cloud/user → the signed-in account; 401 for a browser without one', async () => {
    const res = await Client.as(server(), 'alice').ocs<{ id: string; 'display-name': string }>('GET', '/ocs/v2.php/cloud/user');
    expectEnvelope(res, 200);
    expect(res.data).toMatchObject({ id: 'alice', 'display-name': 'Alice' });
    expectNotLoggedIn(await Client.as(server()).ocs('GET', '/ocs/v2.php/cloud/user'));
  });

  it('avatar → 200 image/png: the initial in white on a colour of the account', async () => {
    const res = await fetch(new URL('/index.php/avatar/alice/64', server().url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await res.arrayBuffer());
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([64, 64]);
    // The image data: one filter byte and 64 RGB pixels per row.
    const idatLength = png.readUInt32BE(33);
    expect(png.subarray(37, 41).toString('ascii')).toBe('IDAT');
    const pixels = zlib.inflateSync(png.subarray(41, 41 + idatLength));
    expect(pixels.length).toBe(64 * (1 + 64 * 3));
    const at = (x: number, y: number) => [...pixels.subarray(y * 193 + 1 + x * 3, y * 193 + 4 + x * 3)];
    expect(at(0, 0)).not.toEqual([255, 255, 255]);
    // The crossbar of the "A" runs through the middle.
    expect(at(32, 32)).toEqual([255, 255, 255]);
  });
});
