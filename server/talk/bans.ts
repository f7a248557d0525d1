import type { Hono } from 'hono';
import { BAN_BASE, RoomType, type V1Ban } from '../../contract/wire';
import type { Db } from '../db/schema';
import type { IdentityResolver } from '../http/identity';
import { OcsError, badRequest, notFound, ocs, ocsError, readParams, type Params } from '../http/ocs';
import { moderatedRoom } from './access';
import { isModerator, nowSeconds, type AttendeeRow, type Identity, type RoomRow } from './model';
import { TalkRepository } from './repository';
import type { TalkStore } from './store';

/**
 * Bans (Talk's `ban-v1`, Talk 20 and later): a moderator bans an account, a guest or an email guest with an
 * internal note; the person is removed and cannot join again until unbanned. The routes stay on API v1 even on
 * current servers, and exist only beside v4 (a v1-only server has no bans: see `registerBanRoutes`).
 *
 * How a banned guest is known again: Talk remembers the guest's actor id in the PHP session and, once that guest
 * comes back, also bans their IP address. Here a guest's actor id is made anew at every join, and every browser
 * of a demo reaches the server from the same loopback address, so an IP ban would shut everyone out. A guest's
 * ban therefore also records the browser session (cookie) the guest was bound to, and a join from that browser
 * session is refused. Clearing the cookie gets a guest past it, which the demo accepts.
 */

/** Talk's limit on the internal note (`Ban::NOTE_MAX_LENGTH`); counted in characters here, as the spec says. */
export const BAN_NOTE_MAX_LENGTH = 4000;

/** What can be banned. Talk also bans IP addresses (`ip`), which make no sense on a loopback demo (see above). */
const BANNABLE_ACTOR_TYPES: readonly string[] = ['users', 'guests', 'emails'];

interface BanRow {
  id: number;
  room_id: number;
  moderator_actor_type: string;
  moderator_actor_id: string;
  moderator_display_name: string;
  banned_actor_type: string;
  banned_actor_id: string;
  banned_display_name: string;
  banned_browser_session: string | null;
  banned_time: number;
  internal_note: string;
}

export function toBan(row: BanRow): V1Ban {
  return {
    id: row.id,
    moderatorActorType: row.moderator_actor_type,
    moderatorActorId: row.moderator_actor_id,
    moderatorDisplayName: row.moderator_display_name,
    bannedActorType: row.banned_actor_type,
    bannedActorId: row.banned_actor_id,
    bannedDisplayName: row.banned_display_name,
    bannedTime: row.banned_time,
    internalNote: row.internal_note,
  };
}

/** The refusal of a join (403 `{error: "ban"}`), in both API generations' join routes. */
const bannedFromJoining = () => new OcsError(403, 'You are banned from this conversation', 'ban', { error: 'ban' });

/**
 * Refuses a join by someone banned from the room: an account by its id, a guest by the browser session it is
 * joining from (see the comment at the top). Called by TalkStore.join inside its transaction.
 */
export function checkNotBannedFromJoining(db: Db, room: RoomRow, identity: Identity): void {
  const banned =
    identity.kind === 'user'
      ? db
          .prepare("SELECT 1 FROM bans WHERE room_id = ? AND banned_actor_type = 'users' AND banned_actor_id = ?")
          .get(room.id, identity.userId)
      : identity.browserSession !== null &&
        db.prepare('SELECT 1 FROM bans WHERE room_id = ? AND banned_browser_session = ?').get(room.id, identity.browserSession);
  if (banned) throw bannedFromJoining();
}

/**
 * Whether an account or email address is banned from the room. Talk refuses to add a banned account (400
 * `{error: "ban"}`) and skips banned members when it adds a group; the demo refuses email addresses the same way,
 * since inviting a banned address again would undo the ban without anyone unbanning it.
 */
export function isActorBanned(db: Db, roomId: number, actorType: string, actorId: string): boolean {
  return !!db
    .prepare('SELECT 1 FROM bans WHERE room_id = ? AND banned_actor_type = ? AND banned_actor_id = ?')
    .get(roomId, actorType, actorId);
}

export const bannedFromBeingAdded = () => badRequest('This participant is banned from the conversation', 'ban');

export interface NewBan {
  actorType: string;
  actorId: string;
  internalNote: string;
}

/** The ban operations, each in one transaction of the Talk store (the same rules of who may act hold). */
export class BanStore {
  private readonly repository: TalkRepository;

  constructor(
    private readonly db: Db,
    private readonly store: TalkStore,
  ) {
    this.repository = new TalkRepository(db);
  }

  /** Every ban of the room, oldest first (Talk's order). Moderators only. */
  list(token: string, identity: Identity): V1Ban[] {
    return this.store.transaction(() => {
      const { room } = moderatedRoom(this.repository, token, identity, nowSeconds());
      const rows = this.db.prepare('SELECT * FROM bans WHERE room_id = ? ORDER BY id').all(room.id) as BanRow[];
      return rows.map(toBan);
    });
  }

