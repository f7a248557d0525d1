import type { Db } from '../db/schema';
import { OcsError, badRequest, forbidden, notFound, type ApiGeneration } from '../http/ocs';
import { hashPassword, newGuestActorId, newRoomToken, newSessionId, verifyPassword } from '../secrets';
import {
  LobbyState,
  ParticipantType,
  RoomType,
  type ParticipantSource,
  type ParticipantTypeValue,
  type RoomTypeValue,
  type SessionConflictData,
} from '../../contract/wire';
import { isEmailAddress } from '../../contract/email';
import {
  MODERATOR_TYPES,
  PERMISSIONS_DEFAULT,
  PERMISSIONS_MODERATOR,
  isModerator,
  nowSeconds,
  type AttendeeRow,
  type Identity,
  type RoomRow,
  type SessionRow,
  type UserStatusRow,
} from './model';

/** A room as one caller sees it: the row, and the caller's attendee (null when they are not in it). */
export interface RoomView {
  room: RoomRow;
  self: AttendeeRow | null;
  /** The caller's session in this room from this browser, if any. */
  session: SessionRow | null;
}

export interface ParticipantView {
  attendee: AttendeeRow;
  sessions: SessionRow[];
  status: UserStatusRow | null;
}

/** How a moderation route names its target: v4 by attendee id, v1 by user id or guest session id. */
export type AttendeeRef = { attendeeId: number } | { userId: string } | { guestSessionId: string };

export interface StoreOptions {
  circlesEnabled: boolean;
}

/** Talk ends a session that has not pinged for this long. */
export const SESSION_TIMEOUT_SECONDS = 100;

export interface SignalingSession {
  userId: string;
  sessionId: string;
  roomId: number;
  inCall: number;
  lastPing: number;
  participantPermissions: number;
  actorType: string;
  actorId: string;
}

/** Statuses are only loaded below this many participants, as on real servers (TALK-FACTS). */
export const STATUS_PARTICIPANT_LIMIT = 1000;

/**
 * The Talk rules over SQLite. Every public method runs in one IMMEDIATE transaction, so a rule checked at the
 * start of a call (e.g. "the actor is a moderator", "another moderator remains") still holds when it writes.
 */
export class TalkStore {
  constructor(
    private readonly db: Db,
    private readonly options: StoreOptions,
  ) {}

  /** Runs `work` in one write transaction; the building block of every route. */
  transaction<T>(work: () => T): T {
    return this.db
      .transaction(() => {
        this.expireSilentSessions();
        return work();
      })
      .immediate();
  }

  /**
   * Ends sessions that have not pinged for SESSION_TIMEOUT_SECONDS, as Talk does, before any call reads or
   * changes the rooms. Guests and link-joined users leave with their last session.
   */
  private expireSilentSessions(): void {
    const cutoff = nowSeconds() - SESSION_TIMEOUT_SECONDS;
    const attendeeIds = this.db
      .prepare('SELECT DISTINCT attendee_id FROM sessions WHERE simulated = 0 AND last_ping < ?')
      .pluck()
      .all(cutoff) as number[];
    if (attendeeIds.length === 0) return;
    this.db.prepare('DELETE FROM sessions WHERE simulated = 0 AND last_ping < ?').run(cutoff);
    for (const attendeeId of attendeeIds) this.dropIfGoneOffline(attendeeId);
  }

  /** Guests and users who came in by the link exist only while connected (Talk removes them on leaving). */
  private dropIfGoneOffline(attendeeId: number): void {
    this.db
      .prepare(
        `DELETE FROM attendees WHERE id = ? AND participant_type IN (4, 5) AND actor_type IN ('guests', 'users')
         AND NOT EXISTS (SELECT 1 FROM sessions WHERE attendee_id = attendees.id)`,
      )
      .run(attendeeId);
  }

  // ---- lookups ----------------------------------------------------------------------------------

