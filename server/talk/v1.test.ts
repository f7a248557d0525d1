/**
 * The v1 participant API, one test per row of the status-code tables in Talk's v1 participant API
 * documentation (docs/participant.md of nextcloud/spreed while the API was v1, blob bb72dd0e42c6; its
 * includeStatus rows from the same file).
 * Each describe block starts from the seeded data; tests inside a block touch different people or rooms.
 */
import { describe, expect, it } from 'vitest';
import type { V1Participant, V1Room } from '../../contract/wire';
import { Client, v1, type TestServer } from '../test/harness';
import {
  SESSION_ID,
  attendeeId,
  expectEnvelope,
  guestAttendeeId,
  joinedGuest,
  sessionIdOf,
  useServer,
} from '../test/contract';

/** The v1 participant list of a room, as one of its moderators sees it. */
async function participants(server: TestServer, token: string, as = 'alice'): Promise<V1Participant[]> {
  const res = await Client.as(server, as).ocs<V1Participant[]>('GET', v1(`/room/${token}/participants`));
  expectEnvelope(res, 200);
  return res.data;
}

const byUser = (list: V1Participant[], userId: string) => list.find((p) => p.userId === userId);
const byName = (list: V1Participant[], displayName: string) => list.find((p) => p.userId === '' && p.displayName === displayName);

/** The seeded session id of a guest (v1 addresses guests by session). */
const guestSession = (server: TestServer, token: string, name: string) => sessionIdOf(server, guestAttendeeId(server, token, name));
const userSession = (server: TestServer, token: string, userId: string) => sessionIdOf(server, attendeeId(server, token, userId));

describe('GET /room/{token}/participants (v1)', () => {
  const server = useServer();

  it('GET participants → 200 with userId, displayName, participantType, lastPing and sessionId of each participant', async () => {
    const res = await Client.as(server(), 'alice').ocs<V1Participant[]>('GET', v1('/room/designteam/participants'));
    expectEnvelope(res, 200);
    // The group "design" is an attendee in v4 but not a participant in v1.
    expect(res.data).toEqual([
      { userId: 'alice', displayName: 'Alice', participantType: 1, lastPing: 0, sessionId: '0' },
      { userId: 'bob', displayName: 'Bob', participantType: 2, lastPing: expect.any(Number), sessionId: expect.stringMatching(SESSION_ID) },
      { userId: 'carol', displayName: 'Carol', participantType: 3, lastPing: expect.any(Number), sessionId: expect.stringMatching(SESSION_ID) },
      { userId: 'dave', displayName: 'Dave', participantType: 3, lastPing: 0, sessionId: '0' },
    ]);
    expect(byUser(res.data, 'bob')!.lastPing).toBeGreaterThan(0);
  });

  it('GET participants → 200 with guests as an empty userId, their display name and their session', async () => {
    const list = await participants(server(), 'officehours');
    expect(byName(list, 'Hugo')).toEqual({
      userId: '',
      displayName: 'Hugo',
      participantType: 4,
      lastPing: expect.any(Number),
      sessionId: expect.stringMatching(SESSION_ID),
    });
    expect(byName(list, 'Ines')).toMatchObject({ participantType: 6, sessionId: expect.stringMatching(SESSION_ID) });
    // The email invitee has not joined: no name yet, no session.
    expect(list).toContainEqual({ userId: '', displayName: '', participantType: 4, lastPing: 0, sessionId: '0' });
  });

  it('GET participants?includeStatus=true → 200 with status, statusIcon and statusMessage of users with a set status', async () => {
    const res = await Client.as(server(), 'alice').ocs<V1Participant[]>('GET', v1('/room/designteam/participants'), {
      params: { includeStatus: 'true' },
    });
    expectEnvelope(res, 200);
    expect(res.headers.get('x-nextcloud-has-user-statuses')).toBe('true');
    expect(byUser(res.data, 'bob')).toMatchObject({ status: 'away', statusIcon: '📅', statusMessage: 'In a meeting' });
    expect(byUser(res.data, 'carol')).toMatchObject({ status: 'dnd', statusIcon: '🎧', statusMessage: 'Focus time' });
    expect(byUser(res.data, 'alice')).toMatchObject({ status: 'online', statusIcon: null, statusMessage: null });
    // dave has no status set: the optional fields are absent.
    const dave = byUser(res.data, 'dave')!;
    expect(Object.keys(dave).sort()).toEqual(['displayName', 'lastPing', 'participantType', 'sessionId', 'userId']);
  });

  it('GET participants without includeStatus → 200 without status fields', async () => {
    const res = await Client.as(server(), 'alice').ocs<V1Participant[]>('GET', v1('/room/designteam/participants'));
    expectEnvelope(res, 200);
    expect(res.headers.get('x-nextcloud-has-user-statuses')).toBeNull();
    for (const participant of res.data) {
      expect(participant).not.toHaveProperty('status');
      expect(participant).not.toHaveProperty('statusIcon');
      expect(participant).not.toHaveProperty('statusMessage');
    }
  });

  it('GET participants → 403 when the participant is a guest', async () => {
    const guest = await joinedGuest(server(), 'officehours', v1);
    const res = await guest.ocs('GET', v1('/room/officehours/participants'));
    expectEnvelope(res, 403);
    expect(res.data).toEqual([]);
  });

  it('GET participants → 404 when the conversation could not be found for the participant', async () => {
    // eve is not in the group conversation designteam; nobody is in a conversation that does not exist.
    for (const token of ['designteam', 'nosuchroom']) {
      const res = await Client.as(server(), 'eve').ocs('GET', v1(`/room/${token}/participants`));
      expectEnvelope(res, 404);
      expect(res.data).toEqual([]);
    }
  });

  it('GET participants → 412 when the lobby is active and the user is not a moderator', async () => {
    const res = await Client.as(server(), 'carol').ocs('GET', v1('/room/launch/participants'));
    expectEnvelope(res, 412);
    expect(res.data).toEqual([]);
    // A moderator of the same conversation still gets the list.
    expect(await participants(server(), 'launch', 'bob')).toHaveLength(4);
  });
});

