import { afterEach, describe, expect, it, vi } from 'vitest';
import { ocsResponse, stubFetch, v1Room, v4Room, type StubbedRequest } from '../../test/ocs';
import { capabilitiesRoute } from '../../test/talk-fixtures';
import { createTalkClient } from './client';
import { ApiError, ForbiddenError, NetworkError, NotFoundError, SessionConflictError } from './errors';
import { SessionEndedError, joinConversation, leaveSession, pullSignaling, setGuestName } from './session';
import { SIGNALING_V3_BASE, TALK_V1_BASE, TALK_V4_BASE } from '../../../contract/wire';

afterEach(() => {
  vi.unstubAllGlobals();
});

const guest = () => createTalkClient({ getCredentials: () => null });
const dave = () => createTalkClient({ getCredentials: () => ({ account: 'dave', password: 'demo' }) });

function body(request: StubbedRequest | undefined): unknown {
  return request?.body ? (JSON.parse(request.body) as unknown) : null;
}

function signalingAnswer(sessionIds: string[]) {
  return ocsResponse([
    {
      type: 'usersInRoom',
      data: sessionIds.map((sessionId, index) => ({
        userId: index === 0 ? '' : 'dave',
        sessionId,
        roomId: 1,
        inCall: 0,
        lastPing: 1_700_000_000,
        participantPermissions: 0,
        actorType: index === 0 ? 'guests' : 'users',
        actorId: 'x',
      })),
    },
  ]);
}

