/** The permission calls against the demo server itself (src/test/demo-server.ts), v4 and v1. */
import { describe, expect, it } from 'vitest';
import { demoServer, type DemoServer } from '../../test/demo-server';
import { createTalkClient } from './client';
import { ApiError, UnsupportedFeatureError, UnaddressableParticipantError } from './errors';
import { listParticipants } from './participants';
import { setDefaultPermissions, setParticipantPermissions, supportsPermissions } from './permissions';
import { Permission } from '../../../contract/wire';

const talkAs = (account: string) => createTalkClient({ getCredentials: () => ({ account, password: 'demo' }) });

async function participantNamed(talk: ReturnType<typeof talkAs>, token: string, name: string) {
  const found = (await listParticipants(talk, token)).find((participant) => participant.displayName === name);
  if (!found) throw new Error(`${name} is not in ${token}`);
  return found;
}

const writes = (server: DemoServer) => server.requests.filter((request) => request.method !== 'GET');

describe('permissions (v4)', () => {
  it('sets, adds and removes one participant\'s permissions, and 0 follows the defaults again', async () => {
    demoServer();
    const alice = talkAs('alice');
    expect(await supportsPermissions(alice)).toBe(true);
    const carol = await participantNamed(alice, 'designteam', 'Carol');
    expect(carol).toMatchObject({ permissions: 246, attendeePermissions: 0 });

    await setParticipantPermissions(alice, 'designteam', carol, 'set', Permission.StartCall | Permission.Chat);
    expect(await participantNamed(alice, 'designteam', 'Carol')).toMatchObject({ permissions: 131, attendeePermissions: 131 });

    await setParticipantPermissions(alice, 'designteam', carol, 'add', Permission.SkipLobby);
    expect((await participantNamed(alice, 'designteam', 'Carol')).permissions).toBe(131 | Permission.SkipLobby);

    await setParticipantPermissions(alice, 'designteam', carol, 'remove', Permission.Chat);
    expect((await participantNamed(alice, 'designteam', 'Carol')).permissions).toBe(3 | Permission.SkipLobby);

    await setParticipantPermissions(alice, 'designteam', carol, 'set', 0);
    expect(await participantNamed(alice, 'designteam', 'Carol')).toMatchObject({ permissions: 246, attendeePermissions: 0 });
  });

  it('sends attendeeId, method and permissions in the body of a PUT', async () => {
    const server = demoServer();
    const alice = talkAs('alice');
    const dave = await participantNamed(alice, 'designteam', 'Dave');
    await setParticipantPermissions(alice, 'designteam', dave, 'add', Permission.SkipLobby);
    const [call] = writes(server);
    expect(call).toMatchObject({ method: 'PUT', path: '/ocs/v2.php/apps/spreed/api/v4/room/designteam/attendees/permissions' });
    expect(JSON.parse(call!.body!)).toEqual({ attendeeId: Number(dave.key.slice(2)), method: 'add', permissions: 8 });
  });

  it('refuses moderators with the server\'s 400 {error: "moderator"}', async () => {
    demoServer();
    const alice = talkAs('alice');
    const bob = await participantNamed(alice, 'designteam', 'Bob');
    const refusal = await setParticipantPermissions(alice, 'designteam', bob, 'set', 2).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ApiError);
    expect(refusal).toMatchObject({ status: 400, code: 'moderator' });
  });

  it('sets the conversation\'s defaults and answers the conversation', async () => {
    demoServer();
    const alice = talkAs('alice');
    const conversation = await setDefaultPermissions(alice, 'designteam', Permission.JoinCall | Permission.Chat);
    expect(conversation).toMatchObject({ token: 'designteam', defaultPermissions: 1 | 4 | 128, ownPermissions: 254 });
    expect((await participantNamed(alice, 'designteam', 'Dave')).permissions).toBe(1 | 4 | 128);
    expect((await setDefaultPermissions(alice, 'designteam', 0)).defaultPermissions).toBe(0);
  });

  it('a member is refused with 403', async () => {
    demoServer();
    const refusal = await setDefaultPermissions(talkAs('carol'), 'designteam', 2).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ status: 403 });
  });
});

describe('permissions (v1)', () => {
  it('are not offered, and the calls refuse without asking the server', async () => {
    const server = demoServer('v1');
    const alice = talkAs('alice');
    expect(await supportsPermissions(alice)).toBe(false);
    const carol = await participantNamed(alice, 'designteam', 'Carol');
    expect(carol).toMatchObject({ permissions: null, attendeePermissions: null });
    await expect(setParticipantPermissions(alice, 'designteam', carol, 'add', 8)).rejects.toBeInstanceOf(UnsupportedFeatureError);
    await expect(setDefaultPermissions(alice, 'designteam', 8)).rejects.toBeInstanceOf(UnsupportedFeatureError);
    expect(writes(server)).toEqual([]);
  });

  it('a key that is no attendee names nobody', async () => {
    demoServer();
    await expect(setParticipantPermissions(talkAs('alice'), 'designteam', { key: 'u:carol' }, 'add', 8)).rejects.toBeInstanceOf(
      UnaddressableParticipantError,
    );
  });
});
