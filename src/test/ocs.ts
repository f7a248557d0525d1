/**
 * Stubs `fetch`, the edge of the app, with answers shaped like a Talk server's, for the unit tests of src/lib/api
 * (how the client reads each answer, whatever a server sends). Component tests run against the demo server itself
 * (./demo-server). Each handler gets the method, the path with its query, and the request headers.
 */
import { vi } from 'vitest';
import {
  CAPABILITIES_PATH,
  CURRENT_USER_PATH,
  TALK_V1_BASE,
  TALK_V4_BASE,
  type CurrentUserData,
  type V1Room,
  type V4Room,
} from '../../contract/wire';

export interface StubbedRequest {
  method: string;
  url: string;
  headers: Headers;
  body: string | null;
}

type Answer = Response | Promise<Response>;
export type Route = (request: StubbedRequest) => Answer | undefined;

export function ocsResponse(data: unknown, status = 200, message = ''): Response {
  const ok = status >= 200 && status < 300;
  return Response.json(
    { ocs: { meta: { status: ok ? 'ok' : 'failure', statuscode: status, message: ok ? 'OK' : message }, data } },
    { status },
  );
}

/** What a real server answers a wrong password with, whatever the Accept header said. */
export function xmlUnauthorized(): Response {
  return new Response(
    '<?xml version="1.0"?>\n<ocs><meta><status>failure</status><statuscode>997</statuscode>' +
      '<message>Current user is not logged in</message></meta><data/></ocs>',
    { status: 401, headers: { 'Content-Type': 'application/xml; charset=utf-8' } },
  );
}

export function capabilitiesResponse(version: 'v1' | 'v4'): Response {
  const features = version === 'v4' ? ['audio', 'video', 'conversation-v4', 'webinary-lobby'] : ['audio', 'video'];
  return ocsResponse({
    version: { major: 29, minor: 0, micro: 6, string: '29.0.6', edition: '' },
    capabilities: { spreed: { features, config: {}, version: '19.0.9' } },
  });
}

/** Replaces `fetch` with the first route that answers; unrouted requests fail the test loudly. */
export function stubFetch(...routes: Route[]) {
  const calls: StubbedRequest[] = [];
  const fetchStub = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const request: StubbedRequest = {
      method: init.method ?? 'GET',
      url: String(input),
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? init.body : null,
    };
    calls.push(request);
    for (const route of routes) {
      const answer = route(request);
      if (answer) return answer;
    }
    throw new Error(`Unexpected request in test: ${request.method} ${request.url}`);
  });
  vi.stubGlobal('fetch', fetchStub);
  return { calls, fetchStub };
}

/** Routes the capabilities and room list of a server speaking `version`, checking Basic credentials. */
export function talkServer(options: {
  version: 'v1' | 'v4';
  rooms: V1Room[] | V4Room[];
  password?: string;
}): Route {
  const base = options.version === 'v4' ? TALK_V4_BASE : TALK_V1_BASE;
  return (request) => {
    if (request.url === CAPABILITIES_PATH) return capabilitiesResponse(options.version);
    const signedIn = () => {
      const authorization = request.headers.get('Authorization');
      return !!authorization && isPassword(authorization, options.password ?? 'demo');
    };
    if (request.method === 'GET' && request.url === `${base}/room`) {
      return signedIn() ? ocsResponse(options.rooms) : xmlUnauthorized();
    }
    if (request.method === 'GET' && request.url === CURRENT_USER_PATH) {
      const login = atob((request.headers.get('Authorization') ?? '').replace(/^Basic /, '')).split(':')[0] ?? '';
      const user: CurrentUserData = { id: login, 'display-name': login.charAt(0).toUpperCase() + login.slice(1), email: null };
      return signedIn() ? ocsResponse(user) : xmlUnauthorized();
    }
    return undefined;
  };
}

function isPassword(authorization: string, password: string): boolean {
  const decoded = atob(authorization.replace(/^Basic /, ''));
  return decoded.slice(decoded.indexOf(':') + 1) === password;
}

export function v4Room(overrides: Partial<V4Room> & Pick<V4Room, 'token' | 'displayName'>): V4Room {
  return {
    actorId: 'alice',
    actorType: 'users',
    attendeeId: 1,
    attendeePermissions: 0,
    attendeePin: null,
    avatarVersion: '',
    breakoutRoomMode: 0,
    breakoutRoomStatus: 0,
    callFlag: 0,
    callPermissions: 0,
    callRecording: 0,
    callStartTime: 0,
    canDeleteConversation: false,
    canEnableSIP: false,
    canLeaveConversation: true,
    canStartCall: true,
    defaultPermissions: 0,
    description: '',
    hasCall: false,
    hasPassword: false,
    id: 1,
    isCustomAvatar: false,
    isFavorite: false,
    lastActivity: 0,
    lastCommonReadMessage: 0,
    lastPing: 0,
    lastReadMessage: 0,
    listable: 0,
    lobbyState: 0,
    lobbyTimer: 0,
    mentionPermissions: 0,
    messageExpiration: 0,
    name: overrides.displayName,
    notificationCalls: 1,
    notificationLevel: 0,
    objectId: '',
    objectType: '',
    participantFlags: 0,
    participantType: 3,
    permissions: 0,
    readOnly: 0,
    recordingConsent: 0,
    sessionId: '0',
    sipEnabled: 0,
    type: 2,
    unreadMention: false,
    unreadMentionDirect: false,
    unreadMessages: 0,
    isArchived: false,
    isImportant: false,
    ...overrides,
  };
}

export function v1Room(overrides: Partial<V1Room> & Pick<V1Room, 'token' | 'displayName'>): V1Room {
  return {
    id: 1,
    type: 2,
    name: overrides.displayName,
    participantType: 3,
    hasPassword: false,
    lobbyState: 0,
    lobbyTimer: 0,
    lastPing: 0,
    sessionId: '0',
    numGuests: 0,
    lastActivity: 0,
    isFavorite: false,
    readOnly: 0,
    ...overrides,
  };
}