describe('POST /room/{token}/participants (v1)', () => {
  const server = useServer();

  it('POST participants → 200 adding a user', async () => {
    const res = await Client.as(server(), 'alice').ocs('POST', v1('/room/designteam/participants'), {
      json: { newParticipant: 'eve', source: 'users' },
    });
    expectEnvelope(res, 200);
    expect(res.data).toEqual([]);
    expect(byUser(await participants(server(), 'designteam'), 'eve')).toMatchObject({ displayName: 'Eve', participantType: 3 });
  });

  it('POST participants → 200 adding a user when source is omitted (default users)', async () => {
    const res = await Client.as(server(), 'carol').ocs('POST', v1('/room/boardroom/participants'), { form: { newParticipant: 'bob' } });
    expectEnvelope(res, 200);
    expect(byUser(await participants(server(), 'boardroom', 'carol'), 'bob')).toMatchObject({ participantType: 3 });
  });

  it('POST participants → 200 adding a group adds its members', async () => {
    const res = await Client.as(server(), 'dave').ocs('POST', v1('/room/supportdesk/participants'), {
      json: { newParticipant: 'design', source: 'groups' },
    });
    expectEnvelope(res, 200);
    const list = await participants(server(), 'supportdesk', 'dave');
    expect(byUser(list, 'bob')).toMatchObject({ participantType: 3 });
    expect(byUser(list, 'carol')).toMatchObject({ participantType: 3 });
  });

  it('POST participants → 200 with {type: 3} when an email turns a group conversation public', async () => {
    const dave = Client.as(server(), 'dave');
    const res = await dave.ocs('POST', v1('/room/supportdesk/participants'), {
      json: { newParticipant: 'frank@example.org', source: 'emails' },
    });
    expectEnvelope(res, 200);
    expect(res.data).toEqual({ type: 3 });
    const room = await dave.ocs<V1Room>('GET', v1('/room/supportdesk'));
    expect(room.data.type).toBe(3);
  });

  it('POST participants → 200 with {type: 3} also when the conversation already is public: Talk reports the type, changed or not', async () => {
    const res = await Client.as(server(), 'bob').ocs('POST', v1('/room/officehours/participants'), {
      json: { newParticipant: 'grace@example.org', source: 'emails' },
    });
    expectEnvelope(res, 200);
    expect(res.data).toEqual({ type: 3 });
  });

  it('POST participants → 200 adding a circle when the server has the circles-support capability', async () => {
    const caps = await Client.as(server()).ocs<{ capabilities: { spreed: { features: string[] } } }>('GET', '/ocs/v2.php/cloud/capabilities');
    expect(caps.data.capabilities.spreed.features).toContain('circles-support');
    const res = await Client.as(server(), 'carol').ocs('POST', v1('/room/boardroom/participants'), {
      json: { newParticipant: 'releasecrew', source: 'circles' },
    });
    expectEnvelope(res, 200);
    expect(byUser(await participants(server(), 'boardroom', 'carol'), 'eve')).toMatchObject({ participantType: 3 });
  });

  it('POST participants → 400 when the source type is unknown', async () => {
    const res = await Client.as(server(), 'alice').ocs('POST', v1('/room/designteam/participants'), {
      json: { newParticipant: 'bob', source: 'federated_users' },
    });
    expectEnvelope(res, 400);
    expect(res.data).toEqual([]);
  });

  it('POST participants → 400 when the conversation is a one-to-one conversation', async () => {
    const res = await Client.as(server(), 'alice').ocs('POST', v1('/room/alicebob/participants'), { json: { newParticipant: 'carol' } });
    expectEnvelope(res, 400);
    expect(res.data).toEqual([]);
    expect(await participants(server(), 'alicebob')).toHaveLength(2);
  });

  it('POST participants → 403 when the current user is not a moderator or owner', async () => {
    // eve is a plain member of officehours.
    const res = await Client.as(server(), 'eve').ocs('POST', v1('/room/officehours/participants'), { json: { newParticipant: 'carol' } });
    expectEnvelope(res, 403);
    expect(res.data).toEqual([]);
    expect(byUser(await participants(server(), 'officehours'), 'carol')).toBeUndefined();
  });

  it('POST participants → 404 when the conversation could not be found for the participant', async () => {
    // dave is not in officehours (public: he could join it, but he is not a participant); nosuchroom does not exist.
    for (const token of ['officehours', 'nosuchroom']) {
      const res = await Client.as(server(), 'dave').ocs('POST', v1(`/room/${token}/participants`), { json: { newParticipant: 'dave' } });
      expectEnvelope(res, 404);
      expect(res.data).toEqual([]);
    }
  });

  it('POST participants → 404 when the user or group to add could not be found', async () => {
    const alice = Client.as(server(), 'alice');
    for (const json of [{ newParticipant: 'nobody' }, { newParticipant: 'nogroup', source: 'groups' }]) {
      const res = await alice.ocs('POST', v1('/room/launch/participants'), { json });
      expectEnvelope(res, 404);
      expect(res.data).toEqual([]);
    }
  });
});

