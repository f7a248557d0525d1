import type { Db } from '../db/schema';
import { newRoomToken } from '../secrets';
import { ParticipantType, type ParticipantTypeValue, type RoomTypeValue } from '../../contract/wire';
import type { AttendeeRow, Identity, RoomRow, SessionRow, UserStatusRow } from './model';

/** How a moderation route names its target: v4 by attendee id, v1 by user id or guest session id. */
export type AttendeeRef = { attendeeId: number } | { userId: string } | { guestSessionId: string };

/** Groups and circles: collectives whose members are added one by one with them. */
export type CollectiveKind = 'groups' | 'circles';

const COLLECTIVE_TABLES = {
  groups: { table: 'groups', members: 'group_members', key: 'group_id' },
  circles: { table: 'circles', members: 'circle_members', key: 'circle_id' },
} as const satisfies Record<CollectiveKind, { table: string; members: string; key: string }>;

/** One session as internal signaling lists it: the session and who holds it. */
export interface SessionInRoomRow {
  id: string;
  in_call: number;
  last_ping: number;
  actor_type: string;
  actor_id: string;
  participant_type: ParticipantTypeValue;
  permissions: number;
}

/**
 * The SQL of the Talk store, and nothing else: rows in and out of the demo database, no rules and no checks of
 * who asks. Callers run it inside TalkStore.transaction.
 */
export class TalkRepository {
  constructor(private readonly db: Db) {}

  // ---- rooms ------------------------------------------------------------------------------------

  roomByToken(token: string): RoomRow | undefined {
    return this.db.prepare('SELECT * FROM rooms WHERE token = ?').get(token) as RoomRow | undefined;
  }

  /** The rooms an account is in, the most recently active first. */
  roomsOfUser(userId: string): RoomRow[] {
    return this.db
      .prepare(
        `SELECT r.* FROM rooms r JOIN attendees a ON a.room_id = r.id
         WHERE a.actor_type = 'users' AND a.actor_id = ? ORDER BY r.last_activity DESC, r.id DESC`,
      )
      .all(userId) as RoomRow[];
  }

  /** The one-to-one room of two accounts, if they have one. */
  oneToOneRoomOf(userId: string, otherUserId: string): RoomRow | undefined {
    return this.db
      .prepare(
        `SELECT r.* FROM rooms r
         JOIN attendees a ON a.room_id = r.id AND a.actor_type = 'users' AND a.actor_id = ?
         JOIN attendees b ON b.room_id = r.id AND b.actor_type = 'users' AND b.actor_id = ?
         WHERE r.type = 1`,
      )
      .get(userId, otherUserId) as RoomRow | undefined;
  }

  /** A new room under a fresh token. */
  insertRoom(type: RoomTypeValue, name: string, passwordHash: string | null, now: number): RoomRow {
    let token = newRoomToken();
    while (this.roomByToken(token)) token = newRoomToken();
    this.db
      .prepare('INSERT INTO rooms (token, type, name, password_hash, created_at, last_activity) VALUES (?, ?, ?, ?, ?, ?)')
      .run(token, type, name, passwordHash, now, now);
    return this.roomByToken(token)!;
  }

  deleteRoom(roomId: number): void {
    this.db.prepare('DELETE FROM rooms WHERE id = ?').run(roomId);
  }

  touchRoom(roomId: number, now: number): void {
    this.db.prepare('UPDATE rooms SET last_activity = ? WHERE id = ?').run(now, roomId);
  }

  setLobby(roomId: number, state: number, timer: number): void {
    this.db.prepare('UPDATE rooms SET lobby_state = ?, lobby_timer = ? WHERE id = ?').run(state, timer, roomId);
  }

  /** Stores the password's hash; null removes the password. */
  setPasswordHash(roomId: number, passwordHash: string | null): void {
    this.db.prepare('UPDATE rooms SET password_hash = ? WHERE id = ?').run(passwordHash, roomId);
  }

  setRoomPermissions(roomId: number, mode: 'default' | 'call', permissions: number): void {
    const column = mode === 'default' ? 'default_permissions' : 'call_permissions';
    this.db.prepare(`UPDATE rooms SET ${column} = ? WHERE id = ?`).run(permissions, roomId);
  }

