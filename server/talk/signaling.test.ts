/**
 * Keeping a joined session alive the way Talk's web client does without a signaling server: pulling internal
 * signaling (openapi.json: GET /api/v3/signaling/{token}), and sessions ending after 100 s of silence.
 */
import { describe, expect, it } from 'vitest';
import type { CapabilitiesData, V4Participant } from '../../contract/wire';
import { Client, v1, v4, type TestServer } from '../test/harness';
import { attendeeId, expectEnvelope, joinedGuest, useServer } from '../test/contract';
import { SESSION_TIMEOUT_SECONDS } from './expiry';

const signaling = (token: string) => `/ocs/v2.php/apps/spreed/api/v3/signaling/${token}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

interface SignalingMessage {
  type: string;
  data: { sessionId: string; userId: string; actorType: string; actorId: string; lastPing: number; roomId: number }[];
}

/** Makes every live (non-simulated) session of a room look silent for `seconds`. */
function silence(server: TestServer, token: string, seconds: number) {
  server.db
    .prepare(
      `UPDATE sessions SET last_ping = last_ping - ? WHERE simulated = 0 AND attendee_id IN
       (SELECT a.id FROM attendees a JOIN rooms r ON r.id = a.room_id WHERE r.token = ?)`,
    )
    .run(seconds, token);
}

const guestsNamed = (list: V4Participant[], name: string) => list.filter((p) => p.actorType === 'guests' && p.displayName === name);

describe('GET /api/v3/signaling/{token}', () => {
  const server = useServer();

  it('advertises signaling-v3 on a current server', async () => {
    const res = await Client.as(server()).ocs<CapabilitiesData>('GET', '/ocs/v2.php/cloud/capabilities');
    expect(res.data.capabilities.spreed?.features).toContain('signaling-v3');
  });

  it('200 with usersInRoom listing this session, and the ping refreshed', async () => {
    const guest = Client.as(server());
    const joined = await guest.ocs<{ sessionId: string }>('POST', v4('/room/officehours/participants/active'));
    expectEnvelope(joined, 200);
    silence(server(), 'officehours', 50);
    const res = await guest.ocs<SignalingMessage[]>('GET', signaling('officehours'));
    expectEnvelope(res, 200);
    const usersInRoom = res.data.find((message) => message.type === 'usersInRoom');
    expect(usersInRoom).toBeDefined();
    // Named by its id: the seeded guests of the room pinged moments ago too, so "recent" alone proves nothing.
    const mine = usersInRoom!.data.filter((session) => session.sessionId === joined.data.sessionId);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.actorType).toBe('guests');
    expect(mine[0]!.lastPing).toBeGreaterThanOrEqual(nowSeconds() - 2);
    // The online members seeded in the room are listed too (alice is online in officehours).
    expect(usersInRoom!.data.some((session) => session.userId === 'alice')).toBe(true);
  });

  it('409 once a moderator removed the guest, as for any ended session', async () => {
    const guest = await joinedGuest(server(), 'officehours', v4);
    await guest.ocs('POST', v1('/guest/officehours/name'), { json: { displayName: 'Removed soon' } });
    const bob = Client.as(server(), 'bob');
    const list = await bob.ocs<V4Participant[]>('GET', v4('/room/officehours/participants'));
    const [target] = guestsNamed(list.data, 'Removed soon');
    expectEnvelope(await bob.ocs('DELETE', v4('/room/officehours/attendees'), { params: { attendeeId: target!.attendeeId } }), 200);

    const res = await guest.ocs<SignalingMessage[]>('GET', signaling('officehours'));
    expectEnvelope(res, 409);
    expect(res.data).toEqual([{ type: 'usersInRoom', data: [] }]);
    // What tells a removed guest from one replaced by another window: the conversation no longer counts them.
    const room = await guest.ocs<{ participantType: number; displayName: string }>('GET', v4('/room/officehours'));
    expectEnvelope(room, 200);
    expect(room.data).toMatchObject({ participantType: 0, displayName: '' });
  });

  it('404 for a browser that never joined: no session to have ended', async () => {
    const stranger = Client.as(server());
    const res = await stranger.ocs<SignalingMessage[]>('GET', signaling('officehours'));
    expectEnvelope(res, 404);
    expect(res.data).toEqual([{ type: 'usersInRoom', data: [] }]);
  });

  it('404 for a browser that joined only another conversation, and for one that left this one, as Talk keeps sessions per conversation', async () => {
    // alice is in both conversations, with no session in officehours from this browser.
    const alice = Client.as(server(), 'alice');
    expectEnvelope(await alice.ocs('POST', v4('/room/designteam/participants/active')), 200);
    expectEnvelope(await alice.ocs('GET', signaling('officehours')), 404);

    expectEnvelope(await alice.ocs('POST', v4('/room/officehours/participants/active')), 200);
    expectEnvelope(await alice.ocs('GET', signaling('officehours')), 200);
    expectEnvelope(await alice.ocs('DELETE', v4('/room/officehours/participants/active')), 200);
    const left = await alice.ocs<SignalingMessage[]>('GET', signaling('officehours'));
    expectEnvelope(left, 404);
    expect(left.data).toEqual([{ type: 'usersInRoom', data: [] }]);
    // The other conversation's session is untouched.
    expectEnvelope(await alice.ocs('GET', signaling('designteam')), 200);
  });

  it('409 "Session killed" when the same account joined from another window with force', async () => {
    const firstWindow = Client.as(server(), 'eve');
    expectEnvelope(await firstWindow.ocs('POST', v4('/room/officehours/participants/active'), { json: { force: false } }), 200);
    const secondWindow = Client.as(server(), 'eve');
    expectEnvelope(await secondWindow.ocs('POST', v4('/room/officehours/participants/active'), { json: { force: false } }), 409);
    expectEnvelope(await secondWindow.ocs('POST', v4('/room/officehours/participants/active'), { json: { force: true } }), 200);

    const replaced = await firstWindow.ocs('GET', signaling('officehours'));
    expectEnvelope(replaced, 409);
    expect(replaced.meta?.message).toBe('Session killed');
    expect(replaced.data).toEqual([{ type: 'usersInRoom', data: [] }]);
    expectEnvelope(await secondWindow.ocs('GET', signaling('officehours')), 200);
  });

  it('404 for an unknown conversation and for a malformed token', async () => {
    const guest = await joinedGuest(server(), 'officehours', v4);
    expectEnvelope(await guest.ocs('GET', signaling('nosuchroom')), 404);
    expectEnvelope(await guest.ocs('GET', signaling('NOT-A-TOKEN')), 404);
  });

  it('answers on /api/v1/signaling for clients of v1-only servers too', async () => {
    const guest = await joinedGuest(server(), 'officehours', v1);
    expectEnvelope(await guest.ocs('GET', v1('/signaling/officehours')), 200);
  });
});

describe(`sessions silent for over ${SESSION_TIMEOUT_SECONDS} s end`, () => {
  const server = useServer();

  it('a silent guest disappears from the roster; a pulling one stays', async () => {
    const silent = await joinedGuest(server(), 'officehours', v4);
    await silent.ocs('POST', v1('/guest/officehours/name'), { json: { displayName: 'Silent Sam' } });
    const pulling = await joinedGuest(server(), 'officehours', v4);
    await pulling.ocs('POST', v1('/guest/officehours/name'), { json: { displayName: 'Pulling Pat' } });

    silence(server(), 'officehours', SESSION_TIMEOUT_SECONDS - 10);
    expectEnvelope(await pulling.ocs('GET', signaling('officehours')), 200);
    silence(server(), 'officehours', 20);

    const roster = await Client.as(server(), 'bob').ocs<V4Participant[]>('GET', v4('/room/officehours/participants'));
    expect(guestsNamed(roster.data, 'Silent Sam')).toHaveLength(0);
    expect(guestsNamed(roster.data, 'Pulling Pat')).toHaveLength(1);
    // The timed-out guest's next pull learns its session ended (409, as on Talk).
    expectEnvelope(await silent.ocs('GET', signaling('officehours')), 409);
  });

  it('a member whose session timed out stays a member, offline', async () => {
    const dave = Client.as(server(), 'dave');
    expectEnvelope(await dave.ocs('POST', v4('/room/designteam/participants/active')), 200);
    silence(server(), 'designteam', SESSION_TIMEOUT_SECONDS + 1);
    const roster = await Client.as(server(), 'alice').ocs<V4Participant[]>('GET', v4('/room/designteam/participants'));
    const daveRow = roster.data.find((p) => p.attendeeId === attendeeId(server(), 'designteam', 'dave'));
    expect(daveRow?.sessionIds).toEqual([]);
    // Its next pull: 409, as for any ended session, while the conversation still counts dave in.
    expectEnvelope(await dave.ocs('GET', signaling('designteam')), 409);
    const room = await dave.ocs<{ participantType: number }>('GET', v4('/room/designteam'));
    expect(room.data.participantType).toBeGreaterThan(0);
  });

  it('the seeded crowd is simulated and never times out', async () => {
    server().db.prepare('UPDATE sessions SET last_ping = last_ping - 100000 WHERE simulated = 1').run();
    const roster = await Client.as(server(), 'alice').ocs<V4Participant[]>('GET', v4('/room/allhands/participants'));
    expect(roster.data.filter((p) => p.sessionIds.length > 0).length).toBeGreaterThan(1000);
  });
});