describe('POST /room/{token}/participants with circles (v1)', () => {
  const server = useServer({ circlesEnabled: false });

  it('POST participants → 400 for source circles when the server lacks the circles-support capability', async () => {
    const caps = await Client.as(server()).ocs<{ capabilities: { spreed: { features: string[] } } }>('GET', '/ocs/v2.php/cloud/capabilities');
    expect(caps.data.capabilities.spreed.features).not.toContain('circles-support');
    const res = await Client.as(server(), 'alice').ocs('POST', v1('/room/designteam/participants'), {
      json: { newParticipant: 'releasecrew', source: 'circles' },
    });
    expectEnvelope(res, 400);
    expect(res.data).toEqual([]);
    expect(byUser(await participants(server(), 'designteam'), 'eve')).toBeUndefined();
  });
});

describe('DELETE /room/{token}/participants (v1)', () => {
  const server = useServer();

  it('DELETE participants → 200 removing a participant', async () => {
    const res = await Client.as(server(), 'alice').ocs('DELETE', v1('/room/designteam/participants'), { params: { participant: 'dave' } });
    expectEnvelope(res, 200);
    expect(res.data).toEqual([]);
    expect(byUser(await participants(server(), 'designteam'), 'dave')).toBeUndefined();
  });

  it('DELETE participants → 200 removing another moderator (the 400 rows are about removing yourself)', async () => {
    const res = await Client.as(server(), 'alice').ocs('DELETE', v1('/room/launch/participants'), { params: { participant: 'bob' } });
    expectEnvelope(res, 200);
    expect(byUser(await participants(server(), 'launch'), 'bob')).toBeUndefined();
  });

  it('DELETE participants → 400 when the participant is a moderator or owner (the owner removing herself as the only moderator)', async () => {
    const res = await Client.as(server(), 'carol').ocs('DELETE', v1('/room/boardroom/participants'), { params: { participant: 'carol' } });
    expectEnvelope(res, 400);
    expect(res.data).toEqual([]);
    expect(byUser(await participants(server(), 'boardroom', 'carol'), 'carol')).toMatchObject({ participantType: 1 });
  });

  it('DELETE participants → 400 when there are no other moderators or owners left', async () => {
    // supportdesk: dave (owner) leaves, so eve (moderator) is the last moderator while alice remains.
    const left = await Client.as(server(), 'dave').ocs('DELETE', v1('/room/supportdesk/participants/self'));
    expectEnvelope(left, 200);
    const res = await Client.as(server(), 'eve').ocs('DELETE', v1('/room/supportdesk/participants'), { params: { participant: 'eve' } });
    expectEnvelope(res, 400);
    expect(res.data).toEqual([]);
    expect(byUser(await participants(server(), 'supportdesk', 'eve'), 'eve')).toMatchObject({ participantType: 2 });
  });

  it('DELETE participants → 403 when the current user is not a moderator or owner', async () => {
    const res = await Client.as(server(), 'carol').ocs('DELETE', v1('/room/designteam/participants'), { params: { participant: 'bob' } });
    expectEnvelope(res, 403);
    expect(res.data).toEqual([]);
    expect(byUser(await participants(server(), 'designteam'), 'bob')).toBeDefined();
  });

  it('DELETE participants → 403 when the participant to remove is an owner', async () => {
    const res = await Client.as(server(), 'bob').ocs('DELETE', v1('/room/designteam/participants'), { params: { participant: 'alice' } });
    expectEnvelope(res, 403);
    expect(res.data).toEqual([]);
    expect(byUser(await participants(server(), 'designteam'), 'alice')).toMatchObject({ participantType: 1 });
  });

  it('DELETE participants → 404 when the conversation could not be found for the participant', async () => {
    for (const token of ['designteam', 'nosuchroom']) {
      const res = await Client.as(server(), 'eve').ocs('DELETE', v1(`/room/${token}/participants`), { params: { participant: 'carol' } });
      expectEnvelope(res, 404);
      expect(res.data).toEqual([]);
    }
  });

  it('DELETE participants → 404 when the participant to remove could not be found', async () => {
    for (const participant of ['eve', 'nobody']) {
      const res = await Client.as(server(), 'alice').ocs('DELETE', v1('/room/designteam/participants'), { params: { participant } });
      expectEnvelope(res, 404);
      expect(res.data).toEqual([]);
    }
  });
});