  /** Changes the room's type; the password goes unless `keepPassword`. */
  setRoomType(roomId: number, type: RoomTypeValue, keepPassword: boolean): void {
    this.db
      .prepare('UPDATE rooms SET type = ?, password_hash = CASE WHEN ? THEN password_hash ELSE NULL END WHERE id = ?')
      .run(type, keepPassword ? 1 : 0, roomId);
  }

  /** Whether anyone in the room is in its call. */
  hasCall(roomId: number): boolean {
    const row = this.db
      .prepare('SELECT 1 FROM sessions s JOIN attendees a ON a.id = s.attendee_id WHERE a.room_id = ? AND s.in_call > 0 LIMIT 1')
      .get(roomId);
    return !!row;
  }

  // ---- attendees --------------------------------------------------------------------------------

  /** The caller's attendee in the room: an account by its id, a guest by its browser session. */
  attendeeOf(room: RoomRow, identity: Identity): AttendeeRow | null {
    if (identity.kind === 'user') return this.attendeeByActor(room.id, 'users', identity.userId) ?? null;
    if (!identity.browserSession) return null;
    return (
      (this.db
        .prepare("SELECT * FROM attendees WHERE room_id = ? AND actor_type = 'guests' AND browser_session = ?")
        .get(room.id, identity.browserSession) as AttendeeRow | undefined) ?? null
    );
  }

  attendeeByActor(roomId: number, actorType: string, actorId: string): AttendeeRow | undefined {
    return this.db
      .prepare('SELECT * FROM attendees WHERE room_id = ? AND actor_type = ? AND actor_id = ?')
      .get(roomId, actorType, actorId) as AttendeeRow | undefined;
  }

  /** The attendee a moderation route names, if it is in the room. */
  attendeeByRef(roomId: number, ref: AttendeeRef): AttendeeRow | undefined {
    if ('attendeeId' in ref) {
      return this.db.prepare('SELECT * FROM attendees WHERE room_id = ? AND id = ?').get(roomId, ref.attendeeId) as
        | AttendeeRow
        | undefined;
    }
    if ('userId' in ref) return this.attendeeByActor(roomId, 'users', ref.userId);
    return this.db
      .prepare('SELECT a.* FROM attendees a JOIN sessions s ON s.attendee_id = a.id WHERE a.room_id = ? AND s.id = ?')
      .get(roomId, ref.guestSessionId) as AttendeeRow | undefined;
  }

  /** Everyone in the room, in the order they came. */
  attendeesOf(roomId: number): AttendeeRow[] {
    return this.db.prepare('SELECT * FROM attendees WHERE room_id = ? ORDER BY id').all(roomId) as AttendeeRow[];
  }

