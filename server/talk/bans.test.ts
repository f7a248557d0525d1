/**
 * Bans (`ban-v1`, spec/talk-openapi.json: ban-ban-actor, ban-list-bans, ban-unban-actor): per route and status
 * code, the joins and additions a ban refuses, and their absence from a v1-only server. Each describe block
 * starts from the seeded data.
 */
import { describe, expect, it } from 'vitest';
import type { CapabilitiesData, V1Ban, V4Participant, V4Room } from '../../contract/wire';
import { Client, v1, v4, type TestServer } from '../test/harness';
import { attendeeId, expectEmptyData, expectEnvelope, guestAttendeeId, joinedGuest, useServer } from '../test/contract';

const ban = (path: string) => v1(`/ban${path}`);

async function participants(server: TestServer, token: string, as = 'bob'): Promise<V4Participant[]> {
  const res = await Client.as(server, as).ocs<V4Participant[]>('GET', v4(`/room/${token}/participants`));
  expectEnvelope(res, 200);
  return res.data;
}

async function bansOf(server: TestServer, token: string, as = 'bob'): Promise<V1Ban[]> {
  const res = await Client.as(server, as).ocs<V1Ban[]>('GET', ban(`/${token}`));
  expectEnvelope(res, 200);
  return res.data;
}

/** The actor a joined guest browser is, as its own room answer says. */
async function actorOf(guest: Client, token: string): Promise<{ actorType: string; actorId: string }> {
  const res = await guest.ocs<V4Room>('GET', v4(`/room/${token}`));
  expectEnvelope(res, 200);
  return { actorType: res.data.actorType, actorId: res.data.actorId };
}

describe('capabilities and API generations', () => {
  const current = useServer();
  const seedServer = useServer({ generations: ['v1'] });

  it('advertises ban-v1 beside conversation-v4 only', async () => {
    const features = async (server: TestServer) =>
      (await Client.as(server).ocs<CapabilitiesData>('GET', '/ocs/v2.php/cloud/capabilities')).data.capabilities.spreed?.features;
    expect(await features(current())).toEqual(expect.arrayContaining(['conversation-v4', 'ban-v1']));
    expect(await features(seedServer())).not.toContain('ban-v1');
  });

  it('TALK_API=v1: every ban route answers 404 with the envelope, and nothing is written', async () => {
    const bob = Client.as(seedServer(), 'bob');
    const answers = [
      await bob.ocs('GET', ban('/officehours')),
      await bob.ocs('POST', ban('/officehours'), { json: { actorType: 'users', actorId: 'eve' } }),
      await bob.ocs('DELETE', ban('/officehours/1')),
    ];
    for (const res of answers) {
      expectEnvelope(res, 404);
      expectEmptyData(res.data);
    }
    const list = await bob.ocs<{ userId: string }[]>('GET', v1('/room/officehours/participants'));
    expect(list.data.map((p) => p.userId)).toContain('eve');
  });
});