describe('DELETE /room/{token}/participants/self (v1)', () => {
  const server = useServer();

  it('DELETE participants/self → 200 and the conversation is gone for the participant', async () => {
    const dave = Client.as(server(), 'dave');
    const res = await dave.ocs('DELETE', v1('/room/designteam/participants/self'));
    expectEnvelope(res, 200);
    expect(res.data).toEqual([]);
    expectEnvelope(await dave.ocs('GET', v1('/room/designteam')), 404);
    expect(byUser(await participants(server(), 'designteam'), 'dave')).toBeUndefined();
  });

  it('DELETE participants/self → 400 when the participant is a moderator or owner and there are no other moderators or owners left', async () => {
    const res = await Client.as(server(), 'carol').ocs('DELETE', v1('/room/boardroom/participants/self'));
    expectEnvelope(res, 400);
    expect(res.data).toEqual([]);
    expect(byUser(await participants(server(), 'boardroom', 'carol'), 'carol')).toBeDefined();
  });

  it('DELETE participants/self → 404 when the conversation could not be found for the participant', async () => {
    for (const token of ['designteam', 'boardroom', 'nosuchroom']) {
      const res = await Client.as(server(), 'eve').ocs('DELETE', v1(`/room/${token}/participants/self`));
      expectEnvelope(res, 404);
      expect(res.data).toEqual([]);
    }
  });
});