  private roomByToken(token: string): RoomRow | undefined {
    return this.db.prepare('SELECT * FROM rooms WHERE token = ?').get(token) as RoomRow | undefined;
  }

  private attendeeFor(room: RoomRow, identity: Identity): AttendeeRow | null {
    if (identity.kind === 'user') {
      return (
        (this.db
          .prepare("SELECT * FROM attendees WHERE room_id = ? AND actor_type = 'users' AND actor_id = ?")
          .get(room.id, identity.userId) as AttendeeRow | undefined) ?? null
      );
    }
    if (!identity.browserSession) return null;
    return (
      (this.db
        .prepare("SELECT * FROM attendees WHERE room_id = ? AND actor_type = 'guests' AND browser_session = ?")
        .get(room.id, identity.browserSession) as AttendeeRow | undefined) ?? null
    );
  }

  private sessionsOf(attendeeId: number): SessionRow[] {
    return this.db
      .prepare('SELECT * FROM sessions WHERE attendee_id = ? ORDER BY last_ping DESC')
      .all(attendeeId) as SessionRow[];
  }

  private browserSessionOf(attendee: AttendeeRow | null, browserSession: string | null): SessionRow | null {
    if (!attendee || !browserSession) return null;
    return (
      (this.db
        .prepare('SELECT * FROM sessions WHERE attendee_id = ? AND browser_session = ? ORDER BY last_ping DESC')
        .get(attendee.id, browserSession) as SessionRow | undefined) ?? null
    );
  }

  /** Talk lifts a lobby whose start time has passed; we do it whenever the room is read. */
  private liftExpiredLobby(room: RoomRow): RoomRow {
    if (room.lobby_state === LobbyState.On && room.lobby_timer > 0 && room.lobby_timer <= nowSeconds()) {
      this.db.prepare('UPDATE rooms SET lobby_state = 0, lobby_timer = 0 WHERE id = ?').run(room.id);
      return { ...room, lobby_state: LobbyState.Off, lobby_timer: 0 };
    }
    return room;
  }

  /**
   * The room as the caller may see it. Members see their rooms; anyone may see a public room (to join it);
   * everyone else gets the same 404 as for a room that does not exist, so tokens cannot be probed.
   */
  private visibleRoom(token: string, identity: Identity): RoomView {
    const found = this.roomByToken(token);
    if (!found) throw notFound('Conversation not found');
    const room = this.liftExpiredLobby(found);
    const self = this.attendeeFor(room, identity);
    if (!self && room.type !== RoomType.Public) throw notFound('Conversation not found');
    return { room, self, session: this.browserSessionOf(self, identity.browserSession) };
  }

  /** Routes that need the caller to be in the room (Talk's RequireParticipant). */
  private participantRoom(token: string, identity: Identity): RoomView & { self: AttendeeRow } {
    const view = this.visibleRoom(token, identity);
    if (!view.self) throw notFound('Conversation not found');
    return view as RoomView & { self: AttendeeRow };
  }

  /** Routes only moderators may call (Talk's RequireModeratorParticipant). */
  private moderatedRoom(token: string, identity: Identity): RoomView & { self: AttendeeRow } {
    const view = this.participantRoom(token, identity);
    if (!isModerator(view.self)) throw forbidden('Only moderators can do this');
    return view;
  }

  private resolveAttendee(room: RoomRow, ref: AttendeeRef): AttendeeRow {
    let row: AttendeeRow | undefined;
    if ('attendeeId' in ref) {
      row = this.db.prepare('SELECT * FROM attendees WHERE room_id = ? AND id = ?').get(room.id, ref.attendeeId) as
        | AttendeeRow
        | undefined;
    } else if ('userId' in ref) {
      row = this.db
        .prepare("SELECT * FROM attendees WHERE room_id = ? AND actor_type = 'users' AND actor_id = ?")
        .get(room.id, ref.userId) as AttendeeRow | undefined;
    } else {
      row = this.db
        .prepare('SELECT a.* FROM attendees a JOIN sessions s ON s.attendee_id = a.id WHERE a.room_id = ? AND s.id = ?')
        .get(room.id, ref.guestSessionId) as AttendeeRow | undefined;
    }
    if (!row) throw notFound('Participant not found', 'participant');
    return row;
  }