describe('POST /ban/{token}: banning an account', () => {
  const server = useServer();

  it('200 with the ban; the account is removed, listed as banned, refused at the door (403 ban) and when added (400 ban)', async () => {
    const before = Math.floor(Date.now() / 1000);
    const res = await Client.as(server(), 'alice').ocs<V1Ban>('POST', ban('/officehours'), {
      json: { actorType: 'users', actorId: 'eve', internalNote: 'Spam in the chat' },
    });
    expectEnvelope(res, 200);
    expect(res.data).toEqual({
      id: expect.any(Number),
      moderatorActorType: 'users',
      moderatorActorId: 'alice',
      moderatorDisplayName: 'Alice',
      bannedActorType: 'users',
      bannedActorId: 'eve',
      bannedDisplayName: 'Eve',
      bannedTime: expect.any(Number),
      internalNote: 'Spam in the chat',
    });
    expect(res.data.bannedTime).toBeGreaterThanOrEqual(before);

    expect((await participants(server(), 'officehours')).find((p) => p.actorId === 'eve')).toBeUndefined();
    expect(await bansOf(server(), 'officehours')).toEqual([res.data]);

    const join = await Client.as(server(), 'eve').ocs('POST', v4('/room/officehours/participants/active'));
    expectEnvelope(join, 403);
    expect(join.data).toEqual({ error: 'ban' });
    // The v1 join route of the same server refuses too.
    expectEnvelope(await Client.as(server(), 'eve').ocs('POST', v1('/room/officehours/participants/active')), 403);

    const add = await Client.as(server(), 'bob').ocs('POST', v4('/room/officehours/participants'), { json: { newParticipant: 'eve' } });
    expectEnvelope(add, 400);
    expect(add.data).toEqual({ error: 'ban' });
    expect((await participants(server(), 'officehours')).find((p) => p.actorId === 'eve')).toBeUndefined();
  });

  it('adding a group skips its banned members, as Talk does', async () => {
    const alice = Client.as(server(), 'alice');
    const carol = attendeeId(server(), 'designteam', 'carol');
    expectEnvelope(await alice.ocs('POST', ban('/designteam'), { json: { actorType: 'users', actorId: 'carol' } }), 200);
    expect((await participants(server(), 'designteam')).find((p) => p.attendeeId === carol)).toBeUndefined();
    expectEnvelope(await alice.ocs('POST', v4('/room/designteam/participants'), { json: { newParticipant: 'design', source: 'groups' } }), 200);
    expect((await participants(server(), 'designteam')).map((p) => p.actorId)).not.toContain('carol');
  });

  it('a banned account that is not in the room is banned all the same, under its account name', async () => {
    const res = await Client.as(server(), 'alice').ocs<V1Ban>('POST', ban('/launch'), { json: { actorType: 'users', actorId: 'dave' } });
    expectEnvelope(res, 200);
    expect(res.data).toMatchObject({ bannedActorId: 'dave', bannedDisplayName: 'Dave', internalNote: '' });
    expectEnvelope(await Client.as(server(), 'dave').ocs('POST', v4('/room/launch/participants/active')), 403);
  });
});

describe('POST /ban/{token}: banning guests and email guests', () => {
  const server = useServer();

  it('a guest is removed (their session ends) and their browser cannot join again; another browser can', async () => {
    const guest = await joinedGuest(server(), 'officehours', v4);
    expectEnvelope(await guest.ocs('POST', v1('/guest/officehours/name'), { json: { displayName: 'Mallory' } }), 200);
    const actor = await actorOf(guest, 'officehours');
    expect(actor.actorType).toBe('guests');

    const res = await Client.as(server(), 'bob').ocs<V1Ban>('POST', ban('/officehours'), { json: { ...actor, internalNote: 'Trolling' } });
    expectEnvelope(res, 200);
    expect(res.data).toMatchObject({ bannedActorType: 'guests', bannedActorId: actor.actorId, bannedDisplayName: 'Mallory', moderatorActorId: 'bob' });

    expect((await participants(server(), 'officehours')).find((p) => p.actorId === actor.actorId)).toBeUndefined();
    // Its session ended, as for any removal: 409 on Talk.
    expectEnvelope(await guest.ocs('GET', '/ocs/v2.php/apps/spreed/api/v3/signaling/officehours'), 409);

    const again = await guest.ocs('POST', v4('/room/officehours/participants/active'));
    expectEnvelope(again, 403);
    expect(again.data).toEqual({ error: 'ban' });
    expectEnvelope(await Client.as(server()).ocs('POST', v4('/room/officehours/participants/active')), 200);

    expectEnvelope(await Client.as(server(), 'bob').ocs('DELETE', ban(`/officehours/${res.data.id}`)), 200);
    expectEnvelope(await guest.ocs('POST', v4('/room/officehours/participants/active')), 200);
  });

  it('an email guest is removed and cannot be invited again (400 ban) until unbanned', async () => {
    const bob = Client.as(server(), 'bob');
    const res = await bob.ocs<V1Ban>('POST', ban('/officehours'), { json: { actorType: 'emails', actorId: 'frank@example.org' } });
    expectEnvelope(res, 200);
    // An email invitee without a name is named by the address.
    expect(res.data).toMatchObject({ bannedActorType: 'emails', bannedDisplayName: 'frank@example.org' });
    expect((await participants(server(), 'officehours')).find((p) => p.actorType === 'emails')).toBeUndefined();
    const invite = () => bob.ocs('POST', v4('/room/officehours/participants'), { json: { newParticipant: 'Frank@example.org', source: 'emails' } });
    const refused = await invite();
    expectEnvelope(refused, 400);
    expect(refused.data).toEqual({ error: 'ban' });

    expectEnvelope(await bob.ocs('DELETE', ban(`/officehours/${res.data.id}`)), 200);
    expectEnvelope(await invite(), 200);
  });

  it('a guest moderator may ban (the routes are open to guests, as in Talk)', async () => {
    const guest = await joinedGuest(server(), 'officehours', v4);
    const guestAttendee = (await guest.ocs<V4Room>('GET', v4('/room/officehours'))).data.attendeeId;
    expectEnvelope(await Client.as(server(), 'bob').ocs('POST', v4('/room/officehours/moderators'), { json: { attendeeId: guestAttendee } }), 200);
    const res = await guest.ocs<V1Ban>('POST', ban('/officehours'), { json: { actorType: 'users', actorId: 'eve' } });
    expectEnvelope(res, 200);
    expect(res.data).toMatchObject({ moderatorActorType: 'guests', bannedActorId: 'eve' });
    expectEnvelope(await guest.ocs('GET', ban('/officehours')), 200);
  });
});

