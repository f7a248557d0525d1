import { afterEach, describe, expect, it, vi } from 'vitest';
import { capabilitiesResponse, stubFetch, talkServer, v1Room, v4Room } from '../../test/ocs';
import { createTalkClient } from './client';
import { listConversations } from './conversations';
import { NetworkError } from './errors';
import type { Conversation } from './model';
import { CAPABILITIES_PATH, TALK_V1_BASE, TALK_V4_BASE } from './wire';

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
      },
    ]);
  });

  it('falls back to v1 without the feature and maps v1 rooms to the same model', async () => {
    const { calls } = stubFetch(
      talkServer({
        version: 'v1',
        rooms: [
          v1Room({ token: 'design1', displayName: 'Design team', type: 2, participantType: 2 }),
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
      },
      {
        token: 'dm1',
        name: 'Bob',
        type: 'one-to-one',
        hasPassword: false,
        lobby: { enabled: false, opensAt: null },
        ownRole: 'member',
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
