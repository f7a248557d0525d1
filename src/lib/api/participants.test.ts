import { afterEach, describe, expect, it, vi } from 'vitest';
import { ocsResponse, stubFetch, type Route } from '../../test/ocs';
import { capabilitiesRoute, v1Participant, v4Participant } from '../../test/talk-fixtures';
import { createTalkClient } from './client';
import { ForbiddenError, LobbyError, UnaddressableParticipantError } from './errors';
import type { Participant } from './model';
import { isParticipantAddressable } from './participant-keys';
import {
  addParticipant,
  demoteParticipant,
  listParticipants,
  promoteParticipant,
  removeParticipant,
  searchParticipantSuggestions,
  supportsCircles,
} from './participants';
import { AUTOCOMPLETE_PATH, TALK_V1_BASE, TALK_V4_BASE } from '../../../contract/wire';

afterEach(() => {
  vi.unstubAllGlobals();
});

const talk = () => createTalkClient({ getCredentials: () => ({ account: 'alice', password: 'demo' }) });

/** Answers every request that is not the capabilities with `data`. */
function answerWith(data: unknown, status = 200): Route {
  return () => ocsResponse(data, status, status >= 400 ? 'Refused' : '');
}

/** The requests after the capabilities read. */
function apiCalls<Call extends { url: string }>(calls: Call[]): Call[] {
  return calls.filter((call) => !call.url.includes('/cloud/capabilities'));
}

function bodyOf(call: { body: string | null } | undefined): unknown {
  return call?.body ? JSON.parse(call.body) : undefined;
}

