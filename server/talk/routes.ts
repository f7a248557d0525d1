import type { Context, Hono } from 'hono';
import { SIGNALING_V3_BASE, TALK_V1_BASE, TALK_V4_BASE, type AddParticipantResult, type PermissionMethod } from '../../contract/wire';
import { checkPermissionMethod, checkPermissionMode, wrongPassword } from './rules';
import {
  LIMITS,
  OcsError,
  badRequest,
  boolParam,
  intParam,
  notFound,
  ocs,
  ocsError,
  readParams,
  stringParam,
  unauthorized,
  type ApiGeneration,
  type Params,
} from '../http/ocs';
import type { IdentityResolver } from '../http/identity';
import { clientAddress, type Throttle } from '../http/throttle';
import { verifyPassword } from '../secrets';
import type { Identity } from './model';
import { toV1Participant, toV1Room, toV4Participant, toV4Room } from './serialize';
import type { AttendeeRef, RoomView, TalkStore } from './store';

const TOKEN_PATTERN = /^[a-z0-9]{4,30}$/;

/** A parameter check whose 400 carries Talk's `error` code for that parameter. */
function withCode<T>(code: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof OcsError && error.status === 400 && !error.code) throw badRequest(error.message, code);
    throw error;
  }
}

/** Talk's permission bits: an integer from 0 to 255 (400 {error: "value"} otherwise). */
const permissionsParam = (params: Params): number =>
  withCode('value', () => intParam(params, 'permissions', { required: true, min: 0, max: 255 })!);

const permissionMethodParam = (params: Params): PermissionMethod =>
  checkPermissionMethod(withCode('method', () => stringParam(params, 'method', { required: true, max: 16 })));

interface RouteContext {
  c: Context;
  identity: Identity;
  params: Params;
  token: string;
}

type Handler = (route: RouteContext) => Response | Promise<Response>;

/**
 * The Talk conversation and participant routes, once per API generation. v1 follows Talk's v1 participant API
 * documentation (user ids and guest session ids), v4 follows spec/talk-openapi.json (attendee ids, error codes
 * in `data`).
 */
