import { afterEach, describe, expect, it, vi } from 'vitest';
import { capabilitiesResponse, ocsResponse, stubFetch, talkServer, v1Room, v4Room } from '../../test/ocs';
import { capabilitiesRoute } from '../../test/talk-fixtures';
import { createTalkClient } from './client';
import {
  createConversation,
  getConversation,
  leaveConversation,
  listConversations,
  setLobby,
} from './conversations';
import { ApiError, ForbiddenError, NetworkError } from './errors';
import type { Conversation } from './model';
import { CAPABILITIES_PATH, TALK_V1_BASE, TALK_V4_BASE } from '../../../contract/wire';

afterEach(() => {
  vi.unstubAllGlobals();
});

const alice = { account: 'alice', password: 'demo' };

describe('listConversations', () => {
  it('uses v4 when the server advertises conversation-v4 and maps its rooms', async () => {
    const { calls } = stubFetch(
      talkServer({
        version: 'v4',
        rooms: [
          v4Room({
            token: 'webinar1',
            displayName: 'All-hands webinar',
            type: 3,
            hasPassword: true,
            lobbyState: 1,
            lobbyTimer: 1_800_000_000,
            participantType: 1,
            lastActivity: 1_800_000_100,
          }),
        ],
      }),
    );
    const talk = createTalkClient({ getCredentials: () => alice });

    const conversations = await listConversations(talk);

    expect(calls.map((call) => call.url)).toEqual([CAPABILITIES_PATH, `${TALK_V4_BASE}/room`]);
    expect(conversations).toEqual<Conversation[]>([
      {
        token: 'webinar1',
        name: 'All-hands webinar',
        type: 'public',
        hasPassword: true,
        lobby: { enabled: true, opensAt: 1_800_000_000_000 },
        ownRole: 'owner',
        canModerate: true,
        // v4 rooms say who the caller is.
        ownAccountId: 'alice',
        defaultPermissions: 0,
        ownPermissions: 0,
        // Talk's seconds, as milliseconds.
        lastActivityAt: 1_800_000_100_000,
      },
    ]);
  });

  it('falls back to v1 without the feature and maps v1 rooms to the same model', async () => {
    const { calls } = stubFetch(
      talkServer({
        version: 'v1',
        rooms: [
          v1Room({ token: 'design1', displayName: 'Design team', type: 2, participantType: 2, lastActivity: 1_800_000_200 }),
          v1Room({ token: 'dm1', displayName: 'Bob', type: 1, participantType: 5 }),
        ],
      }),
    );
    const talk = createTalkClient({ getCredentials: () => alice });

    const conversations = await listConversations(talk);

    expect(calls.map((call) => call.url)).toEqual([CAPABILITIES_PATH, `${TALK_V1_BASE}/room`]);
    expect(conversations).toEqual<Conversation[]>([
      {
        token: 'design1',
        name: 'Design team',
        type: 'group',
        hasPassword: false,
        lobby: { enabled: false, opensAt: null },
        ownRole: 'moderator',
        canModerate: true,
        // v1 rooms do not say who the caller is.
        ownAccountId: null,
        defaultPermissions: null,
        ownPermissions: null,
        lastActivityAt: 1_800_000_200_000,
      },
      {
        token: 'dm1',
        name: 'Bob',
        type: 'one-to-one',
        hasPassword: false,
        lobby: { enabled: false, opensAt: null },
        ownRole: 'member',
        canModerate: false,
        ownAccountId: null,
        defaultPermissions: null,
        ownPermissions: null,
        lastActivityAt: 0,
      },
    ]);
  });

  it('reads the capabilities once per client, but again after a failed read', async () => {
    let capabilityReads = 0;
    let failNextCapabilities = true;
    const server = talkServer({ version: 'v4', rooms: [] });
    stubFetch((request) => {
      if (request.url !== CAPABILITIES_PATH) return undefined;
      capabilityReads += 1;
      if (failNextCapabilities) {
        failNextCapabilities = false;
        return Promise.reject(new TypeError('Failed to fetch'));
      }
      return capabilitiesResponse('v4');
    }, server);
    const talk = createTalkClient({ getCredentials: () => alice });

    await expect(listConversations(talk)).rejects.toBeInstanceOf(NetworkError);
    await listConversations(talk);
    await listConversations(talk);

    expect(capabilityReads).toBe(2);
  });

  it('sends the credentials it is given instead of the signed-in ones', async () => {
    const { calls } = stubFetch(talkServer({ version: 'v4', rooms: [] }));
    const talk = createTalkClient({ getCredentials: () => null });

    await listConversations(talk, { credentials: alice });

    const roomRequest = calls.find((call) => call.url.endsWith('/room'));
    expect(roomRequest?.headers.get('Authorization')).toBe(`Basic ${btoa('alice:demo')}`);
  });
});

const versions = [
  { version: 'v4', base: TALK_V4_BASE, room: v4Room },
  { version: 'v1', base: TALK_V1_BASE, room: v1Room },
] as const;

function bodyOf(call: { body: string | null } | undefined): unknown {
  return call?.body ? JSON.parse(call.body) : undefined;
}