describe('listParticipants (v4)', () => {
  it('asks for statuses and maps every attendee to the domain model', async () => {
    const { calls } = stubFetch(
      capabilitiesRoute('v4'),
      answerWith([
        v4Participant({
          attendeeId: 7,
          actorId: 'alice',
          displayName: 'Alice',
          participantType: 1,
          sessionIds: ['s1', 's2'],
          inCall: 3,
          lastPing: 1_700_000_000,
          status: 'dnd',
          statusIcon: '🎧',
          statusMessage: 'Focus time',
          permissions: 254,
          attendeePermissions: 0,
        }),
        v4Participant({ attendeeId: 8, actorType: 'guests', actorId: 'abc', displayName: '', participantType: 4 }),
        v4Participant({ attendeeId: 9, actorType: 'emails', actorId: 'x@example.org', displayName: '', participantType: 4 }),
        v4Participant({ attendeeId: 10, actorType: 'groups', actorId: 'design', displayName: 'Design', participantType: 3 }),
        v4Participant({ attendeeId: 11, actorType: 'teams', actorId: 'c1', displayName: 'Circle', participantType: 3 }),
        v4Participant({ attendeeId: 12, actorType: 'circles', actorId: 'c2', displayName: 'Old circle' }),
        v4Participant({ attendeeId: 13, actorType: 'federated_users', actorId: 'z@remote', displayName: 'Zed' }),
        v4Participant({ attendeeId: 14, displayName: 'Mod', participantType: 2, status: 'online' }),
        v4Participant({ attendeeId: 15, displayName: 'Linker', participantType: 5 }),
        v4Participant({ attendeeId: 16, actorType: 'guests', actorId: 'g', displayName: 'Gm', participantType: 6 }),
      ]),
    );

    const participants = await listParticipants(talk(), 'room1');

    expect(apiCalls(calls).map((call) => call.url)).toEqual([
      `${TALK_V4_BASE}/room/room1/participants?includeStatus=1`,
    ]);
    expect(participants[0]).toEqual<Participant>({
      key: 'a:7',
      kind: 'user',
      actorId: 'alice',
      displayName: 'Alice',
      role: 'owner',
      online: true,
      inCall: true,
      status: { status: 'dnd', icon: '🎧', message: 'Focus time' },
      permissions: 254,
      attendeePermissions: 0,
    });
    expect(participants.map(({ key, kind, role, online, inCall }) => ({ key, kind, role, online, inCall }))).toEqual([
      { key: 'a:7', kind: 'user', role: 'owner', online: true, inCall: true },
      { key: 'a:8', kind: 'guest', role: 'guest', online: false, inCall: false },
      { key: 'a:9', kind: 'email', role: 'guest', online: false, inCall: false },
      { key: 'a:10', kind: 'group', role: 'member', online: false, inCall: false },
      { key: 'a:11', kind: 'circle', role: 'member', online: false, inCall: false },
      { key: 'a:12', kind: 'circle', role: 'member', online: false, inCall: false },
      { key: 'a:13', kind: 'other', role: 'member', online: false, inCall: false },
      { key: 'a:14', kind: 'user', role: 'moderator', online: false, inCall: false },
      { key: 'a:15', kind: 'user', role: 'member', online: false, inCall: false },
      { key: 'a:16', kind: 'guest', role: 'guest-moderator', online: false, inCall: false },
    ]);
    // Statuses only when the server sent them; a status without icon or message keeps them null.
    expect(participants[1]?.status).toBeNull();
    expect(participants[7]?.status).toEqual({ status: 'online', icon: null, message: null });
  });

  it('passes the lobby refusal and the guest refusal on as their error classes', async () => {
    stubFetch(capabilitiesRoute('v4'), (request) =>
      request.url.includes('/lobbyroom/') ? ocsResponse([], 412, 'Lobby') : ocsResponse(null, 403, 'Guests cannot'),
    );

    await expect(listParticipants(talk(), 'lobbyroom')).rejects.toBeInstanceOf(LobbyError);
    await expect(listParticipants(talk(), 'other')).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('listParticipants (v1)', () => {
  it('keys accounts by user id and guests by session, and knows no call state', async () => {
    const { calls } = stubFetch(
      capabilitiesRoute('v1'),
      answerWith([
        v1Participant({ userId: 'alice', displayName: 'Alice', participantType: 1, sessionId: 'sess-a', status: 'away' }),
        v1Participant({ userId: 'bob', displayName: 'Bob', participantType: 3, sessionId: '0' }),
        v1Participant({ userId: '', displayName: 'Visitor', participantType: 4, sessionId: 'sess-guest' }),
        v1Participant({ userId: '', displayName: '', participantType: 6, sessionId: 'sess-gm' }),
        // Two email invitees without a session and without a name: nothing names them, yet keys stay unique.
        v1Participant({ userId: '', displayName: '', participantType: 4, sessionId: '0' }),
        v1Participant({ userId: '', displayName: '', participantType: 4, sessionId: '0' }),
      ]),
    );

    const participants = await listParticipants(talk(), 'room1');

    expect(apiCalls(calls).map((call) => call.url)).toEqual([
      `${TALK_V1_BASE}/room/room1/participants?includeStatus=1`,
    ]);
    expect(participants[0]).toEqual<Participant>({
      key: 'u:alice',
      kind: 'user',
      actorId: 'alice',
      displayName: 'Alice',
      role: 'owner',
      online: true,
      inCall: false,
      status: { status: 'away', icon: null, message: null },
      permissions: null,
      attendeePermissions: null,
    });
    expect(participants.map(({ kind, role, online, status }) => ({ kind, role, online, status }))).toEqual([
      { kind: 'user', role: 'owner', online: true, status: { status: 'away', icon: null, message: null } },
      { kind: 'user', role: 'member', online: false, status: null },
      { kind: 'guest', role: 'guest', online: true, status: null },
      { kind: 'guest', role: 'guest-moderator', online: true, status: null },
      { kind: 'guest', role: 'guest', online: false, status: null },
      { kind: 'guest', role: 'guest', online: false, status: null },
    ]);
    const keys = participants.map((participant) => participant.key);
    expect(keys.slice(0, 4)).toEqual(['u:alice', 'u:bob', 's:sess-guest', 's:sess-gm']);
    expect(new Set(keys).size).toBe(keys.length);
    expect(participants.map(isParticipantAddressable)).toEqual([true, true, true, true, false, false]);
  });
});

describe('moderation (v4): attendee ids', () => {
  it('promotes with a JSON body, demotes and removes with query parameters', async () => {
    const { calls } = stubFetch(capabilitiesRoute('v4'), answerWith(null));
    const bob = { key: 'a:42' };

    await promoteParticipant(talk(), 'room1', bob);
    await demoteParticipant(talk(), 'room1', bob);
    await removeParticipant(talk(), 'room1', bob);

    const [promote, demote, remove] = apiCalls(calls);
    expect(promote).toMatchObject({ method: 'POST', url: `${TALK_V4_BASE}/room/room1/moderators` });
    expect(bodyOf(promote)).toEqual({ attendeeId: 42 });
    expect(demote).toMatchObject({ method: 'DELETE', url: `${TALK_V4_BASE}/room/room1/moderators?attendeeId=42` });
    expect(remove).toMatchObject({ method: 'DELETE', url: `${TALK_V4_BASE}/room/room1/attendees?attendeeId=42` });
  });

  it('refuses a v1 key without sending anything', async () => {
    const { calls } = stubFetch(capabilitiesRoute('v4'), answerWith(null));

    await expect(removeParticipant(talk(), 'room1', { key: 'u:bob' })).rejects.toBeInstanceOf(
      UnaddressableParticipantError,
    );
    expect(apiCalls(calls)).toEqual([]);
  });
});

describe('moderation (v1): user ids and guest sessions', () => {
  it('names accounts by `participant` and guests by `sessionId` on the moderators route', async () => {
    const { calls } = stubFetch(capabilitiesRoute('v1'), answerWith([]));

    await promoteParticipant(talk(), 'room1', { key: 'u:bob' });
    await promoteParticipant(talk(), 'room1', { key: 's:sess-guest' });
    await demoteParticipant(talk(), 'room1', { key: 'u:bob' });
    await demoteParticipant(talk(), 'room1', { key: 's:sess-guest' });

    const [promoteUser, promoteGuest, demoteUser, demoteGuest] = apiCalls(calls);
    expect(promoteUser).toMatchObject({ method: 'POST', url: `${TALK_V1_BASE}/room/room1/moderators` });
    expect(bodyOf(promoteUser)).toEqual({ participant: 'bob' });
    expect(bodyOf(promoteGuest)).toEqual({ sessionId: 'sess-guest' });
    expect(demoteUser).toMatchObject({ method: 'DELETE', url: `${TALK_V1_BASE}/room/room1/moderators?participant=bob` });
    expect(demoteGuest).toMatchObject({
      method: 'DELETE',
      url: `${TALK_V1_BASE}/room/room1/moderators?sessionId=sess-guest`,
    });
  });

  it('removes accounts on the participants route and guests on the guests route', async () => {
    const { calls } = stubFetch(capabilitiesRoute('v1'), answerWith([]));

    await removeParticipant(talk(), 'room1', { key: 'u:bob@example.org' });
    await removeParticipant(talk(), 'room1', { key: 's:sess-guest' });

    expect(apiCalls(calls).map(({ method, url }) => `${method} ${url}`)).toEqual([
      `DELETE ${TALK_V1_BASE}/room/room1/participants?participant=bob%40example.org`,
      `DELETE ${TALK_V1_BASE}/room/room1/participants/guests?participant=sess-guest`,
    ]);
  });

  it('cannot name a guest without a session, nor a v4 attendee', async () => {
    const { calls } = stubFetch(capabilitiesRoute('v1'), answerWith([]));

    await expect(promoteParticipant(talk(), 'room1', { key: 'g:0:' })).rejects.toBeInstanceOf(
      UnaddressableParticipantError,
    );
    await expect(demoteParticipant(talk(), 'room1', { key: 'a:3' })).rejects.toBeInstanceOf(
      UnaddressableParticipantError,
    );
    expect(apiCalls(calls)).toEqual([]);
  });
});

describe('addParticipant', () => {
  it.each([
    ['v4', [], false],
    ['v4', {}, false],
    ['v4', null, false],
    ['v4', { type: 3 }, true],
    ['v1', [], false],
    ['v1', { type: 3 }, true],
  ] as const)('%s answering %j → isPublicNow %s', async (version, data, isPublicNow) => {
    const { calls } = stubFetch(capabilitiesRoute(version), answerWith(data));

    const result = await addParticipant(talk(), 'room1', { id: 'x@example.org', source: 'emails' });

    expect(result).toEqual({ isPublicNow });
    const [add] = apiCalls(calls);
    const base = version === 'v4' ? TALK_V4_BASE : TALK_V1_BASE;
    expect(add).toMatchObject({ method: 'POST', url: `${base}/room/room1/participants` });
    expect(bodyOf(add)).toEqual({ newParticipant: 'x@example.org', source: 'emails' });
  });
});

describe('searchParticipantSuggestions', () => {
  const entries = [
    { id: 'bob', label: 'Bob Builder', icon: 'icon-user', source: 'users', subline: '', shareWithDisplayNameUnique: 'bob@example.org', status: [] },
    { id: 'design', label: 'Design', icon: 'icon-group', source: 'groups', subline: '', shareWithDisplayNameUnique: 'Design', status: [] },
    { id: 'x@example.org', label: 'x@example.org', icon: 'icon-mail', source: 'emails', subline: '', shareWithDisplayNameUnique: 'x@example.org', status: [] },
    { id: 'c1', label: 'Friends', icon: 'icon-circle', source: 'circles', subline: 'Circle of 3', shareWithDisplayNameUnique: 'c1', status: [] },
    // A source rollcall cannot add is left out.
    { id: 'r@remote', label: 'Remote', icon: 'icon-user', source: 'remotes', subline: '', shareWithDisplayNameUnique: 'r', status: [] },
  ];

  it.each(['v1', 'v4'] as const)('asks for users, groups and emails (%s) and maps the entries', async (version) => {
    const { calls } = stubFetch(capabilitiesRoute(version), answerWith(entries));

    const suggestions = await searchParticipantSuggestions(talk(), { search: 'b o', token: 'room1' });

    const [search] = apiCalls(calls);
    expect(search?.url).toBe(
      `${AUTOCOMPLETE_PATH}?search=b+o&itemType=call&itemId=room1` +
        '&shareTypes%5B%5D=0&shareTypes%5B%5D=1&shareTypes%5B%5D=4&limit=20',
    );
    expect(suggestions).toEqual([
      { id: 'bob', label: 'Bob Builder', source: 'users', detail: 'bob@example.org' },
      { id: 'design', label: 'Design', source: 'groups', detail: '' },
      { id: 'x@example.org', label: 'x@example.org', source: 'emails', detail: '' },
      { id: 'c1', label: 'Friends', source: 'circles', detail: 'Circle of 3' },
    ]);
  });

  it('asks for circles too when the server supports them', async () => {
    const { calls } = stubFetch(capabilitiesRoute('v4', { circles: true }), answerWith([]));
    const client = talk();

    await searchParticipantSuggestions(client, { search: 'fr', token: 'room1' });

    expect(apiCalls(calls)[0]?.url).toContain('&shareTypes%5B%5D=4&shareTypes%5B%5D=7&limit=20');
    await expect(supportsCircles(client)).resolves.toBe(true);
  });

  it('says when circles are not supported', async () => {
    stubFetch(capabilitiesRoute('v1'));
    await expect(supportsCircles(talk())).resolves.toBe(false);
  });
});