  private countModerators(roomId: number): number {
    const row = this.db
      .prepare('SELECT COUNT(*) AS n FROM attendees WHERE room_id = ? AND participant_type IN (1, 2, 6)')
      .get(roomId) as { n: number };
    return row.n;
  }

  private countOtherPeople(roomId: number, exceptAttendeeId: number): number {
    const row = this.db
      .prepare("SELECT COUNT(*) AS n FROM attendees WHERE room_id = ? AND id != ? AND actor_type IN ('users', 'guests', 'emails')")
      .get(roomId, exceptAttendeeId) as { n: number };
    return row.n;
  }

  private touch(room: RoomRow) {
    this.db.prepare('UPDATE rooms SET last_activity = ? WHERE id = ?').run(nowSeconds(), room.id);
  }

  private userDisplayName(userId: string): string | undefined {
    const row = this.db.prepare('SELECT display_name FROM users WHERE id = ?').get(userId) as
      | { display_name: string }
      | undefined;
    return row?.display_name;
  }

  // ---- rooms ------------------------------------------------------------------------------------

  listRooms(identity: Identity): RoomView[] {
    if (identity.kind !== 'user') return [];
    const rooms = this.db
      .prepare(
        `SELECT r.* FROM rooms r JOIN attendees a ON a.room_id = r.id
         WHERE a.actor_type = 'users' AND a.actor_id = ? ORDER BY r.last_activity DESC, r.id DESC`,
      )
      .all(identity.userId) as RoomRow[];
    return rooms.map((found) => {
      const room = this.liftExpiredLobby(found);
      const self = this.attendeeFor(room, identity);
      return { room, self, session: this.browserSessionOf(self, identity.browserSession) };
    });
  }

  getRoom(token: string, identity: Identity): RoomView {
    return this.visibleRoom(token, identity);
  }

  /** For one-to-one rooms the name is the other account; everyone else sees the stored name. */
  displayNameOf(room: RoomRow, self: AttendeeRow | null): string {
    if (room.type !== RoomType.OneToOne && room.type !== RoomType.FormerOneToOne) return room.name;
    const other = this.db
      .prepare("SELECT display_name FROM attendees WHERE room_id = ? AND actor_type = 'users' AND actor_id != ?")
      .get(room.id, self?.actor_id ?? '') as { display_name: string } | undefined;
    return other?.display_name ?? room.name;
  }

  countGuests(roomId: number): number {
    const row = this.db
      .prepare("SELECT COUNT(*) AS n FROM attendees WHERE room_id = ? AND actor_type = 'guests'")
      .get(roomId) as { n: number };
    return row.n;
  }

  hasCall(roomId: number): boolean {
    const row = this.db
      .prepare('SELECT 1 FROM sessions s JOIN attendees a ON a.id = s.attendee_id WHERE a.room_id = ? AND s.in_call > 0 LIMIT 1')
      .get(roomId);
    return !!row;
  }