describe('POST /ban/{token}: refusals with Talk codes and no partial write', () => {
  const server = useServer();

  async function expectRefused(as: Client, token: string, body: unknown, status: number, code?: string) {
    const res = await as.ocs('POST', ban(`/${token}`), typeof body === 'string' ? { body, headers: { 'Content-Type': 'application/json' } } : { json: body });
    expectEnvelope(res, status);
    if (code) expect(res.data).toEqual({ error: code });
    else if (status !== 400) expectEmptyData(res.data);
    return res;
  }

  it('400 self, moderator (owner, moderator, guest moderator), bannedActor, internalNote, room', async () => {
    const alice = Client.as(server(), 'alice');
    await expectRefused(alice, 'officehours', { actorType: 'users', actorId: 'alice' }, 400, 'self');
    await expectRefused(alice, 'officehours', { actorType: 'users', actorId: 'bob' }, 400, 'moderator');
    await expectRefused(Client.as(server(), 'bob'), 'officehours', { actorType: 'users', actorId: 'alice' }, 400, 'moderator');
    const ines = server().db.prepare('SELECT actor_id FROM attendees WHERE id = ?').pluck().get(guestAttendeeId(server(), 'officehours', 'Ines'));
    await expectRefused(alice, 'officehours', { actorType: 'guests', actorId: ines }, 400, 'moderator');
    for (const actorType of ['groups', 'circles', 'ip', 'federated_users', '']) {
      await expectRefused(alice, 'officehours', { actorType, actorId: 'design' }, 400, 'bannedActor');
    }
    await expectRefused(alice, 'officehours', { actorType: 'users' }, 400, 'bannedActor');
    await expectRefused(alice, 'officehours', { actorType: 'users', actorId: '   ' }, 400, 'bannedActor');
    await expectRefused(alice, 'officehours', { actorId: 'eve' }, 400, 'bannedActor');
    await expectRefused(alice, 'officehours', { actorType: 'users', actorId: ['eve'] }, 400, 'bannedActor');
    await expectRefused(alice, 'officehours', { actorType: 'users', actorId: 'eve', internalNote: 'x'.repeat(4001) }, 400, 'internalNote');
    await expectRefused(alice, 'officehours', { actorType: 'users', actorId: 'eve', internalNote: 42 }, 400, 'internalNote');
    await expectRefused(alice, 'alicebob', { actorType: 'users', actorId: 'bob' }, 400, 'room');
    await expectRefused(alice, 'officehours', '{"actorType": ', 400);

    expect(await bansOf(server(), 'officehours')).toEqual([]);
    expect((await participants(server(), 'officehours')).map((p) => p.actorId)).toEqual(expect.arrayContaining(['alice', 'bob', 'eve', ines]));
  });

  it('a note of 4,000 characters (counted as characters, not bytes) is accepted; banning twice is 400 bannedActor', async () => {
    const alice = Client.as(server(), 'alice');
    const note = 'é'.repeat(3999) + '🙂';
    const res = await alice.ocs<V1Ban>('POST', ban('/officehours'), { json: { actorType: 'users', actorId: 'eve', internalNote: note } });
    expectEnvelope(res, 200);
    expect(res.data.internalNote).toBe(note);
    await expectRefused(alice, 'officehours', { actorType: 'users', actorId: 'eve' }, 400, 'bannedActor');
    expect(await bansOf(server(), 'officehours')).toHaveLength(1);
  });

  it('403 for participants who are not moderators (accounts and guests), on every route', async () => {
    const guest = await joinedGuest(server(), 'officehours', v4);
    for (const user of [Client.as(server(), 'carol'), guest]) {
      // carol is not in officehours: she joins it by the link first, as a self-joined member.
      if (user.account) expectEnvelope(await user.ocs('POST', v4('/room/officehours/participants/active')), 200);
      await expectRefused(user, 'officehours', { actorType: 'users', actorId: 'eve' }, 403);
      expectEnvelope(await user.ocs('GET', ban('/officehours')), 403);
      expectEnvelope(await user.ocs('DELETE', ban('/officehours/1')), 403);
    }
  });

  it('404 for whoever is not in the room (an account elsewhere, a browser without an account), and for unknown rooms', async () => {
    for (const user of [Client.as(server(), 'eve'), Client.as(server())]) {
      await expectRefused(user, 'designteam', { actorType: 'users', actorId: 'dave' }, 404);
      expectEnvelope(await user.ocs('GET', ban('/designteam')), 404);
      expectEnvelope(await user.ocs('DELETE', ban('/designteam/1')), 404);
    }
    await expectRefused(Client.as(server(), 'alice'), 'nosuchroom', { actorType: 'users', actorId: 'eve' }, 404);
    await expectRefused(Client.as(server(), 'alice'), 'BAD!', { actorType: 'users', actorId: 'eve' }, 404);
    expect((await participants(server(), 'designteam')).map((p) => p.actorId)).toContain('dave');
  });

  it('401 (XML, as Nextcloud answers) for a wrong password', async () => {
    const res = await Client.as(server(), 'alice', 'wrong').request('GET', ban('/officehours'));
    expect(res.status).toBe(401);
    expect(res.text).toContain('<statuscode>997</statuscode>');
  });
});