  /** Bans someone and removes them from the room, as Talk does. Moderators only; 400 with Talk's codes. */
  ban(token: string, identity: Identity, input: NewBan): V1Ban {
    return this.store.transaction(() => {
      const { room, self } = moderatedRoom(this.repository, token, identity, nowSeconds());
      checkBan(room, self, input);
      const target = this.repository.attendeeByActor(room.id, input.actorType, input.actorId) ?? null;
      if (isModerator(target)) throw badRequest('Moderators cannot be banned', 'moderator');
      if (isActorBanned(this.db, room.id, input.actorType, input.actorId)) {
        throw badRequest('This participant is banned already', 'bannedActor');
      }
      const result = this.db
        .prepare(
          `INSERT INTO bans (room_id, moderator_actor_type, moderator_actor_id, moderator_display_name, banned_actor_type,
             banned_actor_id, banned_display_name, banned_browser_session, banned_time, internal_note)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          room.id,
          self.actor_type,
          self.actor_id,
          self.display_name,
          input.actorType,
          input.actorId,
          this.bannedDisplayName(input, target),
          target?.actor_type === 'guests' ? target.browser_session : null,
          nowSeconds(),
          input.internalNote,
        );
      // Their sessions go with them (ON DELETE CASCADE): their next signaling pull learns they were removed.
      if (target) this.repository.deleteAttendee(target.id);
      this.repository.touchRoom(room.id, nowSeconds());
      return toBan(this.db.prepare('SELECT * FROM bans WHERE id = ?').get(result.lastInsertRowid) as BanRow);
    });
  }

  /** Lifts a ban of this room. Like Talk, an id that names no ban of this room is answered 200 all the same. */
  unban(token: string, identity: Identity, banId: number): void {
    this.store.transaction(() => {
      const { room } = moderatedRoom(this.repository, token, identity, nowSeconds());
      this.db.prepare('DELETE FROM bans WHERE id = ? AND room_id = ?').run(banId, room.id);
    });
  }

  /** As Talk names them: the attendee's name, an account's name, or else the actor id. */
  private bannedDisplayName(input: NewBan, target: AttendeeRow | null): string {
    const name = target?.display_name || (input.actorType === 'users' ? this.repository.userDisplayName(input.actorId) : undefined);
    return name || input.actorId;
  }
}

/** Talk's rules about the ban itself, before anyone is looked up (BanService::createBan). */
function checkBan(room: RoomRow, self: AttendeeRow, input: NewBan): void {
  if (room.type !== RoomType.Group && room.type !== RoomType.Public) {
    throw badRequest('Only group and public conversations have bans', 'room');
  }
  if (!BANNABLE_ACTOR_TYPES.includes(input.actorType)) {
    throw badRequest('actorType must be users, guests or emails', 'bannedActor');
  }
  if (input.actorId === '') throw badRequest('actorId must not be empty', 'bannedActor');
  if ([...input.internalNote].length > BAN_NOTE_MAX_LENGTH) {
    throw badRequest(`The internal note is longer than ${BAN_NOTE_MAX_LENGTH} characters`, 'internalNote');
  }
  if (input.actorType === self.actor_type && input.actorId === self.actor_id) {
    throw badRequest('You cannot ban yourself', 'self');
  }
}

/** A string parameter, refused with Talk's error code when it is missing or not a string. */
function textParam(params: Params, name: string, code: string, fallback?: string): string {
  const value = params[name];
  if ((value === undefined || value === null) && fallback !== undefined) return fallback;
  if (typeof value !== 'string') throw badRequest(`Parameter "${name}" must be a string`, code);
  return value;
}

const TOKEN_PATTERN = /^[a-z0-9]{4,30}$/;
const BAN_ID_PATTERN = /^[1-9][0-9]{0,15}$/;

/** The ban routes of spec/talk-openapi.json (`ban-ban-actor`, `ban-list-bans`, `ban-unban-actor`). */
export function registerBanRoutes(app: Hono, deps: { bans: BanStore; identities: IdentityResolver }) {
  const { bans, identities } = deps;

  const route = (
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    handler: (input: { identity: Identity; params: Params; token: string; banId: string }) => unknown,
  ) => {
    app.on(method, `${BAN_BASE}${path}`, async (c) => {
      try {
        const token = c.req.param('token') ?? '';
        if (!TOKEN_PATTERN.test(token)) throw notFound('Conversation not found');
        const identity = await identities.resolve(c);
        const params = await readParams(c);
        return ocs(c, handler({ identity, params, token, banId: c.req.param('banId') ?? '' }));
      } catch (error) {
        // Errors carry Talk's current codes in `data` ({error: "self"}), as on a v4 server.
        if (error instanceof OcsError) return ocsError(c, error, 'v4');
        throw error;
      }
    });
  };

  route('GET', '/:token', ({ identity, token }) => bans.list(token, identity));

  route('POST', '/:token', ({ identity, params, token }) => {
    const input: NewBan = {
      actorType: textParam(params, 'actorType', 'bannedActor'),
      actorId: textParam(params, 'actorId', 'bannedActor').trim(),
      internalNote: textParam(params, 'internalNote', 'internalNote', ''),
    };
    return bans.ban(token, identity, input);
  });

  route('DELETE', '/:token/:banId', ({ identity, token, banId }) => {
    if (!BAN_ID_PATTERN.test(banId)) throw badRequest('banId must be a positive integer');
    bans.unban(token, identity, Number(banId));
    return null;
  });
}