describe('DELETE /room/{token}/participants/guests (v1)', () => {
  const server = useServer();

  it('DELETE participants/guests → 200 removing a guest by session id', async () => {
    const res = await Client.as(server(), 'alice').ocs('DELETE', v1('/room/officehours/participants/guests'), {
      params: { participant: guestSession(server(), 'officehours', 'Hugo') },
    });
    expectEnvelope(res, 200);
    expect(res.data).toEqual([]);
    expect(byName(await participants(server(), 'officehours'), 'Hugo')).toBeUndefined();
  });

  it('DELETE participants/guests → 400 when the target participant is not a guest', async () => {
    const res = await Client.as(server(), 'alice').ocs('DELETE', v1('/room/designteam/participants/guests'), {
      params: { participant: userSession(server(), 'designteam', 'carol') },
    });
    expectEnvelope(res, 400);
    expect(res.data).toEqual([]);
    expect(byUser(await participants(server(), 'designteam'), 'carol')).toBeDefined();
  });

  it('DELETE participants/guests → 403 when the current user is not a moderator or owner', async () => {
    const res = await Client.as(server(), 'eve').ocs('DELETE', v1('/room/officehours/participants/guests'), {
      params: { participant: guestSession(server(), 'officehours', 'Gina (guest)') },
    });
    expectEnvelope(res, 403);
    expect(res.data).toEqual([]);
    expect(byName(await participants(server(), 'officehours'), 'Gina (guest)')).toBeDefined();
  });

  it('DELETE participants/guests → 404 when the conversation could not be found for the participant', async () => {
    // carol is not in officehours (a public conversation she could join, but has not).
    for (const token of ['officehours', 'nosuchroom']) {
      const res = await Client.as(server(), 'carol').ocs('DELETE', v1(`/room/${token}/participants/guests`), {
        params: { participant: guestSession(server(), 'officehours', 'Gina (guest)') },
      });
      expectEnvelope(res, 404);
      expect(res.data).toEqual([]);
    }
  });

  it('DELETE participants/guests → 404 when the target participant could not be found', async () => {
    const res = await Client.as(server(), 'alice').ocs('DELETE', v1('/room/officehours/participants/guests'), {
      params: { participant: 'x'.repeat(512) },
    });
    expectEnvelope(res, 404);
    expect(res.data).toEqual([]);
  });
});

describe('POST /room/{token}/participants/active (v1 join)', () => {
  const server = useServer();

  it('GET room/{token} hides the name from a guest until they join', async () => {
    const guest = Client.as(server());
    const before = await guest.ocs<V1Room>('GET', v1('/room/officehours'));
    expectEnvelope(before, 200);
    expect(before.data).toMatchObject({ token: 'officehours', name: '', displayName: '', participantType: 0 });
    expectEnvelope(await guest.ocs('POST', v1('/room/officehours/participants/active')), 200);
    const after = await guest.ocs<V1Room>('GET', v1('/room/officehours'));
    expect(after.data).toMatchObject({ name: 'Open office hours', displayName: 'Open office hours', participantType: 4 });
  });

  it('POST participants/active → 200 with a 512 character sessionId', async () => {
    const guest = Client.as(server());
    const res = await guest.ocs<{ sessionId: string }>('POST', v1('/room/officehours/participants/active'));
    expectEnvelope(res, 200);
    expect(res.data).toEqual({ sessionId: expect.stringMatching(SESSION_ID) });
    // The guest is now known by the cookie of this browser, and listed with that session.
    expect(guest.cookieHeader).toMatch(/rollcall_session=/);
    const joined = (await participants(server(), 'officehours')).find((p) => p.sessionId === res.data.sessionId);
    expect(joined).toMatchObject({ userId: '', participantType: 4 });
  });

  it('POST participants/active → 200 for a guest with the right password', async () => {
    const res = await Client.as(server()).ocs('POST', v1('/room/boardroom/participants/active'), { json: { password: 'boardroom' } });
    expectEnvelope(res, 200);
    expect(res.data).toEqual({ sessionId: expect.stringMatching(SESSION_ID) });
  });

  it('POST participants/active → 200 without a password for a member (type 3) of a password-protected conversation', async () => {
    const res = await Client.as(server(), 'alice').ocs('POST', v1('/room/boardroom/participants/active'));
    expectEnvelope(res, 200);
    expect(res.data).toEqual({ sessionId: expect.stringMatching(SESSION_ID) });
  });

  it('POST participants/active → 403 when the password is required and did not match', async () => {
    // A guest (type 4) and an account joining by link (type 5) both need it.
    for (const client of [Client.as(server()), Client.as(server(), 'eve')]) {
      for (const json of [{ password: 'wrong' }, {}]) {
        const res = await client.ocs('POST', v1('/room/boardroom/participants/active'), { json });
        expectEnvelope(res, 403);
        expect(res.data).toEqual([]);
      }
    }
    expect(byUser(await participants(server(), 'boardroom', 'carol'), 'eve')).toBeUndefined();
  });

  it('POST participants/active → 404 when the conversation could not be found for the participant', async () => {
    // designteam is not public: a guest or a non-member cannot join it.
    for (const [client, token] of [
      [Client.as(server()), 'designteam'],
      [Client.as(server(), 'eve'), 'designteam'],
      [Client.as(server(), 'alice'), 'nosuchroom'],
    ] as const) {
      const res = await client.ocs('POST', v1(`/room/${token}/participants/active`));
      expectEnvelope(res, 404);
      expect(res.data).toEqual([]);
    }
  });

  it('POST participants/active → 409 with sessionId, inCall and lastPing when the user already has an active session', async () => {
    const firstTab = Client.as(server(), 'dave');
    const first = await firstTab.ocs<{ sessionId: string }>('POST', v1('/room/designteam/participants/active'));
    expectEnvelope(first, 200);

    const secondBrowser = Client.as(server(), 'dave');
    const res = await secondBrowser.ocs('POST', v1('/room/designteam/participants/active'), { json: { force: false } });
    expectEnvelope(res, 409);
    expect(res.data).toEqual({ sessionId: first.data.sessionId, inCall: 0, lastPing: expect.any(Number) });
    expect((res.data as { lastPing: number }).lastPing).toBeGreaterThan(0);
  });

  it('POST participants/active → 409 reports that the conflicting session is in a call', async () => {
    // carol's seeded session in designteam is in a call with audio and video (7).
    const res = await Client.as(server(), 'carol').ocs('POST', v1('/room/designteam/participants/active'), { form: { force: 'false' } });
    expectEnvelope(res, 409);
    expect(res.data).toEqual({ sessionId: userSession(server(), 'designteam', 'carol'), inCall: 7, lastPing: expect.any(Number) });
  });

  it('POST participants/active with force (the default) → 200 replacing the old session', async () => {
    const old = userSession(server(), 'designteam', 'bob');
    const res = await Client.as(server(), 'bob').ocs<{ sessionId: string }>('POST', v1('/room/designteam/participants/active'));
    expectEnvelope(res, 200);
    expect(res.data.sessionId).toMatch(SESSION_ID);
    expect(res.data.sessionId).not.toBe(old);
    expect(byUser(await participants(server(), 'designteam'), 'bob')!.sessionId).toBe(res.data.sessionId);
  });
});