export function registerTalkRoutes(
  app: Hono,
  deps: { store: TalkStore; identities: IdentityResolver; throttle: Throttle; generations: ApiGeneration[] },
) {
  const { store, identities, throttle } = deps;

  for (const generation of deps.generations) {
    const base = generation === 'v1' ? TALK_V1_BASE : TALK_V4_BASE;
    const roomJson = (view: RoomView) => (generation === 'v1' ? toV1Room(store, view) : toV4Room(store, view));

    /**
     * `forAccounts`: a route Talk marks for logged-in users only (NoAdminRequired, RequireLoggedIn…): Nextcloud
     * refuses anonymous callers and guests with 401 before the room is looked at, so whatever the token.
     */
    const route = (method: 'get' | 'post' | 'put' | 'delete', path: string, handler: Handler, options: { forAccounts?: boolean } = {}) => {
      app.on(method.toUpperCase(), `${base}${path}`, async (c) => {
        try {
          const identity = await identities.resolve(c);
          if (options.forAccounts && identity.kind !== 'user') throw unauthorized();
          const token = c.req.param('token') ?? '';
          if (path.includes(':token') && !TOKEN_PATTERN.test(token)) throw notFound('Conversation not found');
          const params = await readParams(c);
          return await handler({ c, identity, params, token });
        } catch (error) {
          if (error instanceof OcsError) return ocsError(c, error, generation);
          throw error;
        }
      });
    };

    /** Moderation targets: v4 names attendees; v1 names accounts (`participant`) or guest sessions. */
    const targetOf = (params: Params): AttendeeRef => {
      if (generation === 'v4') {
        return { attendeeId: intParam(params, 'attendeeId', { required: true, min: 0 })! };
      }
      const userId = stringParam(params, 'participant', { max: LIMITS.participantId });
      if (userId !== undefined) return { userId };
      const sessionId = stringParam(params, 'sessionId', { max: LIMITS.sessionId });
      if (sessionId !== undefined) return { guestSessionId: sessionId };
      throw badRequest('Name the participant ("participant") or the guest session ("sessionId")');
    };

    route(
      'get',
      '/room',
      ({ c, identity }) => {
        const views = store.transaction(() => store.listRooms(identity));
        return ocs(c, views.map(roomJson));
      },
      { forAccounts: true },
    );

    route(
      'post',
      '/room',
      ({ c, identity, params }) => {
        const input = {
          roomType: intParam(params, 'roomType', { required: true })!,
          roomName: stringParam(params, 'roomName', { max: LIMITS.roomName, allowEmpty: true, trim: true }) ?? '',
          password: stringParam(params, 'password', { max: LIMITS.password }),
          invite: stringParam(params, 'invite', { max: LIMITS.participantId }),
          source: stringParam(params, 'source', { max: 32 }),
        };
        const { view, created } = store.transaction(() => store.createRoom(identity, input));
        return ocs(c, roomJson(view), created ? 201 : 200);
      },
      { forAccounts: true },
    );

    route('get', '/room/:token', ({ c, identity, token }) => {
      const view = store.transaction(() => store.getRoom(token, identity));
      return ocs(c, roomJson(view));
    });

    route(
      'put',
      '/room/:token/webinar/lobby',
      ({ c, identity, params, token }) => {
        const state = intParam(params, 'state', { required: true })!;
        const timer = intParam(params, 'timer', { min: 0 }) ?? null;
        const view = store.transaction(() => store.setLobby(token, identity, state, timer));
        return ocs(c, roomJson(view));
      },
      { forAccounts: true },
    );

    for (const [method, makePublic] of [['post', true], ['delete', false]] as const) {
      route(
        method,
        '/room/:token/public',
        ({ c, identity, token }) => {
          const view = store.transaction(() => store.setPublic(token, identity, makePublic));
          return ocs(c, roomJson(view));
        },
        { forAccounts: true },
      );
    }

    // Talk 19 ignores `password` when a room is created: this is how it is set (guest moderators may, too).
    route('put', '/room/:token/password', ({ c, identity, params, token }) => {
      const password = stringParam(params, 'password', { required: true, max: LIMITS.password, allowEmpty: true });
      const view = store.transaction(() => store.setPassword(token, identity, password));
      return ocs(c, roomJson(view));
    });

    route('get', '/room/:token/participants', ({ c, identity, params, token }) => {
      const includeStatus = boolParam(params, 'includeStatus', false);
      const { room, participants, statusesLoaded } = store.transaction(() =>
        store.listParticipants(token, identity, includeStatus),
      );
      if (statusesLoaded) c.header('X-Nextcloud-Has-User-Statuses', 'true');
      const data =
        generation === 'v1'
          ? participants.flatMap((view) => toV1Participant(view) ?? [])
          : participants.map((view) => toV4Participant(room, view));
      return ocs(c, data);
    });

    route(
      'post',
      '/room/:token/participants',
      ({ c, identity, params, token }) => {
        const newParticipant = stringParam(params, 'newParticipant', { required: true, max: LIMITS.participantId, trim: true });
        const source = stringParam(params, 'source', { max: 32 }) ?? 'users';
        const { roomType } = store.transaction(() => store.addParticipant(token, identity, newParticipant, source));
        // As Talk 19 answers: an empty PHP array, except that an email answers the room's type, changed or not.
        const data: AddParticipantResult | [] = roomType === undefined ? [] : { type: roomType };
        return ocs(c, data);
      },
      { forAccounts: true },
    );

    route(
      'delete',
      '/room/:token/participants/self',
      ({ c, identity, token }) => {
        store.transaction(() => store.removeSelf(token, identity));
        return ocs(c, generation === 'v1' ? [] : null);
      },
      { forAccounts: true },
    );

    route('post', '/room/:token/participants/active', async ({ c, identity, params, token }) => {
      const password = stringParam(params, 'password', { max: LIMITS.password, allowEmpty: true }) ?? '';
      const force = boolParam(params, 'force', true);
      const passwordHash = store.transaction(() => store.passwordHashToJoin(token, identity));
      if (passwordHash !== null) {
        // Talk throttles room passwords as the action "talkRoomPassword": per address here, and per room.
        const subjects = [`ip:${clientAddress(c)}`, `room:${token}`];
        const right = await throttle.attempt('talkRoomPassword', subjects, () => verifyPassword(password, passwordHash));
        if (!right) throw wrongPassword();
      }
      const browserSession = identities.browserSessionForJoin(identity);
      const joining = { ...identity, browserSession: browserSession.id };
      const joined = store.transaction(() => {
        const result = store.join(token, joining, { checkedPasswordHash: passwordHash, force });
        identities.keepBrowserSession(browserSession);
        return result;
      });
      identities.sendBrowserSessionCookie(c, browserSession);
      return ocs(c, generation === 'v1' ? { sessionId: joined.session.id } : roomJson(joined));
    });

    route('delete', '/room/:token/participants/active', ({ c, identity, token }) => {
      store.transaction(() => store.forgetJoin(token, identity));
      store.transaction(() => store.leave(token, identity));
      return ocs(c, generation === 'v1' ? [] : null);
    });

    route('post', '/room/:token/moderators', ({ c, identity, params, token }) => {
      const target = targetOf(params);
      store.transaction(() => store.promote(token, identity, target, generation));
      return ocs(c, generation === 'v1' ? [] : null);
    });

    route('delete', '/room/:token/moderators', ({ c, identity, params, token }) => {
      const target = targetOf(params);
      store.transaction(() => store.demote(token, identity, target, generation));
      return ocs(c, generation === 'v1' ? [] : null);
    });

    if (generation === 'v1') {
      route('delete', '/room/:token/participants', ({ c, identity, params, token }) => {
        const userId = stringParam(params, 'participant', { required: true, max: LIMITS.participantId });
        store.transaction(() => store.removeAttendee(token, identity, { userId }));
        return ocs(c, []);
      });
      route('delete', '/room/:token/participants/guests', ({ c, identity, params, token }) => {
        const sessionId = stringParam(params, 'participant', { required: true, max: LIMITS.sessionId });
        store.transaction(() => store.removeAttendee(token, identity, { guestSessionId: sessionId }, { guestsOnly: true }));
        return ocs(c, []);
      });
      // The guest name route stays on v1 even on current servers (its apiVersion in spec/talk-openapi.json is v1 only).
      route('post', '/guest/:token/name', ({ c, identity, params, token }) => {
        const displayName = stringParam(params, 'displayName', { required: true, max: LIMITS.displayName, trim: true });
        store.transaction(() => store.setGuestName(token, identity, displayName));
        return ocs(c, []);
      });
    } else {
      route('delete', '/room/:token/attendees', ({ c, identity, params, token }) => {
        const attendeeId = intParam(params, 'attendeeId', { required: true, min: 0 })!;
        store.transaction(() => store.removeAttendee(token, identity, { attendeeId }));
        return ocs(c, null);
      });

      // Permissions exist only beside v4 rooms (capability conversation-permissions); v1 servers answer 404.
      route('put', '/room/:token/attendees/permissions', ({ c, identity, params, token }) => {
        const attendeeId = withCode('participant', () => intParam(params, 'attendeeId', { required: true, min: 0 })!);
        const method = permissionMethodParam(params);
        const permissions = permissionsParam(params);
        store.transaction(() => store.setAttendeePermissions(token, identity, attendeeId, method, permissions));
        // Talk 19 answers an empty list here; newer servers the participants (spec/talk-openapi.json: Participant[]).
        return ocs(c, []);
      });
      route('put', '/room/:token/attendees/permissions/all', ({ c, identity, params, token }) => {
        const method = permissionMethodParam(params);
        const permissions = permissionsParam(params);
        const view = store.transaction(() => store.setAllAttendeesPermissions(token, identity, method, permissions));
        return ocs(c, roomJson(view));
      });
      route('put', '/room/:token/permissions/:mode', ({ c, identity, params, token }) => {
        const mode = checkPermissionMode(c.req.param('mode') ?? '');
        const permissions = permissionsParam(params);
        const view = store.transaction(() => store.setRoomPermissions(token, identity, mode, permissions));
        return ocs(c, roomJson(view));
      });
    }

    // Signaling kept its own version: v3 on current servers (capability signaling-v3), v1 on v1-only servers.
    const signalingBase = generation === 'v1' ? TALK_V1_BASE : SIGNALING_V3_BASE;
    app.get(`${signalingBase}/signaling/:token`, async (c) => {
      try {
        const token = c.req.param('token');
        if (!TOKEN_PATTERN.test(token)) throw notFound('Conversation not found');
        const identity = await identities.resolve(c);
        const sessions = store.transaction(() => store.pullSignaling(token, identity));
        return ocs(c, [{ type: 'usersInRoom', data: sessions }]);
      } catch (error) {
        if (error instanceof OcsError) return ocsError(c, error, generation);
        throw error;
      }
    });

    // A real Talk 19 server answers a wrong method on the lobby route with 405.
    app.on(['GET', 'POST', 'DELETE', 'PATCH'], `${base}/room/:token/webinar/lobby`, (c) =>
      ocsError(c, new OcsError(405, 'Method not allowed: use PUT'), generation),
    );
  }
}
