import { describe, expect, it } from 'vitest';
import { demoServer } from '../../test/demo-server';
import { banParticipant, isBannable, listBans, supportsBans, unban } from './bans';
import { createTalkClient } from './client';
import { BannedError, ForbiddenError, UnsupportedFeatureError } from './errors';
import { joinConversation } from './session';
import { BAN_BASE, TALK_V4_BASE } from '../../../contract/wire';

const as = (account: string | null) => createTalkClient({ getCredentials: () => (account ? { account, password: 'demo' } : null) });

// The seeded officehours (server/db/seed.ts): bob owns it, alice moderates it, eve is a member, frank@example.org
// is invited by email.
describe('bans (ban-v1)', () => {
  it('bans with a note, lists the ban in the domain model, and lifts it', async () => {
    const server = demoServer();
    const bob = as('bob');
    expect(await supportsBans(bob)).toBe(true);
    const before = Date.now() - 1000;

    const ban = await banParticipant(bob, 'officehours', { kind: 'user', actorId: 'eve' }, 'Spam');
    expect(ban).toEqual({
      id: expect.any(Number),
      banned: { kind: 'user', actorId: 'eve', name: 'Eve' },
      bannedBy: 'Bob',
      bannedAt: expect.any(Number),
      internalNote: 'Spam',
    });
    expect(ban.bannedAt).toBeGreaterThanOrEqual(before);
    expect(server.requests.filter((request) => request.method === 'POST').map((request) => [request.path, JSON.parse(request.body ?? '')])).toEqual([
      [`${BAN_BASE}/officehours`, { actorType: 'users', actorId: 'eve', internalNote: 'Spam' }],
    ]);
    expect(await listBans(bob, 'officehours')).toEqual([ban]);

    await unban(bob, 'officehours', ban.id);
    expect(await listBans(bob, 'officehours')).toEqual([]);
  });

  it('a banned account joining gets a BannedError (a ForbiddenError), a wrong password a plain ForbiddenError', async () => {
    demoServer();
    await banParticipant(as('alice'), 'officehours', { kind: 'user', actorId: 'eve' }, '');
    const refusal = await joinConversation(as('eve'), 'officehours', { password: '', force: true }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(BannedError);
    expect(refusal).toBeInstanceOf(ForbiddenError);

    const wrongPassword = await joinConversation(as(null), 'boardroom', { password: 'nope', force: true }).catch((error: unknown) => error);
    expect(wrongPassword).toBeInstanceOf(ForbiddenError);
    expect(wrongPassword).not.toBeInstanceOf(BannedError);
  });

  it('refusals keep Talk’s code (400 moderator), and non-moderators get a ForbiddenError', async () => {
    demoServer();
    const refused = await banParticipant(as('alice'), 'officehours', { kind: 'user', actorId: 'bob' }, '').catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 400, code: 'moderator' });
    await expect(listBans(as('eve'), 'officehours')).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('on a v1 server nothing is asked: every call fails with UnsupportedFeatureError before any request', async () => {
    const server = demoServer('v1');
    const bob = as('bob');
    expect(await supportsBans(bob)).toBe(false);
    await expect(listBans(bob, 'officehours')).rejects.toBeInstanceOf(UnsupportedFeatureError);
    await expect(banParticipant(bob, 'officehours', { kind: 'user', actorId: 'eve' }, '')).rejects.toBeInstanceOf(UnsupportedFeatureError);
    await expect(unban(bob, 'officehours', 1)).rejects.toBeInstanceOf(UnsupportedFeatureError);
    expect(server.requests.filter((request) => !request.path.includes('/cloud/capabilities'))).toEqual([]);
    expect(server.requests.some((request) => request.path.startsWith(TALK_V4_BASE))).toBe(false);
  });

  it('only accounts, guests and email guests with an actor id are bannable', () => {
    expect(isBannable({ kind: 'user', actorId: 'eve' })).toBe(true);
    expect(isBannable({ kind: 'guest', actorId: 'abc' })).toBe(true);
    expect(isBannable({ kind: 'email', actorId: 'frank@example.org' })).toBe(true);
    expect(isBannable({ kind: 'group', actorId: 'design' })).toBe(false);
    expect(isBannable({ kind: 'circle', actorId: 'crew' })).toBe(false);
    // v1 lists guests without an actor id: nothing names them for a ban.
    expect(isBannable({ kind: 'guest', actorId: '' })).toBe(false);
  });
});