  createRoom(
    identity: Identity,
    input: { roomType: number; roomName: string; password?: string; invite?: string; source?: string },
  ): { view: RoomView; created: boolean } {
    if (identity.kind !== 'user') throw new OcsError(401, 'Only accounts can create conversations');
    const now = nowSeconds();

    if (input.roomType === RoomType.OneToOne) {
      const otherId = input.invite ?? '';
      if (!otherId) throw badRequest('A one-to-one conversation needs "invite": the other account', 'invite');
      if (otherId === identity.userId) throw forbidden('You cannot start a one-to-one conversation with yourself', 'invite');
      const otherName = this.userDisplayName(otherId);
      if (otherName === undefined) throw notFound('No such account', 'invite');
      const existing = this.db
        .prepare(
          `SELECT r.* FROM rooms r
           JOIN attendees a ON a.room_id = r.id AND a.actor_type = 'users' AND a.actor_id = ?
           JOIN attendees b ON b.room_id = r.id AND b.actor_type = 'users' AND b.actor_id = ?
           WHERE r.type = 1`,
        )
        .get(identity.userId, otherId) as RoomRow | undefined;
      if (existing) return { view: this.getRoom(existing.token, identity), created: false };
      const room = this.insertRoom(RoomType.OneToOne, [identity.userId, otherId].sort().join(','), null, now);
      this.insertAttendee(room.id, 'users', identity.userId, identity.displayName, ParticipantType.Owner);
      this.insertAttendee(room.id, 'users', otherId, otherName, ParticipantType.Owner);
      return { view: this.getRoom(room.token, identity), created: true };
    }

    if (input.roomType !== RoomType.Group && input.roomType !== RoomType.Public) {
      throw badRequest('roomType must be 1 (one-to-one), 2 (group) or 3 (public)', 'type');
    }
    const name = input.roomName.trim();
    if (!name) throw badRequest('A conversation needs a name', 'name');
    if (input.password && input.roomType !== RoomType.Public) {
      throw badRequest('Only public conversations can have a password', 'password');
    }
    const room = this.insertRoom(input.roomType, name, input.password ? hashPassword(input.password) : null, now);
    this.insertAttendee(room.id, 'users', identity.userId, identity.displayName, ParticipantType.Owner);
    if (input.invite) this.addParticipantUnchecked(room, input.invite, (input.source ?? 'users') as ParticipantSource);
    return { view: this.getRoom(room.token, identity), created: true };
  }

  private insertRoom(type: RoomTypeValue, name: string, passwordHash: string | null, now: number): RoomRow {
    let token = newRoomToken();
    while (this.roomByToken(token)) token = newRoomToken();
    this.db
      .prepare('INSERT INTO rooms (token, type, name, password_hash, created_at, last_activity) VALUES (?, ?, ?, ?, ?, ?)')
      .run(token, type, name, passwordHash, now, now);
    return this.roomByToken(token)!;
  }