describe('DELETE /room/{token}/participants/active (v1 leave)', () => {
  const server = useServer();

  it('DELETE participants/active → 200 and the session ends', async () => {
    const dave = Client.as(server(), 'dave');
    expectEnvelope(await dave.ocs('POST', v1('/room/designteam/participants/active')), 200);
    const res = await dave.ocs('DELETE', v1('/room/designteam/participants/active'));
    expectEnvelope(res, 200);
    expect(res.data).toEqual([]);
    expect(byUser(await participants(server(), 'designteam'), 'dave')).toMatchObject({ sessionId: '0', participantType: 3 });
    expect((await dave.ocs<V1Room>('GET', v1('/room/designteam'))).data.sessionId).toBe('0');
  });

  it('DELETE participants/active → 200 and a guest who leaves is no longer a participant', async () => {
    const guest = Client.as(server());
    const joined = await guest.ocs<{ sessionId: string }>('POST', v1('/room/officehours/participants/active'));
    expectEnvelope(joined, 200);
    expectEnvelope(await guest.ocs('DELETE', v1('/room/officehours/participants/active')), 200);
    const list = await participants(server(), 'officehours');
    expect(list.find((p) => p.sessionId === joined.data.sessionId)).toBeUndefined();
  });

  it('DELETE participants/active → 404 when the conversation could not be found for the participant', async () => {
    for (const token of ['designteam', 'nosuchroom']) {
      const res = await Client.as(server(), 'eve').ocs('DELETE', v1(`/room/${token}/participants/active`));
      expectEnvelope(res, 404);
      expect(res.data).toEqual([]);
    }
  });
});

