/**
 * A small stateful Talk server for component tests of the rooms feature: the room list, one room, creating a
 * room, the lobby and leaving, in either API generation. Answers can be held back or replaced per test.
 */
import { TALK_V1_BASE, TALK_V4_BASE, type V1Room, type V4Room } from '../../contract/wire';
import { ocsResponse, v1Room, v4Room, type Answer, type Route, type StubbedRequest } from './ocs';
import { capabilitiesRoute } from './talk-fixtures';

export interface RoomState {
  token: string;
  displayName: string;
  type?: number;
  participantType?: number;
  lobbyState?: number;
  lobbyTimer?: number;
  hasPassword?: boolean;
}

export interface RoomsServer {
  route: Route;
  rooms: Map<string, RoomState>;
  /** Called first for every request but the capabilities; an answer replaces the server's own. */
  intercept: (request: StubbedRequest) => Answer | undefined;
}

export function roomsServer(version: 'v1' | 'v4', rooms: RoomState[]): RoomsServer {
  const base = version === 'v4' ? TALK_V4_BASE : TALK_V1_BASE;
  const capabilities = capabilitiesRoute(version);
  const state = new Map(rooms.map((room) => [room.token, { ...room }]));
  let created = 0;

  const wire = (room: RoomState): V1Room | V4Room => {
    const fields = {
      token: room.token,
      displayName: room.displayName,
      type: (room.type ?? 2) as V1Room['type'],
      participantType: (room.participantType ?? 1) as V1Room['participantType'],
      lobbyState: room.lobbyState ?? 0,
      lobbyTimer: room.lobbyTimer ?? 0,
      hasPassword: room.hasPassword ?? false,
    };
    return version === 'v4' ? v4Room(fields) : v1Room(fields);
  };

  const server: RoomsServer = {
    rooms: state,
    intercept: () => undefined,
    route: (request) => {
      const capabilitiesAnswer = capabilities(request);
      if (capabilitiesAnswer) return capabilitiesAnswer;
      const intercepted = server.intercept(request);
      if (intercepted) return intercepted;
      if (!request.url.startsWith(`${base}/room`)) return undefined;

      const path = request.url.slice(base.length).split('?')[0] ?? '';
      const body = request.body ? (JSON.parse(request.body) as Record<string, unknown>) : {};
      const [, , encodedToken, ...rest] = path.split('/');
      const token = encodedToken === undefined ? null : decodeURIComponent(encodedToken);
      const room = token === null ? undefined : state.get(token);
      const action = `${request.method} ${rest.join('/')}`;

      if (token === null) {
        if (request.method === 'GET') return ocsResponse([...state.values()].map(wire));
        if (request.method === 'POST') {
          created += 1;
          const newRoom: RoomState = {
            token: `new${created}`,
            displayName: String(body.roomName),
            type: Number(body.roomType),
            participantType: 1,
            hasPassword: typeof body.password === 'string' && body.password !== '',
          };
          state.set(newRoom.token, newRoom);
          return ocsResponse(wire(newRoom), 201);
        }
        return undefined;
      }
      if (!room) return ocsResponse(null, 404, 'Conversation not found');
      switch (action) {
        case 'GET ':
          return ocsResponse(wire(room));
        case 'PUT webinar/lobby':
          room.lobbyState = Number(body.state);
          room.lobbyTimer = room.lobbyState === 1 ? Number(body.timer ?? 0) : 0;
          return ocsResponse(wire(room));
        case 'DELETE participants/self':
          state.delete(room.token);
          return ocsResponse(version === 'v1' ? [] : null);
        default:
          return undefined;
      }
    },
  };
  return server;
}

/** A promise with its resolve at hand, to hold an answer back until the test lets it go. */
export function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}
