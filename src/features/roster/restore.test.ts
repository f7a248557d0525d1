import { describe, expect, it } from 'vitest';
import { ApiError, listParticipants, removeParticipant, type Participant } from '../../lib/api';
import { TALK_V4_BASE } from '../../../contract/wire';
import { demoServer } from '../../test/demo-server';
import { createTestServices } from '../../test/render';
import { canRestoreRemoval, restoreRemovedParticipant, restoreSourceOf, RestoreError } from './restore';

// officehours (server/db/seed.ts): bob owns it, alice moderates it, eve is a member; guests Gina, Hugo and Ines
// (a guest moderator), and frank@example.org invited by email.
const TOKEN = 'officehours';

async function setUp(version: 'v4' | 'v1' = 'v4') {
  const server = demoServer(version);
  const { talkClient: talk } = createTestServices({ account: 'bob', password: 'demo' });
  const list = () => listParticipants(talk, TOKEN);
  const find = async (actorId: string): Promise<Participant | undefined> =>
    (await list()).find((participant) => participant.actorId === actorId);
  const named = async (actorId: string): Promise<Participant> => {
    const participant = await find(actorId);
    if (!participant) throw new Error(`${actorId} is not in ${TOKEN}`);
    return participant;
  };
  return { server, talk, list, find, named };
}

describe('restoreSourceOf', () => {
  it('adds accounts, groups and circles back from their source; guests and email guests not at all', () => {
    expect(restoreSourceOf({ kind: 'user', actorId: 'eve' })).toBe('users');
    expect(restoreSourceOf({ kind: 'group', actorId: 'support' })).toBe('groups');
    expect(restoreSourceOf({ kind: 'circle', actorId: 'releasecrew' })).toBe('circles');
    expect(restoreSourceOf({ kind: 'guest', actorId: 'f00d' })).toBeNull();
    expect(restoreSourceOf({ kind: 'email', actorId: 'frank@example.org' })).toBeNull();
    expect(restoreSourceOf({ kind: 'other', actorId: 'x' })).toBeNull();
    expect(canRestoreRemoval({ kind: 'user', actorId: '' })).toBe(false);
  });
});

describe('restoreRemovedParticipant', () => {
  it('adds a removed member back as a member', async () => {
    const { talk, named, find } = await setUp();
    const eve = await named('eve');
    await removeParticipant(talk, TOKEN, eve);
    expect(await find('eve')).toBeUndefined();

    expect(await restoreRemovedParticipant(talk, TOKEN, eve)).toBeNull();

    const back = await named('eve');
    expect(back.role).toBe('member');
    expect(back.kind).toBe('user');
  });

  it('adds a removed moderator back and makes them a moderator again, under their new key', async () => {
    const { server, talk, named } = await setUp();
    const alice = await named('alice');
    expect(alice.role).toBe('moderator');
    await removeParticipant(talk, TOKEN, alice);

    const restored = await restoreRemovedParticipant(talk, TOKEN, alice);

    const back = await named('alice');
    expect(back.role).toBe('moderator');
    expect(back.key).not.toBe(alice.key);
    expect(restored?.key).toBe(back.key);
    const writes = server.requests.filter((request) => request.method !== 'GET').map((request) => `${request.method} ${request.path.split('?')[0]}`);
    expect(writes).toEqual([
      `DELETE ${TALK_V4_BASE}/room/${TOKEN}/attendees`,
      `POST ${TALK_V4_BASE}/room/${TOKEN}/participants`,
      `POST ${TALK_V4_BASE}/room/${TOKEN}/moderators`,
    ]);
  });

  it('adds a removed group back (v4 lists groups as attendees)', async () => {
    const { server, talk, named, find } = await setUp();
    await server.as('bob').ocs('POST', `${TALK_V4_BASE}/room/${TOKEN}/participants`, { json: { newParticipant: 'support', source: 'groups' } });
    const group = await named('support');
    expect(group.kind).toBe('group');
    await removeParticipant(talk, TOKEN, group);
    expect(await find('support')).toBeUndefined();

    await restoreRemovedParticipant(talk, TOKEN, group);

    expect((await named('support')).kind).toBe('group');
  });

  it('works on a v1 server, which names accounts by user id', async () => {
    const { talk, named } = await setUp('v1');
    const alice = await named('alice');
    expect(alice.role).toBe('moderator');
    await removeParticipant(talk, TOKEN, alice);

    await restoreRemovedParticipant(talk, TOKEN, alice);

    expect((await named('alice')).role).toBe('moderator');
  });

  it('says which step failed: adding back, or making a moderator again (they are back then)', async () => {
    const { server, talk, named } = await setUp();
    const alice = await named('alice');
    await removeParticipant(talk, TOKEN, alice);

    server.failNext({ method: 'POST', path: `${TALK_V4_BASE}/room/${TOKEN}/participants` }, { status: 403 });
    const refused = await restoreRemovedParticipant(talk, TOKEN, alice).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RestoreError);
    expect((refused as RestoreError).step).toBe('add');
    expect((refused as RestoreError).cause).toBeInstanceOf(ApiError);
    expect(((refused as RestoreError).cause as ApiError).status).toBe(403);

    server.failNext({ method: 'POST', path: `${TALK_V4_BASE}/room/${TOKEN}/moderators` }, { status: 403 });
    const halfway = await restoreRemovedParticipant(talk, TOKEN, alice).catch((error: unknown) => error);
    expect(halfway).toBeInstanceOf(RestoreError);
    expect((halfway as RestoreError).step).toBe('promote');
    expect((await named('alice')).role).toBe('member');
  });

  it('refuses guests and email guests before any request', async () => {
    const { server, talk, list } = await setUp();
    const participants = await list();
    const frank = participants.find((participant) => participant.kind === 'email');
    const hugo = participants.find((participant) => participant.displayName === 'Hugo');
    const before = server.requests.length;
    await expect(restoreRemovedParticipant(talk, TOKEN, frank!)).rejects.toThrow('cannot be added back');
    await expect(restoreRemovedParticipant(talk, TOKEN, hugo!)).rejects.toThrow('cannot be added back');
    expect(server.requests.length).toBe(before);
  });
});