  private insertAttendee(
    roomId: number,
    actorType: string,
    actorId: string,
    displayName: string,
    participantType: ParticipantTypeValue,
    browserSession: string | null = null,
  ): AttendeeRow {
    const result = this.db
      .prepare(
        `INSERT INTO attendees (room_id, actor_type, actor_id, display_name, participant_type, browser_session)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(roomId, actorType, actorId, displayName, participantType, browserSession);
    return this.db.prepare('SELECT * FROM attendees WHERE id = ?').get(result.lastInsertRowid) as AttendeeRow;
  }

  setLobby(token: string, identity: Identity, state: number, timer: number | null): RoomView {
    const view = this.moderatedRoom(token, identity);
    if (view.room.type === RoomType.OneToOne || view.room.type === RoomType.FormerOneToOne) {
      throw badRequest('One-to-one conversations have no lobby', 'type');
    }
    if (state !== LobbyState.Off && state !== LobbyState.On) throw badRequest('state must be 0 or 1', 'value');
    if (timer && timer <= nowSeconds()) throw badRequest('The lobby start time must be in the future', 'value');
    const storedTimer = state === LobbyState.On ? (timer ?? 0) : 0;
    this.db.prepare('UPDATE rooms SET lobby_state = ?, lobby_timer = ? WHERE id = ?').run(state, storedTimer, view.room.id);
    this.touch(view.room);
    return this.getRoom(token, identity);
  }

  setPublic(token: string, identity: Identity, makePublic: boolean): RoomView {
    const view = this.moderatedRoom(token, identity);
    const from = makePublic ? RoomType.Group : RoomType.Public;
    if (view.room.type !== from) {
      throw badRequest(makePublic ? 'Only group conversations can be made public' : 'The conversation is not public', 'type');
    }
    this.db
      .prepare('UPDATE rooms SET type = ?, password_hash = CASE WHEN ? THEN password_hash ELSE NULL END WHERE id = ?')
      .run(makePublic ? RoomType.Public : RoomType.Group, makePublic ? 1 : 0, view.room.id);
    this.touch(view.room);
    return this.getRoom(token, identity);
  }

  // ---- participants -----------------------------------------------------------------------------

  listParticipants(
    token: string,
    identity: Identity,
    includeStatus: boolean,
  ): { room: RoomRow; participants: ParticipantView[]; statusesLoaded: boolean } {
    const { room, self } = this.participantRoom(token, identity);
    if (self.participant_type === ParticipantType.Guest) throw forbidden('Guests cannot list the participants');
    if (room.lobby_state === LobbyState.On && !isModerator(self)) {
      throw new OcsError(412, 'The lobby is active');
    }
    const attendees = this.db
      .prepare('SELECT * FROM attendees WHERE room_id = ? ORDER BY id')
      .all(room.id) as AttendeeRow[];
    const sessionsByAttendee = new Map<number, SessionRow[]>();
    const sessions = this.db
      .prepare('SELECT s.* FROM sessions s JOIN attendees a ON a.id = s.attendee_id WHERE a.room_id = ? ORDER BY s.last_ping DESC')
      .all(room.id) as SessionRow[];
    for (const session of sessions) {
      const list = sessionsByAttendee.get(session.attendee_id);
      if (list) list.push(session);
      else sessionsByAttendee.set(session.attendee_id, [session]);
    }
    const statusesLoaded = includeStatus && attendees.length < STATUS_PARTICIPANT_LIMIT;
    const statuses = new Map<string, UserStatusRow>();
    if (statusesLoaded) {
      const rows = this.db
        .prepare(
          `SELECT st.* FROM user_status st JOIN attendees a ON a.actor_id = st.user_id AND a.actor_type = 'users'
           WHERE a.room_id = ?`,
        )
        .all(room.id) as UserStatusRow[];
      for (const row of rows) statuses.set(row.user_id, row);
    }
    return {
      room,
      statusesLoaded,
      participants: attendees.map((attendee) => ({
        attendee,
        sessions: sessionsByAttendee.get(attendee.id) ?? [],
        status: attendee.actor_type === 'users' ? (statuses.get(attendee.actor_id) ?? null) : null,
      })),
    };
  }

  addParticipant(
    token: string,
    identity: Identity,
    newParticipant: string,
    source: string,
  ): { typeChangedTo?: RoomTypeValue } {
    const { room } = this.moderatedRoom(token, identity);
    if (room.type === RoomType.OneToOne || room.type === RoomType.FormerOneToOne) {
      throw badRequest('Participants cannot be added to a one-to-one conversation', 'room-type');
    }
    const result = this.addParticipantUnchecked(room, newParticipant, source);
    this.touch(room);
    return result;
  }

  private addParticipantUnchecked(room: RoomRow, newParticipant: string, source: string): { typeChangedTo?: RoomTypeValue } {
    const addUser = (userId: string, displayName: string) => {
      const existing = this.db
        .prepare("SELECT * FROM attendees WHERE room_id = ? AND actor_type = 'users' AND actor_id = ?")
        .get(room.id, userId) as AttendeeRow | undefined;
      if (!existing) {
        this.insertAttendee(room.id, 'users', userId, displayName, ParticipantType.User);
      } else if (existing.participant_type === ParticipantType.UserSelfJoined) {
        // Someone who came in by the public link becomes a proper member when invited.
        this.db.prepare('UPDATE attendees SET participant_type = 3 WHERE id = ?').run(existing.id);
      }
    };
    const addCollective = (actorType: 'groups' | 'circles', table: 'groups' | 'circles') => {
      const collective = this.db.prepare(`SELECT display_name FROM ${table} WHERE id = ?`).get(newParticipant) as
        | { display_name: string }
        | undefined;
      if (!collective) throw notFound(`No such ${actorType === 'groups' ? 'group' : 'circle'}`, 'new-participant');
      const memberTable = table === 'groups' ? 'group_members' : 'circle_members';
      const keyColumn = table === 'groups' ? 'group_id' : 'circle_id';
      const existing = this.db
        .prepare('SELECT 1 FROM attendees WHERE room_id = ? AND actor_type = ? AND actor_id = ?')
        .get(room.id, actorType, newParticipant);
      if (!existing) this.insertAttendee(room.id, actorType, newParticipant, collective.display_name, ParticipantType.User);
      const members = this.db
        .prepare(`SELECT u.id, u.display_name FROM ${memberTable} m JOIN users u ON u.id = m.user_id WHERE m.${keyColumn} = ?`)
        .all(newParticipant) as { id: string; display_name: string }[];
      for (const member of members) addUser(member.id, member.display_name);
    };

    switch (source) {
      case 'users': {
        const displayName = this.userDisplayName(newParticipant);
        if (displayName === undefined) throw notFound('No such account', 'new-participant');
        addUser(newParticipant, displayName);
        return {};
      }
      case 'groups':
        addCollective('groups', 'groups');
        return {};
      case 'circles':
        if (!this.options.circlesEnabled) throw badRequest('Circles are not supported on this server', 'source');
        addCollective('circles', 'circles');
        return {};
      case 'emails': {
        const email = newParticipant.trim().toLowerCase();
        if (!isEmailAddress(email)) throw badRequest('That is not an email address', 'new-participant');
        const existing = this.db
          .prepare("SELECT 1 FROM attendees WHERE room_id = ? AND actor_type = 'emails' AND actor_id = ?")
          .get(room.id, email);
        if (!existing) this.insertAttendee(room.id, 'emails', email, '', ParticipantType.Guest);
        if (room.type === RoomType.Group) {
          // An email guest can only reach the conversation by its link, so Talk makes it public.
          this.db.prepare('UPDATE rooms SET type = 3 WHERE id = ?').run(room.id);
          return { typeChangedTo: RoomType.Public };
        }
        return {};
      }
      default:
        throw badRequest(
          `Unknown source "${source}": use users, groups, emails${this.options.circlesEnabled ? ' or circles' : ''}`,
          'source',
        );
    }
  }

  /**
   * Removes someone else (v4 attendees route, v1 participants and guests routes). Acting on yourself is leaving,
   * with the last-moderator rule, as in Talk.
   */
  removeAttendee(token: string, identity: Identity, ref: AttendeeRef, options: { guestsOnly?: boolean } = {}): void {
    const view = this.participantRoom(token, identity);
    if (!isModerator(view.self)) {
      const target = this.tryResolve(view.room, ref);
      if (target?.id === view.self.id) return this.removeSelfIn(view);
      throw forbidden('Only moderators can remove participants');
    }
    const target = this.resolveAttendee(view.room, ref);
    if (target.id === view.self.id) return this.removeSelfIn(view);
    if (options.guestsOnly && target.actor_type !== 'guests') throw badRequest('That participant is not a guest', 'participant');
    if (view.room.type === RoomType.OneToOne) throw badRequest('Nobody can be removed from a one-to-one conversation', 'room-type');
    if (target.participant_type === ParticipantType.Owner) throw forbidden('The owner cannot be removed', 'owner');
    this.db.prepare('DELETE FROM attendees WHERE id = ?').run(target.id);
    this.touch(view.room);
  }

  private tryResolve(room: RoomRow, ref: AttendeeRef): AttendeeRow | null {
    try {
      return this.resolveAttendee(room, ref);
    } catch (error) {
      if (error instanceof OcsError) return null;
      throw error;
    }
  }

  removeSelf(token: string, identity: Identity): void {
    this.removeSelfIn(this.participantRoom(token, identity));
  }

  private removeSelfIn(view: RoomView & { self: AttendeeRow }): void {
    const { room, self } = view;
    const othersRemain = this.countOtherPeople(room.id, self.id) > 0;
    if (isModerator(self) && othersRemain && this.countModerators(room.id) <= 1) {
      throw badRequest('You are the last moderator: promote someone else first', 'last-moderator');
    }
    if (othersRemain) {
      this.db.prepare('DELETE FROM attendees WHERE id = ?').run(self.id);
      this.touch(room);
    } else {
      // The last person out closes the conversation, as Talk does.
      this.db.prepare('DELETE FROM rooms WHERE id = ?').run(room.id);
    }
  }

  /**
   * The seed (v1) promotes members (3) and guests (4) only, so a moderator naming themselves gets its 400;
   * v4 also promotes users who joined by link (5), and acting on yourself is 403 there (TALK-FACTS).
   */
  promote(token: string, identity: Identity, ref: AttendeeRef, generation: ApiGeneration): void {
    const { room, self } = this.moderatedRoom(token, identity);
    const target = this.resolveAttendee(room, ref);
    if (target.participant_type === ParticipantType.Owner) throw forbidden('The owner cannot be promoted or demoted');
    if (generation === 'v4' && target.id === self.id) throw forbidden('You cannot promote yourself');
    const promotable: number[] = [ParticipantType.User, ParticipantType.Guest];
    if (generation === 'v4') promotable.push(ParticipantType.UserSelfJoined);
    if (!promotable.includes(target.participant_type) || !['users', 'guests', 'emails'].includes(target.actor_type)) {
      throw badRequest('Only members and guests can be promoted');
    }
    const promoted = target.actor_type === 'users' ? ParticipantType.Moderator : ParticipantType.GuestModerator;
    this.db.prepare('UPDATE attendees SET participant_type = ? WHERE id = ?').run(promoted, target.id);
    this.touch(room);
  }

  demote(token: string, identity: Identity, ref: AttendeeRef): void {
    const { room, self } = this.moderatedRoom(token, identity);
    const target = this.resolveAttendee(room, ref);
    if (target.id === self.id) throw forbidden('You cannot demote yourself');
    if (target.participant_type !== ParticipantType.Moderator && target.participant_type !== ParticipantType.GuestModerator) {
      throw badRequest('Only moderators can be demoted');
    }
    const demoted = target.participant_type === ParticipantType.Moderator ? ParticipantType.User : ParticipantType.Guest;
    this.db.prepare('UPDATE attendees SET participant_type = ? WHERE id = ?').run(demoted, target.id);
    this.touch(room);
  }

  // ---- sessions ---------------------------------------------------------------------------------

  /**
   * Joins the caller to the room from this browser. The seed's rule: with force=false, any session the
   * caller already has in the room is a 409 conflict; with force, those sessions end and this one begins.
   */
  join(
    token: string,
    identity: Identity & { browserSession: string },
    input: { password: string; force: boolean },
  ): RoomView & { self: AttendeeRow; session: SessionRow } {
    const view = this.visibleRoom(token, identity);
    const { room } = view;
    let self = view.self;

    const joinsByLink = !self || self.participant_type === ParticipantType.Guest || self.participant_type === ParticipantType.UserSelfJoined;
    if (room.password_hash && joinsByLink && !verifyPassword(input.password, room.password_hash)) {
      throw forbidden('Wrong password', 'password');
    }

    if (self) {
      const existing = this.sessionsOf(self.id);
      const latest = existing[0];
      if (latest && !input.force) {
        const conflict: SessionConflictData = { sessionId: latest.id, inCall: latest.in_call, lastPing: latest.last_ping };
        throw new OcsError(409, 'You already have a session in this conversation', undefined, conflict);
      }
      this.db.prepare('DELETE FROM sessions WHERE attendee_id = ?').run(self.id);
    } else if (identity.kind === 'user') {
      self = this.insertAttendee(room.id, 'users', identity.userId, identity.displayName, ParticipantType.UserSelfJoined);
    } else {
      self = this.insertAttendee(room.id, 'guests', newGuestActorId(), '', ParticipantType.Guest, identity.browserSession);
    }

    const session: SessionRow = {
      id: newSessionId(),
      attendee_id: self.id,
      browser_session: identity.browserSession,
      in_call: 0,
      last_ping: nowSeconds(),
    };
    this.db
      .prepare('INSERT INTO sessions (id, attendee_id, browser_session, in_call, last_ping) VALUES (?, ?, ?, ?, ?)')
      .run(session.id, session.attendee_id, session.browser_session, session.in_call, session.last_ping);
    return { room, self, session };
  }

  /** Ends this browser's session. Guests and link-joined users leave the room with their last session. */
  leave(token: string, identity: Identity): void {
    const { self } = this.visibleRoom(token, identity);
    if (!self) return;
    if (identity.browserSession) {
      this.db.prepare('DELETE FROM sessions WHERE attendee_id = ? AND browser_session = ?').run(self.id, identity.browserSession);
    } else {
      this.db.prepare('DELETE FROM sessions WHERE attendee_id = ?').run(self.id);
    }
    this.dropIfGoneOffline(self.id);
  }

  /**
   * Internal signaling, as Talk's web client pulls it without a signaling server: keeps this browser's session
   * alive and lists the sessions in the room. 404 when the caller is no longer in the room (removed, or left);
   * 409 when they are, but this browser's session was ended (another window joined with force).
   */
  pullSignaling(token: string, identity: Identity): SignalingSession[] {
    const gone = [{ type: 'usersInRoom', data: [] }];
    const room = this.roomByToken(token);
    if (!room) throw new OcsError(404, 'Conversation not found', undefined, gone);
    const self = this.attendeeFor(room, identity);
    if (!self) throw new OcsError(404, 'You are no longer in this conversation', undefined, gone);
    const session = this.browserSessionOf(self, identity.browserSession);
    if (!session) throw new OcsError(409, 'Session killed', undefined, gone);
    const now = nowSeconds();
    this.db.prepare('UPDATE sessions SET last_ping = ? WHERE id = ?').run(now, session.id);
    const rows = this.db
      .prepare(
        `SELECT s.id, s.in_call, s.last_ping, a.actor_type, a.actor_id, a.participant_type FROM sessions s
         JOIN attendees a ON a.id = s.attendee_id WHERE a.room_id = ?`,
      )
      .all(room.id) as { id: string; in_call: number; last_ping: number; actor_type: string; actor_id: string; participant_type: number }[];
    return rows.map((row) => ({
      userId: row.actor_type === 'users' ? row.actor_id : '',
      sessionId: row.id,
      roomId: room.id,
      inCall: row.in_call,
      lastPing: row.id === session.id ? now : row.last_ping,
      participantPermissions: MODERATOR_TYPES.includes(row.participant_type) ? PERMISSIONS_MODERATOR : PERMISSIONS_DEFAULT,
      actorType: row.actor_type,
      actorId: row.actor_id,
    }));
  }

  setGuestName(token: string, identity: Identity, displayName: string): void {
    if (identity.kind !== 'guest') {
      // Checked before the room so that accounts learn why, as in Talk.
      this.visibleRoom(token, identity);
      throw forbidden('Only guests can set a guest name');
    }
    const { self } = this.participantRoom(token, identity);
    this.db.prepare('UPDATE attendees SET display_name = ? WHERE id = ?').run(displayName, self.id);
  }
}