describe('POST /room/{token}/moderators (v1 promote)', () => {
  const server = useServer();

  it('POST moderators → 200 promoting a user (participant)', async () => {
    const res = await Client.as(server(), 'alice').ocs('POST', v1('/room/designteam/moderators'), { json: { participant: 'carol' } });
    expectEnvelope(res, 200);
    expect(res.data).toEqual([]);
    expect(byUser(await participants(server(), 'designteam'), 'carol')).toMatchObject({ participantType: 2 });
  });

  it('POST moderators → 200 promoting a guest (sessionId) to guest moderator', async () => {
    const res = await Client.as(server(), 'alice').ocs('POST', v1('/room/officehours/moderators'), {
      json: { participant: null, sessionId: guestSession(server(), 'officehours', 'Hugo') },
    });
    expectEnvelope(res, 200);
    expect(byName(await participants(server(), 'officehours'), 'Hugo')).toMatchObject({ participantType: 6 });
  });

  it('POST moderators → 400 when the participant to promote is not a normal user (type 3) or normal guest (type 4)', async () => {
    const alice = Client.as(server(), 'alice');
    // A moderator (2), a guest moderator (6), and an account that joined by link (5).
    expectEnvelope(await Client.as(server(), 'dave').ocs('POST', v1('/room/officehours/participants/active')), 200);
    for (const json of [
      { participant: 'bob', token: 'designteam' },
      { sessionId: guestSession(server(), 'officehours', 'Ines'), token: 'officehours' },
      { participant: 'dave', token: 'officehours' },
    ]) {
      const { token, ...body } = json;
      const res = await alice.ocs('POST', v1(`/room/${token}/moderators`), { json: body });
      expectEnvelope(res, 400);
      expect(res.data).toEqual([]);
    }
    expect(byUser(await participants(server(), 'officehours'), 'dave')).toMatchObject({ participantType: 5 });
    // A moderator naming themselves is not a normal user either.
    const self = await Client.as(server(), 'bob').ocs('POST', v1('/room/launch/moderators'), { json: { participant: 'bob' } });
    expectEnvelope(self, 400);
  });

  it('POST moderators → 403 when the current user is not a moderator or owner', async () => {
    const res = await Client.as(server(), 'alice').ocs('POST', v1('/room/boardroom/moderators'), { json: { participant: 'dave' } });
    expectEnvelope(res, 403);
    expect(res.data).toEqual([]);
    expect(byUser(await participants(server(), 'boardroom', 'carol'), 'dave')).toMatchObject({ participantType: 3 });
  });

  it("POST moderators → 403 when the participant to remove is an owner (the v1 documentation's wording; here: to promote)", async () => {
    const res = await Client.as(server(), 'bob').ocs('POST', v1('/room/designteam/moderators'), { json: { participant: 'alice' } });
    expectEnvelope(res, 403);
    expect(res.data).toEqual([]);
    expect(byUser(await participants(server(), 'designteam'), 'alice')).toMatchObject({ participantType: 1 });
  });

  it('POST moderators → 404 when the conversation could not be found for the participant', async () => {
    for (const token of ['designteam', 'nosuchroom']) {
      const res = await Client.as(server(), 'eve').ocs('POST', v1(`/room/${token}/moderators`), { json: { participant: 'dave' } });
      expectEnvelope(res, 404);
      expect(res.data).toEqual([]);
    }
  });

  it("POST moderators → 404 when the participant to remove could not be found (the v1 documentation's wording; here: to promote)", async () => {
    const alice = Client.as(server(), 'alice');
    for (const json of [{ participant: 'eve' }, { sessionId: 'x'.repeat(512) }]) {
      const res = await alice.ocs('POST', v1('/room/designteam/moderators'), { json });
      expectEnvelope(res, 404);
      expect(res.data).toEqual([]);
    }
  });
});