describe('GET and DELETE /ban/{token}', () => {
  const server = useServer();

  it('GET lists the bans oldest first (Talk orders by id); an empty list is 200 []', async () => {
    expect(await bansOf(server(), 'officehours')).toEqual([]);
    const alice = Client.as(server(), 'alice');
    const first = await alice.ocs<V1Ban>('POST', ban('/officehours'), { json: { actorType: 'users', actorId: 'eve', internalNote: 'one' } });
    const second = await alice.ocs<V1Ban>('POST', ban('/officehours'), { json: { actorType: 'emails', actorId: 'frank@example.org', internalNote: 'two' } });
    expect((await bansOf(server(), 'officehours')).map((b) => b.id)).toEqual([first.data.id, second.data.id]);
    // Bans belong to their room.
    expect(await bansOf(server(), 'launch', 'alice')).toEqual([]);
  });

  it('DELETE → 200 null and the ban is gone; unknown ids and other rooms’ ids are 200 too (Talk) and change nothing', async () => {
    const alice = Client.as(server(), 'alice');
    const elsewhere = await alice.ocs<V1Ban>('POST', ban('/launch'), { json: { actorType: 'users', actorId: 'dave' } });
    const [eve] = await bansOf(server(), 'officehours');

    const unknown = await alice.ocs('DELETE', ban('/officehours/999999'));
    expectEnvelope(unknown, 200);
    const otherRoom = await alice.ocs('DELETE', ban(`/officehours/${elsewhere.data.id}`));
    expectEnvelope(otherRoom, 200);
    expect(await bansOf(server(), 'launch', 'alice')).toHaveLength(1);

    const res = await alice.ocs('DELETE', ban(`/officehours/${eve!.id}`));
    expectEnvelope(res, 200);
    expect(res.data).toBeNull();
    expect((await bansOf(server(), 'officehours')).map((b) => b.bannedActorId)).toEqual(['frank@example.org']);
    expectEnvelope(await Client.as(server(), 'eve').ocs('POST', v4('/room/officehours/participants/active')), 200);
  });

  it('DELETE with a ban id that is not a positive integer → 400 with the envelope', async () => {
    for (const id of ['abc', '0', '-3', '1.5', '99999999999999999999']) {
      expectEnvelope(await Client.as(server(), 'alice').ocs('DELETE', ban(`/officehours/${id}`)), 400);
    }
  });
});