describe('joinConversation', () => {
  it('v4: posts force and the password, and reads the session and the role from the room it answers', async () => {
    const { calls } = stubFetch(capabilitiesRoute('v4'), (request) =>
      request.method === 'POST' && request.url === `${TALK_V4_BASE}/room/boardroom/participants/active`
        ? ocsResponse(v4Room({ token: 'boardroom', displayName: 'Board room', participantType: 4, sessionId: 'abc', lobbyState: 1 }))
        : undefined,
    );

    const joined = await joinConversation(guest(), 'boardroom', { force: false, password: 'boardroom' });

    expect(joined.sessionId).toBe('abc');
    expect(joined.conversation).toMatchObject({ name: 'Board room', ownRole: 'guest', canModerate: false, lobby: { enabled: true } });
    const post = calls.find((call) => call.method === 'POST');
    expect(body(post)).toEqual({ force: false, password: 'boardroom' });
    // Guests send no credentials: the session cookie of the join identifies them.
    expect(post?.headers.get('Authorization')).toBeNull();
  });

  it('v1: the answer is the session only, so the room is read after joining for the role and the lobby', async () => {
    const { calls } = stubFetch(capabilitiesRoute('v1'), (request) => {
      if (request.method === 'POST' && request.url === `${TALK_V1_BASE}/room/officehours/participants/active`) {
        return ocsResponse({ sessionId: 'v1-session' });
      }
      if (request.method === 'GET' && request.url === `${TALK_V1_BASE}/room/officehours`) {
        return ocsResponse(v1Room({ token: 'officehours', displayName: 'Open office hours', participantType: 2 }));
      }
      return undefined;
    });

    const joined = await joinConversation(dave(), 'officehours', { force: true });

    expect(joined.sessionId).toBe('v1-session');
    expect(joined.conversation).toMatchObject({ ownRole: 'moderator', canModerate: true });
    expect(body(calls.find((call) => call.method === 'POST'))).toEqual({ force: true });
    expect(calls.find((call) => call.method === 'POST')?.headers.get('Authorization')).toMatch(/^Basic /);
  });

  it.each(['v1', 'v4'] as const)('%s: a 409 carries the other session, a 403 the refusal', async (version) => {
    const base = version === 'v4' ? TALK_V4_BASE : TALK_V1_BASE;
    let answer = ocsResponse({ sessionId: 'other', inCall: 1, lastPing: 1_700_000_000 }, 409, 'Conflict');
    stubFetch(capabilitiesRoute(version), (request) =>
      request.url === `${base}/room/designteam/participants/active` ? answer : undefined,
    );

    const conflict = await joinConversation(dave(), 'designteam', { force: false }).catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(SessionConflictError);
    expect(conflict).toMatchObject({ sessionId: 'other', inCall: 1, lastPing: 1_700_000_000 });

    answer = ocsResponse(version === 'v4' ? { error: 'password' } : [], 403, 'Forbidden');
    await expect(joinConversation(dave(), 'designteam', { force: false })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('leaveSession', () => {
  it.each(['v1', 'v4'] as const)('%s: deletes the active session, and a session already gone is no failure', async (version) => {
    const base = version === 'v4' ? TALK_V4_BASE : TALK_V1_BASE;
    let status = 200;
    const { calls } = stubFetch(capabilitiesRoute(version), (request) =>
      request.method === 'DELETE' && request.url === `${base}/room/officehours/participants/active`
        ? ocsResponse(null, status, 'Not found')
        : undefined,
    );

    await leaveSession(guest(), 'officehours');
    status = 404;
    await leaveSession(guest(), 'officehours');

    expect(calls.filter((call) => call.method === 'DELETE')).toHaveLength(2);
  });

  it('reports a failure to reach the server', async () => {
    stubFetch(capabilitiesRoute('v4'), (request) => (request.method === 'DELETE' ? Promise.reject(new TypeError('offline')) : undefined));
    await expect(leaveSession(guest(), 'officehours')).rejects.toBeInstanceOf(NetworkError);
  });
});

describe('setGuestName', () => {
  it.each(['v1', 'v4'] as const)('%s: uses the v1 guest route on every server, trimmed', async (version) => {
    const { calls } = stubFetch(capabilitiesRoute(version), (request) =>
      request.url === `${TALK_V1_BASE}/guest/officehours/name` ? ocsResponse(version === 'v4' ? null : []) : undefined,
    );

    await setGuestName(guest(), 'officehours', '  Pat  ');

    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([`POST ${TALK_V1_BASE}/guest/officehours/name`]);
    expect(body(calls[0])).toEqual({ displayName: 'Pat' });
  });
});

describe('pullSignaling', () => {
  it.each([
    ['v4', `${SIGNALING_V3_BASE}/signaling/officehours`],
    ['v1', `${TALK_V1_BASE}/signaling/officehours`],
  ] as const)('%s: pulls %s and lists the sessions in the room', async (version, path) => {
    const { calls } = stubFetch(capabilitiesRoute(version), (request) =>
      request.url === path ? signalingAnswer(['mine', 'theirs']) : undefined,
    );

    const pull = await pullSignaling(guest(), 'officehours', { ownSessionId: 'mine' });

    expect(calls.at(-1)?.url).toBe(path);
    expect(pull.sessionsInRoom?.map((session) => session.sessionId)).toEqual(['mine', 'theirs']);
  });

  it('a 409 is a session ended without saying why (Talk: removed, timed out or replaced alike)', async () => {
    stubFetch(capabilitiesRoute('v4'), () => ocsResponse([{ type: 'usersInRoom', data: [] }], 409, 'Session killed'));
    const error = await pullSignaling(guest(), 'officehours').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SessionEndedError);
    expect(error).toMatchObject({ reason: 'ended', status: 409 });
  });

  it('a 404 is no longer being in the conversation', async () => {
    stubFetch(capabilitiesRoute('v1'), () => ocsResponse([{ type: 'usersInRoom', data: [] }], 404, 'Gone'));
    const error = await pullSignaling(guest(), 'officehours').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SessionEndedError);
    expect(error).toMatchObject({ reason: 'not-in-conversation', status: 404 });
    expect(error).not.toBeInstanceOf(NotFoundError);
  });

  it('a session missing from the room is replaced, even when the server still knows this browser', async () => {
    stubFetch(capabilitiesRoute('v4'), () => signalingAnswer(['another-tab']));
    await expect(pullSignaling(guest(), 'officehours', { ownSessionId: 'mine' })).rejects.toMatchObject({
      reason: 'replaced',
    });
  });

  it('leaves network failures and other refusals as they are, for the caller to retry or stop', async () => {
    let answer = (): Promise<Response> | Response => Promise.reject(new TypeError('offline'));
    stubFetch(capabilitiesRoute('v4'), (request) => (request.url.includes('/signaling/') ? answer() : undefined));
    await expect(pullSignaling(guest(), 'officehours')).rejects.toBeInstanceOf(NetworkError);

    answer = () => ocsResponse('Getting signaling messages is not possible', 400, 'Bad request');
    const error = await pullSignaling(guest(), 'officehours').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(SessionEndedError);
    expect(error).toMatchObject({ status: 400 });
  });
});