describe('DELETE /room/{token}/moderators (v1 demote)', () => {
  const server = useServer();

  it('DELETE moderators → 200 demoting a moderator (participant) to user', async () => {
    const res = await Client.as(server(), 'alice').ocs('DELETE', v1('/room/designteam/moderators'), { params: { participant: 'bob' } });
    expectEnvelope(res, 200);
    expect(res.data).toEqual([]);
    expect(byUser(await participants(server(), 'designteam'), 'bob')).toMatchObject({ participantType: 3 });
  });

  it('DELETE moderators → 200 demoting a guest moderator (sessionId) to guest', async () => {
    const res = await Client.as(server(), 'alice').ocs('DELETE', v1('/room/officehours/moderators'), {
      params: { sessionId: guestSession(server(), 'officehours', 'Ines') },
    });
    expectEnvelope(res, 200);
    expect(byName(await participants(server(), 'officehours'), 'Ines')).toMatchObject({ participantType: 4 });
  });

  it('DELETE moderators → 400 when the participant to demote is not a moderator (type 2) or guest moderator (type 6)', async () => {
    const alice = Client.as(server(), 'alice');
    for (const params of [{ participant: 'carol' }, { sessionId: guestSession(server(), 'officehours', 'Gina (guest)') }]) {
      const token = 'participant' in params ? 'designteam' : 'officehours';
      const res = await alice.ocs('DELETE', v1(`/room/${token}/moderators`), { params });
      expectEnvelope(res, 400);
      expect(res.data).toEqual([]);
    }
    // The owner is not a moderator (type 2) either.
    const owner = await Client.as(server(), 'bob').ocs('DELETE', v1('/room/launch/moderators'), { params: { participant: 'alice' } });
    expectEnvelope(owner, 400);
    expect(byUser(await participants(server(), 'launch'), 'alice')).toMatchObject({ participantType: 1 });
  });

  it('DELETE moderators → 403 when the current participant is not a moderator or owner', async () => {
    const res = await Client.as(server(), 'carol').ocs('DELETE', v1('/room/launch/moderators'), { params: { participant: 'bob' } });
    expectEnvelope(res, 403);
    expect(res.data).toEqual([]);
    expect(byUser(await participants(server(), 'launch'), 'bob')).toMatchObject({ participantType: 2 });
  });

  it('DELETE moderators → 403 when the current participant tries to demote themselves', async () => {
    const res = await Client.as(server(), 'bob').ocs('DELETE', v1('/room/launch/moderators'), { params: { participant: 'bob' } });
    expectEnvelope(res, 403);
    expect(res.data).toEqual([]);
    expect(byUser(await participants(server(), 'launch'), 'bob')).toMatchObject({ participantType: 2 });
  });

  it('DELETE moderators → 404 when the conversation could not be found for the participant', async () => {
    for (const token of ['designteam', 'nosuchroom']) {
      const res = await Client.as(server(), 'eve').ocs('DELETE', v1(`/room/${token}/moderators`), { params: { participant: 'bob' } });
      expectEnvelope(res, 404);
      expect(res.data).toEqual([]);
    }
  });

  it('DELETE moderators → 404 when the participant to demote could not be found', async () => {
    const alice = Client.as(server(), 'alice');
    for (const params of [{ participant: 'eve' }, { sessionId: 'x'.repeat(512) }]) {
      const res = await alice.ocs('DELETE', v1('/room/designteam/moderators'), { params });
      expectEnvelope(res, 404);
      expect(res.data).toEqual([]);
    }
  });
});

describe('POST /guest/{token}/name (v1)', () => {
  const server = useServer();

  it('POST guest/name → 200 and the guest is listed under the new name (again when repeated)', async () => {
    const guest = Client.as(server());
    const joined = await guest.ocs<{ sessionId: string }>('POST', v1('/room/officehours/participants/active'));
    expectEnvelope(joined, 200);
    for (const displayName of ['Zoë', 'Zoë B.']) {
      const res = await guest.ocs('POST', v1('/guest/officehours/name'), { json: { displayName } });
      expectEnvelope(res, 200);
      expect(res.data).toEqual([]);
      const listed = (await participants(server(), 'officehours')).find((p) => p.sessionId === joined.data.sessionId);
      expect(listed).toMatchObject({ userId: '', displayName, participantType: 4 });
    }
  });

  it('POST guest/name → 403 when the current user is not a guest', async () => {
    const res = await Client.as(server(), 'alice').ocs('POST', v1('/guest/officehours/name'), { json: { displayName: 'Not a guest' } });
    expectEnvelope(res, 403);
    expect(res.data).toEqual([]);
    expect(byUser(await participants(server(), 'officehours'), 'alice')).toMatchObject({ displayName: 'Alice' });
  });

  it('POST guest/name → 404 when the conversation could not be found for the participant', async () => {
    // The guest joined officehours only: boardroom exists but has no such guest; nosuchroom does not exist.
    const guest = await joinedGuest(server(), 'officehours', v1);
    for (const token of ['boardroom', 'nosuchroom']) {
      const res = await guest.ocs('POST', v1(`/guest/${token}/name`), { json: { displayName: 'Lost' } });
      expectEnvelope(res, 404);
      expect(res.data).toEqual([]);
    }
  });
});