describe.each(versions)('one conversation ($version)', ({ version, base, room }) => {
  const talk = () => createTalkClient({ getCredentials: () => alice });

  it('getConversation reads the room, encoding the token, and says whether the caller moderates it', async () => {
    const { calls } = stubFetch(capabilitiesRoute(version), (request) =>
      request.method === 'GET'
        ? ocsResponse(room({ token: 'a/b', displayName: 'Odd', participantType: 6, lobbyState: 1, lobbyTimer: 0 }))
        : undefined,
    );

    const conversation = await getConversation(talk(), 'a/b');

    expect(calls.at(-1)?.url).toBe(`${base}/room/a%2Fb`);
    expect(conversation).toEqual<Conversation>({
      token: 'a/b',
      name: 'Odd',
      type: 'group',
      hasPassword: false,
      lobby: { enabled: true, opensAt: null },
      ownRole: 'guest-moderator',
      canModerate: true,
      ownAccountId: version === 'v4' ? 'alice' : null,
      defaultPermissions: version === 'v4' ? 0 : null,
      ownPermissions: version === 'v4' ? 0 : null,
      lastActivityAt: 0,
    });
  });

  it('createConversation posts the type and the name; a public one\'s password goes with it on v1, by the password route on v4', async () => {
    const { calls } = stubFetch(capabilitiesRoute(version), (request) => {
      // Talk 19 answers the password route with an empty list.
      if (request.method === 'PUT') return ocsResponse([]);
      if (request.method !== 'POST') return undefined;
      const body = JSON.parse(request.body ?? '{}') as { roomType: 2 | 3; roomName: string; password?: string };
      return ocsResponse(
        room({
          token: `new${body.roomType}`,
          displayName: body.roomName,
          type: body.roomType,
          hasPassword: !!body.password,
          participantType: 1,
        }),
        201,
      );
    });

    const publicOne = await createConversation(talk(), { name: 'Open day', type: 'public', password: 's3cret' });
    const groupOne = await createConversation(talk(), { name: 'Team', type: 'group', password: 'ignored' });
    const noPassword = await createConversation(talk(), { name: 'Open', type: 'public', password: '' });

    const posts = calls.filter((call) => call.method === 'POST');
    expect(posts.map((call) => call.url)).toEqual([`${base}/room`, `${base}/room`, `${base}/room`]);
    expect(posts.map(bodyOf)).toEqual([
      version === 'v1' ? { roomType: 3, roomName: 'Open day', password: 's3cret' } : { roomType: 3, roomName: 'Open day' },
      { roomType: 2, roomName: 'Team' },
      { roomType: 3, roomName: 'Open' },
    ]);
    const puts = calls.filter((call) => call.method === 'PUT');
    expect(puts.map((call) => [call.url, bodyOf(call)])).toEqual(
      version === 'v1' ? [] : [[`${base}/room/new3/password`, { password: 's3cret' }]],
    );
    expect(publicOne).toMatchObject({ token: 'new3', name: 'Open day', type: 'public', hasPassword: true });
    expect(publicOne.ownRole).toBe('owner');
    expect(groupOne).toMatchObject({ token: 'new2', type: 'group', hasPassword: false });
    expect(noPassword.hasPassword).toBe(false);
  });

  it('setLobby puts the state and the start time in seconds, and returns the updated conversation', async () => {
    const { calls } = stubFetch(capabilitiesRoute(version), (request) => {
      if (request.method !== 'PUT') return undefined;
      const body = JSON.parse(request.body ?? '{}') as { state: number; timer?: number };
      return ocsResponse(
        room({ token: 'room1', displayName: 'Room', lobbyState: body.state, lobbyTimer: body.timer ?? 0, participantType: 1 }),
      );
    });

    const on = await setLobby(talk(), 'room1', { enabled: true, opensAt: 1_900_000_000_500 });
    const onWithoutTime = await setLobby(talk(), 'room1', { enabled: true, opensAt: null });
    const off = await setLobby(talk(), 'room1', { enabled: false, opensAt: 1_900_000_000_000 });

    const puts = calls.filter((call) => call.method === 'PUT');
    expect(puts.map((call) => call.url)).toEqual(Array(3).fill(`${base}/room/room1/webinar/lobby`));
    expect(puts.map(bodyOf)).toEqual([{ state: 1, timer: 1_900_000_000 }, { state: 1 }, { state: 0 }]);
    expect(on.lobby).toEqual({ enabled: true, opensAt: 1_900_000_000_000 });
    expect(onWithoutTime.lobby).toEqual({ enabled: true, opensAt: null });
    expect(off.lobby).toEqual({ enabled: false, opensAt: null });
  });

  it('setLobby passes a non-moderator refusal on as ForbiddenError', async () => {
    stubFetch(capabilitiesRoute(version), () => ocsResponse(null, 403, 'Not a moderator'));

    await expect(setLobby(talk(), 'room1', { enabled: true, opensAt: null })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('leaveConversation deletes the own participation; the last moderator gets a 400', async () => {
    let lastModerator = false;
    const { calls } = stubFetch(capabilitiesRoute(version), (request) =>
      request.method === 'DELETE' ? ocsResponse(version === 'v1' ? [] : null, lastModerator ? 400 : 200) : undefined,
    );

    await leaveConversation(talk(), 'room1');
    lastModerator = true;
    const refusal = await leaveConversation(talk(), 'room1').catch((error: unknown) => error);

    expect(calls.filter((call) => call.method === 'DELETE').map((call) => call.url)).toEqual([
      `${base}/room/room1/participants/self`,
      `${base}/room/room1/participants/self`,
    ]);
    expect(refusal).toBeInstanceOf(ApiError);
    expect((refusal as ApiError).status).toBe(400);
  });
});
