/**
 * A small stateful Talk server for the join page's component tests, routed through the stubbed `fetch`: one
 * conversation that the viewer can read, join (with a 409 for any session already there, as the demo server
 * answers, and the 403 of a wrong password), leave, name themselves in, and pull signaling for. Tests change its
 * state to play the other people: a moderator lifting the lobby or removing the guest, another window taking the
 * session over, the network going down.
 */
import { SIGNALING_V3_BASE, TALK_V1_BASE, TALK_V4_BASE, type SessionConflictData } from '../../contract/wire';
import { ocsResponse, v1Room, v4Room, type Answer, type Route, type StubbedRequest } from './ocs';
import { capabilitiesRoute } from './talk-fixtures';

export interface JoinServerRoom {
  token: string;
  displayName: string;
  /** 3 (public) unless said otherwise. */
  type?: number;
  /** Set: the conversation has a password and this is it. */
  password?: string;
  lobbyState?: number;
  /** Unix seconds; 0 for none. */
  lobbyTimer?: number;
}

export interface JoinServer {
  route: Route;
  room: Required<JoinServerRoom>;
  /** The viewer's participant type once joined: 4 (guest) unless a test makes them a moderator or a member. */
  joinedAs: number;
  /** The viewer's participant type before joining: 0 (not a participant) unless they are a member already. */
  memberAs: number;
  /** This browser's session, when it has one. */
  sessionId: string | null;
  /** Another window's session of the same person, alive in the conversation (joining without force: 409). */
  otherSession: SessionConflictData | null;
  guestName: string | null;
  /** What the next signaling pulls answer. */
  signaling: 'ok' | 'replaced' | 'removed' | 'offline';
  /** Called first for every request but the capabilities; an answer replaces the server's own. */
  intercept: (request: StubbedRequest) => Answer | undefined;
  /** Every request but the capabilities, as `METHOD path`. */
  log: string[];
  joins: () => { force: boolean; password?: string }[];
}

export function joinServer(version: 'v1' | 'v4', room: JoinServerRoom): JoinServer {
  const base = version === 'v4' ? TALK_V4_BASE : TALK_V1_BASE;
  const signalingPath = `${version === 'v4' ? SIGNALING_V3_BASE : TALK_V1_BASE}/signaling/${room.token}`;
  const capabilities = capabilitiesRoute(version);
  const roomPath = `${base}/room/${room.token}`;
  const joinBodies: { force: boolean; password?: string }[] = [];
  let sessions = 0;

  const server: JoinServer = {
    room: { type: 3, password: '', lobbyState: 0, lobbyTimer: 0, ...room },
    joinedAs: 4,
    memberAs: 0,
    sessionId: null,
    otherSession: null,
    guestName: null,
    signaling: 'ok',
    intercept: () => undefined,
    log: [],
    joins: () => joinBodies,
    route: (request) => {
      const capabilitiesAnswer = capabilities(request);
      if (capabilitiesAnswer) return capabilitiesAnswer;
      const path = request.url.split('?')[0] ?? '';
      server.log.push(`${request.method} ${path}`);
      const intercepted = server.intercept(request);
      if (intercepted) return intercepted;
      const body = request.body ? (JSON.parse(request.body) as Record<string, unknown>) : {};
      const wireRoom = () => {
        const { room: state } = server;
        // A lobby whose time has come is lifted when the room is read, as Talk does.
        if (state.lobbyState === 1 && state.lobbyTimer > 0 && state.lobbyTimer * 1000 <= Date.now()) {
          state.lobbyState = 0;
          state.lobbyTimer = 0;
        }
        const fields = {
          token: state.token,
          displayName: state.displayName,
          type: state.type as 3,
          hasPassword: state.password !== '',
          lobbyState: state.lobbyState,
          lobbyTimer: state.lobbyTimer,
          participantType: (server.sessionId ? server.joinedAs : server.memberAs) as 3,
          sessionId: server.sessionId ?? '0',
        };
        return version === 'v4' ? v4Room(fields) : v1Room(fields);
      };

      if (path === roomPath && request.method === 'GET') return ocsResponse(wireRoom());
      if (path === `${roomPath}/participants/active` && request.method === 'POST') {
        const force = body.force === true;
        joinBodies.push({ force, ...(typeof body.password === 'string' ? { password: body.password } : {}) });
        if (server.room.password !== '' && server.memberAs === 0 && body.password !== server.room.password) {
          return ocsResponse(version === 'v4' ? { error: 'password' } : [], 403, 'Wrong password');
        }
        const existing = server.otherSession ?? (server.sessionId ? { sessionId: server.sessionId, inCall: 0, lastPing: Math.floor(Date.now() / 1000) } : null);
        if (existing && !force) return ocsResponse(existing, 409, 'You already have a session in this conversation');
        sessions += 1;
        server.sessionId = `session-${sessions}`;
        server.otherSession = null;
        server.signaling = 'ok';
        return ocsResponse(version === 'v4' ? wireRoom() : { sessionId: server.sessionId });
      }
      if (path === `${roomPath}/participants/active` && request.method === 'DELETE') {
        server.sessionId = null;
        return ocsResponse(version === 'v4' ? null : []);
      }
      if (path === `${TALK_V1_BASE}/guest/${room.token}/name` && request.method === 'POST') {
        if (!server.sessionId) return ocsResponse(null, 404, 'Not a participant');
        server.guestName = String(body.displayName);
        return ocsResponse(version === 'v4' ? null : []);
      }
      if (path === signalingPath && request.method === 'GET') {
        const gone = [{ type: 'usersInRoom', data: [] }];
        switch (server.signaling) {
          case 'offline':
            return Promise.reject(new TypeError('Failed to fetch'));
          case 'replaced':
            return ocsResponse(gone, 409, 'Session killed');
          case 'removed':
            return ocsResponse(gone, 404, 'You are no longer in this conversation');
          case 'ok':
            if (!server.sessionId) return ocsResponse(gone, 404, 'You are no longer in this conversation');
            return ocsResponse([
              {
                type: 'usersInRoom',
                data: [
                  {
                    userId: '',
                    sessionId: server.sessionId,
                    roomId: 1,
                    inCall: 0,
                    lastPing: Math.floor(Date.now() / 1000),
                    participantPermissions: 0,
                    actorType: 'guests',
                    actorId: 'guest-1',
                  },
                ],
              },
            ]);
        }
      }
      return undefined;
    },
  };
  return server;
}