  insertAttendee(
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

  setParticipantType(attendeeId: number, participantType: ParticipantTypeValue): void {
    this.db.prepare('UPDATE attendees SET participant_type = ? WHERE id = ?').run(participantType, attendeeId);
  }

  setAttendeePermissions(attendeeId: number, permissions: number): void {
    this.db.prepare('UPDATE attendees SET permissions = ? WHERE id = ?').run(permissions, attendeeId);
  }

  /** Every person back on the conversation's permissions (groups and circles have none), as Talk resets them. */
  resetAttendeePermissions(roomId: number): void {
    this.db.prepare("UPDATE attendees SET permissions = 0 WHERE room_id = ? AND actor_type NOT IN ('groups', 'circles')").run(roomId);
  }

  /**
   * Adds or removes bits on everyone with permissions of their own (Talk's AttendeeMapper::modifyPermissions):
   * those following the conversation's permissions follow its change instead.
   */
  modifyAttendeePermissions(roomId: number, method: 'add' | 'remove', bits: number): void {
    const set = method === 'add' ? 'permissions | ?' : 'permissions & ~?';
    this.db
      .prepare(
        `UPDATE attendees SET permissions = ${set} WHERE room_id = ? AND permissions != 0 AND actor_type NOT IN ('groups', 'circles')`,
      )
      .run(bits, roomId);
  }

  setDisplayName(attendeeId: number, displayName: string): void {
    this.db.prepare('UPDATE attendees SET display_name = ? WHERE id = ?').run(displayName, attendeeId);
  }

  deleteAttendee(attendeeId: number): void {
    this.db.prepare('DELETE FROM attendees WHERE id = ?').run(attendeeId);
  }

  /**
   * Removes a guest, or an account that came in by the link, once it has no session left: they exist in a
   * room only while connected.
   */
  deleteAttendeeIfGoneOffline(attendeeId: number): void {
    this.db
      .prepare(
        `DELETE FROM attendees WHERE id = ? AND participant_type IN (${ParticipantType.Guest}, ${ParticipantType.UserSelfJoined})
         AND actor_type IN ('guests', 'users') AND NOT EXISTS (SELECT 1 FROM sessions WHERE attendee_id = attendees.id)`,
      )
      .run(attendeeId);
  }

  countModerators(roomId: number): number {
    const row = this.db
      .prepare(
        `SELECT COUNT(*) AS n FROM attendees WHERE room_id = ? AND participant_type IN
         (${ParticipantType.Owner}, ${ParticipantType.Moderator}, ${ParticipantType.GuestModerator})`,
      )
      .get(roomId) as { n: number };
    return row.n;
  }

  /** People (accounts, guests, email invitees; not groups or circles) in the room other than this attendee. */
  countOtherPeople(roomId: number, exceptAttendeeId: number): number {
    const row = this.db
      .prepare("SELECT COUNT(*) AS n FROM attendees WHERE room_id = ? AND id != ? AND actor_type IN ('users', 'guests', 'emails')")
      .get(roomId, exceptAttendeeId) as { n: number };
    return row.n;
  }

  countGuests(roomId: number): number {
    const row = this.db
      .prepare("SELECT COUNT(*) AS n FROM attendees WHERE room_id = ? AND actor_type = 'guests'")
      .get(roomId) as { n: number };
    return row.n;
  }

  /** The display name of the room's other account (one-to-one rooms), if there is one. */
  otherAccountName(roomId: number, selfActorId: string): string | undefined {
    const row = this.db
      .prepare("SELECT display_name FROM attendees WHERE room_id = ? AND actor_type = 'users' AND actor_id != ?")
      .get(roomId, selfActorId) as { display_name: string } | undefined;
    return row?.display_name;
  }

  // ---- accounts, groups, circles ----------------------------------------------------------------

  userDisplayName(userId: string): string | undefined {
    const row = this.db.prepare('SELECT display_name FROM users WHERE id = ?').get(userId) as
      | { display_name: string }
      | undefined;
    return row?.display_name;
  }

  collectiveName(kind: CollectiveKind, id: string): string | undefined {
    const row = this.db.prepare(`SELECT display_name FROM ${COLLECTIVE_TABLES[kind].table} WHERE id = ?`).get(id) as
      | { display_name: string }
      | undefined;
    return row?.display_name;
  }

  collectiveMembers(kind: CollectiveKind, id: string): { id: string; display_name: string }[] {
    const { members, key } = COLLECTIVE_TABLES[kind];
    return this.db
      .prepare(`SELECT u.id, u.display_name FROM ${members} m JOIN users u ON u.id = m.user_id WHERE m.${key} = ?`)
      .all(id) as { id: string; display_name: string }[];
  }

  /** The statuses of the accounts in the room. */
  userStatusesIn(roomId: number): UserStatusRow[] {
    return this.db
      .prepare(
        `SELECT st.* FROM user_status st JOIN attendees a ON a.actor_id = st.user_id AND a.actor_type = 'users'
         WHERE a.room_id = ?`,
      )
      .all(roomId) as UserStatusRow[];
  }

  // ---- sessions ---------------------------------------------------------------------------------

  /** An attendee's sessions, the latest ping first. */
  sessionsOf(attendeeId: number): SessionRow[] {
    return this.db
      .prepare('SELECT * FROM sessions WHERE attendee_id = ? ORDER BY last_ping DESC')
      .all(attendeeId) as SessionRow[];
  }

  /** The session an attendee holds from one browser. */
  browserSessionOf(attendee: AttendeeRow | null, browserSession: string | null): SessionRow | null {
    if (!attendee || !browserSession) return null;
    return (
      (this.db
        .prepare('SELECT * FROM sessions WHERE attendee_id = ? AND browser_session = ? ORDER BY last_ping DESC')
        .get(attendee.id, browserSession) as SessionRow | undefined) ?? null
    );
  }

  /** Every session in the room, the latest ping first. */
  sessionsIn(roomId: number): SessionRow[] {
    return this.db
      .prepare('SELECT s.* FROM sessions s JOIN attendees a ON a.id = s.attendee_id WHERE a.room_id = ? ORDER BY s.last_ping DESC')
      .all(roomId) as SessionRow[];
  }

  /** Every session in the room with who holds it, for internal signaling. */
  sessionsWithActorsIn(roomId: number): SessionInRoomRow[] {
    return this.db
      .prepare(
        `SELECT s.id, s.in_call, s.last_ping, a.actor_type, a.actor_id, a.participant_type, a.permissions FROM sessions s
         JOIN attendees a ON a.id = s.attendee_id WHERE a.room_id = ?`,
      )
      .all(roomId) as SessionInRoomRow[];
  }

  insertSession(session: SessionRow): void {
    this.db
      .prepare('INSERT INTO sessions (id, attendee_id, browser_session, in_call, last_ping) VALUES (?, ?, ?, ?, ?)')
      .run(session.id, session.attendee_id, session.browser_session, session.in_call, session.last_ping);
  }

  pingSession(sessionId: string, now: number): void {
    this.db.prepare('UPDATE sessions SET last_ping = ? WHERE id = ?').run(now, sessionId);
  }

  deleteSessionsOf(attendeeId: number): void {
    this.db.prepare('DELETE FROM sessions WHERE attendee_id = ?').run(attendeeId);
  }

  deleteBrowserSession(attendeeId: number, browserSession: string): void {
    this.db.prepare('DELETE FROM sessions WHERE attendee_id = ? AND browser_session = ?').run(attendeeId, browserSession);
  }

  /** Attendees with a real (not simulated) session whose last ping is before `cutoff`. */
  attendeesWithSilentSessions(cutoff: number): number[] {
    return this.db
      .prepare('SELECT DISTINCT attendee_id FROM sessions WHERE simulated = 0 AND last_ping < ?')
      .pluck()
      .all(cutoff) as number[];
  }

  deleteSilentSessions(cutoff: number): void {
    this.db.prepare('DELETE FROM sessions WHERE simulated = 0 AND last_ping < ?').run(cutoff);
  }

  // ---- browser sessions -------------------------------------------------------------------------

  /** Attendees holding a (real) session from a browser session created before `createdBefore`. */
  attendeesWithSessionsFromBrowserSessionsBefore(createdBefore: number): number[] {
    return this.db
      .prepare(
        `SELECT DISTINCT s.attendee_id FROM sessions s JOIN browser_sessions b ON b.id = s.browser_session
         WHERE s.simulated = 0 AND b.created_at < ?`,
      )
      .pluck()
      .all(createdBefore) as number[];
  }

  deleteSessionsFromBrowserSessionsBefore(createdBefore: number): void {
    this.db
      .prepare('DELETE FROM sessions WHERE simulated = 0 AND browser_session IN (SELECT id FROM browser_sessions WHERE created_at < ?)')
      .run(createdBefore);
  }

  deleteBrowserSessionsBefore(createdBefore: number): number {
    this.db
      .prepare('DELETE FROM browser_rooms WHERE browser_session IN (SELECT id FROM browser_sessions WHERE created_at < ?)')
      .run(createdBefore);
    return this.db.prepare('DELETE FROM browser_sessions WHERE created_at < ?').run(createdBefore).changes;
  }

  /** This browser session joined the room (and has not left it since). */
  rememberJoin(browserSession: string, roomId: number): void {
    this.db.prepare('INSERT OR IGNORE INTO browser_rooms (browser_session, room_id) VALUES (?, ?)').run(browserSession, roomId);
  }

  forgetJoin(browserSession: string, roomId: number): void {
    this.db.prepare('DELETE FROM browser_rooms WHERE browser_session = ? AND room_id = ?').run(browserSession, roomId);
  }

  joinedFrom(browserSession: string, roomId: number): boolean {
    return this.db.prepare('SELECT 1 FROM browser_rooms WHERE browser_session = ? AND room_id = ?').get(browserSession, roomId) !== undefined;
  }
}
