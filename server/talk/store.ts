import type { Db } from '../db/schema';
import { OcsError, badRequest, forbidden, notFound, unauthorized, type ApiGeneration } from '../http/ocs';
import { hashPassword, newGuestActorId, newSessionId } from '../secrets';
import { ParticipantType, RoomType, type PermissionMethod, type RoomPermissionMode, type RoomTypeValue } from '../../contract/wire';
import {
  moderatedRoom,
  participantRoom,
  requireRosterAccess,
  resolveAttendee,
  viewOf,
  visibleRoom,
  type ParticipantRoomView,
  type RoomView,
} from './access';
import { bannedFromBeingAdded, checkNotBannedFromJoining, isActorBanned } from './bans';
import { expireSilentSessions } from './expiry';
import {
  effectivePermissions,
  isModerator,
  nowSeconds,
  type AttendeeRow,
  type Identity,
  type RoomRow,
  type SessionRow,
  type UserStatusRow,
} from './model';
import { TalkRepository, type AttendeeRef, type CollectiveKind } from './repository';
import {
  STATUS_PARTICIPANT_LIMIT,
  attendeePermissionsAfter,
  checkJoinPassword,
  checkRoomPermissionsChange,
  checkNewRoom,
  checkOneToOneInvite,
  checkParticipantsCanBeAdded,
  checkPasswordChange,
  checkPublicChange,
  checkRemoval,
  checkSessionConflict,
  demotedType,
  emailInviteMakesPublic,
  emailInvitee,
  isOneToOne,
  joinPasswordHash,
  leavingClosesRoom,
  lobbyTimerToStore,
  promotedType,
  roomPermissionsAfter,
} from './rules';

export type { AttendeeRef, RoomView };

export interface ParticipantView {
  attendee: AttendeeRow;
  sessions: SessionRow[];
  status: UserStatusRow | null;
}

export interface StoreOptions {
  circlesEnabled: boolean;
}

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

/**
 * The Talk operations the routes call, each composed of the parts that own one job: ./access (who may see and
 * do what), ./rules (Talk's rules about the change), ./expiry (what ends by itself with time) and
 * ./repository (the SQL). Every public method runs in one IMMEDIATE transaction (`transaction`), so a rule
 * checked at the start of a call (e.g. "the actor is a moderator", "another moderator remains") still holds
 * when it writes.
 */
export class TalkStore {
  private readonly repository: TalkRepository;

  constructor(
    private readonly db: Db,
    private readonly options: StoreOptions,
  ) {
    this.repository = new TalkRepository(db);
  }

  /** Runs `work` in one write transaction, after ending what has expired; the building block of every route. */
  transaction<T>(work: () => T): T {
    return this.db
      .transaction(() => {
        expireSilentSessions(this.repository, nowSeconds());
        return work();
      })
      .immediate();
  }

  /** Rows this connection has inserted, updated or deleted so far: tells whether a request changed anything. */
  private totalChanges(): number {
    return (this.db.prepare('SELECT total_changes() AS changes').get() as { changes: number }).changes;
  }

  /**
   * Moves the room's lastActivity, as the system message Talk posts for a participant or room change does: it is
   * how clients (rollcall's roster among them) learn from the cheap room request that something changed.
   */
  private touch(room: RoomRow): void {
    this.repository.touchRoom(room.id, nowSeconds());
  }

  // ---- rooms ------------------------------------------------------------------------------------

  listRooms(identity: Identity): RoomView[] {
    if (identity.kind !== 'user') return [];
    const now = nowSeconds();
    return this.repository.roomsOfUser(identity.userId).map((room) => viewOf(this.repository, room, identity, now));
  }

  getRoom(token: string, identity: Identity): RoomView {
    return visibleRoom(this.repository, token, identity, nowSeconds());
  }

  /** For one-to-one rooms the name is the other account; everyone else sees the stored name. */
  displayNameOf(room: RoomRow, self: AttendeeRow | null): string {
    if (!isOneToOne(room)) return room.name;
    return this.repository.otherAccountName(room.id, self?.actor_id ?? '') ?? room.name;
  }

  countGuests(roomId: number): number {
    return this.repository.countGuests(roomId);
  }

  hasCall(roomId: number): boolean {
    return this.repository.hasCall(roomId);
  }

  createRoom(
    identity: Identity,
    input: { roomType: number; roomName: string; password?: string; invite?: string; source?: string },
  ): { view: RoomView; created: boolean } {
    if (identity.kind !== 'user') throw unauthorized('Only accounts can create conversations');
    const now = nowSeconds();
    const { repository } = this;

    if (input.roomType === RoomType.OneToOne) {
      const otherId = checkOneToOneInvite(identity.userId, input.invite);
      const otherName = repository.userDisplayName(otherId);
      if (otherName === undefined) throw notFound('No such account', 'invite');
      const existing = repository.oneToOneRoomOf(identity.userId, otherId);
      if (existing) return { view: this.getRoom(existing.token, identity), created: false };
      const room = repository.insertRoom(RoomType.OneToOne, [identity.userId, otherId].sort().join(','), null, now);
      repository.insertAttendee(room.id, 'users', identity.userId, identity.displayName, ParticipantType.Owner);
      repository.insertAttendee(room.id, 'users', otherId, otherName, ParticipantType.Owner);
      return { view: this.getRoom(room.token, identity), created: true };
    }

    const { roomType, name } = checkNewRoom(input);
    const room = repository.insertRoom(roomType, name, input.password ? hashPassword(input.password) : null, now);
    repository.insertAttendee(room.id, 'users', identity.userId, identity.displayName, ParticipantType.Owner);
    if (input.invite) this.addParticipantUnchecked(room, input.invite, input.source ?? 'users');
    return { view: this.getRoom(room.token, identity), created: true };
  }

  setLobby(token: string, identity: Identity, state: number, timer: number | null): RoomView {
    const { room } = moderatedRoom(this.repository, token, identity, nowSeconds());
    this.repository.setLobby(room.id, state, lobbyTimerToStore(room, state, timer, nowSeconds()));
    this.touch(room);
    return this.getRoom(token, identity);
  }

  /** `PUT /room/{token}/password`: sets the password of a public conversation; an empty one removes it. */
  setPassword(token: string, identity: Identity, password: string): RoomView {
    const { room } = moderatedRoom(this.repository, token, identity, nowSeconds());
    checkPasswordChange(room);
    this.repository.setPasswordHash(room.id, password === '' ? null : hashPassword(password));
    this.touch(room);
    return this.getRoom(token, identity);
  }

  setPublic(token: string, identity: Identity, makePublic: boolean): RoomView {
    const { room } = moderatedRoom(this.repository, token, identity, nowSeconds());
    this.repository.setRoomType(room.id, checkPublicChange(room, makePublic), makePublic);
    this.touch(room);
    return this.getRoom(token, identity);
  }

  // ---- participants -----------------------------------------------------------------------------

  listParticipants(
    token: string,
    identity: Identity,
    includeStatus: boolean,
  ): { room: RoomRow; participants: ParticipantView[]; statusesLoaded: boolean } {
    const view = participantRoom(this.repository, token, identity, nowSeconds());
    requireRosterAccess(view);
    const { room } = view;
    const attendees = this.repository.attendeesOf(room.id);
    const sessionsByAttendee = new Map<number, SessionRow[]>();
    for (const session of this.repository.sessionsIn(room.id)) {
      const list = sessionsByAttendee.get(session.attendee_id);
      if (list) list.push(session);
      else sessionsByAttendee.set(session.attendee_id, [session]);
    }
    const statusesLoaded = includeStatus && attendees.length < STATUS_PARTICIPANT_LIMIT;
    const statuses = new Map<string, UserStatusRow>();
    if (statusesLoaded) {
      for (const row of this.repository.userStatusesIn(room.id)) statuses.set(row.user_id, row);
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

  /** Answers the room's type after adding an email guest (Talk reports it, changed or not). */
  addParticipant(
    token: string,
    identity: Identity,
    newParticipant: string,
    source: string,
  ): { roomType?: RoomTypeValue } {
    const { room } = moderatedRoom(this.repository, token, identity, nowSeconds());
    checkParticipantsCanBeAdded(room);
    const changesBefore = this.totalChanges();
    const result = this.addParticipantUnchecked(room, newParticipant, source);
    // Talk posts a system message, and so moves lastActivity, only when someone was added (or the type changed):
    // re-adding someone already in is a silent 200.
    if (this.totalChanges() !== changesBefore) this.touch(room);
    return result;
  }

  private addParticipantUnchecked(room: RoomRow, newParticipant: string, source: string): { roomType?: RoomTypeValue } {
    switch (source) {
      case 'users': {
        const displayName = this.repository.userDisplayName(newParticipant);
        if (displayName === undefined) throw notFound('No such account', 'new-participant');
        if (isActorBanned(this.db, room.id, 'users', newParticipant)) throw bannedFromBeingAdded();
        this.addUser(room, newParticipant, displayName);
        return {};
      }
      case 'groups':
        this.addCollective(room, 'groups', newParticipant);
        return {};
      case 'circles':
        if (!this.options.circlesEnabled) throw badRequest('Circles are not supported on this server', 'source');
        this.addCollective(room, 'circles', newParticipant);
        return {};
      case 'emails': {
        const email = emailInvitee(newParticipant);
        if (isActorBanned(this.db, room.id, 'emails', email)) throw bannedFromBeingAdded();
        if (!this.repository.attendeeByActor(room.id, 'emails', email)) {
          this.repository.insertAttendee(room.id, 'emails', email, '', ParticipantType.Guest);
        }
        if (emailInviteMakesPublic(room)) this.repository.setRoomType(room.id, RoomType.Public, true);
        return { roomType: RoomType.Public };
      }
      default:
        throw badRequest(
          `Unknown source "${source}": use users, groups, emails${this.options.circlesEnabled ? ' or circles' : ''}`,
          'source',
        );
    }
  }

  private addUser(room: RoomRow, userId: string, displayName: string): void {
    const existing = this.repository.attendeeByActor(room.id, 'users', userId);
    if (!existing) {
      this.repository.insertAttendee(room.id, 'users', userId, displayName, ParticipantType.User);
    } else if (existing.participant_type === ParticipantType.UserSelfJoined) {
      // Someone who came in by the public link becomes a proper member when invited.
      this.repository.setParticipantType(existing.id, ParticipantType.User);
    }
  }

  /** A group or circle joins as itself, and each of its members as a member. */
  private addCollective(room: RoomRow, kind: CollectiveKind, id: string): void {
    const name = this.repository.collectiveName(kind, id);
    if (name === undefined) throw notFound(`No such ${kind === 'groups' ? 'group' : 'circle'}`, 'new-participant');
    if (!this.repository.attendeeByActor(room.id, kind, id)) {
      this.repository.insertAttendee(room.id, kind, id, name, ParticipantType.User);
    }
    for (const member of this.repository.collectiveMembers(kind, id)) {
      // As in Talk, banned members stay out when their group or circle is added.
      if (!isActorBanned(this.db, room.id, 'users', member.id)) this.addUser(room, member.id, member.display_name);
    }
  }

  /**
   * Removes someone else (v4 attendees route, v1 participants and guests routes). Acting on yourself is leaving,
   * with the last-moderator rule, as in Talk.
   */
  removeAttendee(token: string, identity: Identity, ref: AttendeeRef, options: { guestsOnly?: boolean } = {}): void {
    const view = participantRoom(this.repository, token, identity, nowSeconds());
    if (!isModerator(view.self)) {
      const target = this.repository.attendeeByRef(view.room.id, ref);
      if (target?.id === view.self.id) return this.removeSelfIn(view);
      throw forbidden('Only moderators can remove participants');
    }
    const target = resolveAttendee(this.repository, view.room, ref);
    if (target.id === view.self.id) return this.removeSelfIn(view);
    checkRemoval(view.room, target, options);
    this.repository.deleteAttendee(target.id);
    this.touch(view.room);
  }

  removeSelf(token: string, identity: Identity): void {
    this.removeSelfIn(participantRoom(this.repository, token, identity, nowSeconds()));
  }

  private removeSelfIn({ room, self }: ParticipantRoomView): void {
    const closes = leavingClosesRoom(self, {
      otherPeople: this.repository.countOtherPeople(room.id, self.id),
      moderators: this.repository.countModerators(room.id),
    });
    if (closes) {
      this.repository.deleteRoom(room.id);
    } else {
      this.repository.deleteAttendee(self.id);
      this.touch(room);
    }
  }

  promote(token: string, identity: Identity, ref: AttendeeRef, generation: ApiGeneration): void {
    const { room, self } = moderatedRoom(this.repository, token, identity, nowSeconds());
    const target = resolveAttendee(this.repository, room, ref);
    this.repository.setParticipantType(target.id, promotedType(room, self, target, generation));
    this.touch(room);
  }

  demote(token: string, identity: Identity, ref: AttendeeRef, generation: ApiGeneration): void {
    const { room, self } = moderatedRoom(this.repository, token, identity, nowSeconds());
    const target = resolveAttendee(this.repository, room, ref);
    this.repository.setParticipantType(target.id, demotedType(room, self, target, generation));
    this.touch(room);
  }

  // ---- permissions (v4) -------------------------------------------------------------------------

  /** `PUT …/attendees/permissions`: one person's own permissions (rules: attendeePermissionsAfter). */
  setAttendeePermissions(token: string, identity: Identity, attendeeId: number, method: PermissionMethod, permissions: number): void {
    const { room } = moderatedRoom(this.repository, token, identity, nowSeconds());
    const target = resolveAttendee(this.repository, room, { attendeeId });
    this.repository.setAttendeePermissions(target.id, attendeePermissionsAfter(room, target, method, permissions));
    // Talk makes someone who came in by the link a proper member once a moderator has chosen their permissions.
    if (target.participant_type === ParticipantType.UserSelfJoined) {
      this.repository.setParticipantType(target.id, ParticipantType.User);
    }
  }

  /**
   * `PUT /room/{token}/permissions/{mode}`: the conversation's default (or call) permissions. Like Talk, setting
   * them puts every person back on them: permissions chosen for single people are reset.
   */
  setRoomPermissions(token: string, identity: Identity, mode: RoomPermissionMode, permissions: number): RoomView {
    const { room } = moderatedRoom(this.repository, token, identity, nowSeconds());
    checkRoomPermissionsChange(room);
    const old = mode === 'default' ? room.default_permissions : room.call_permissions;
    this.repository.setRoomPermissions(room.id, mode, roomPermissionsAfter(old, 'set', permissions));
    this.repository.resetAttendeePermissions(room.id);
    return this.getRoom(token, identity);
  }

  /**
   * `PUT …/attendees/permissions/all` (deprecated in Talk): changes the call permissions; `set` resets everyone's
   * own permissions, `add` and `remove` apply to those who have their own too (Talk's RoomService::setPermissions).
   */
  setAllAttendeesPermissions(token: string, identity: Identity, method: PermissionMethod, permissions: number): RoomView {
    const { room } = moderatedRoom(this.repository, token, identity, nowSeconds());
    checkRoomPermissionsChange(room);
    this.repository.setRoomPermissions(room.id, 'call', roomPermissionsAfter(room.call_permissions, method, permissions));
    if (method === 'set') this.repository.resetAttendeePermissions(room.id);
    else this.repository.modifyAttendeePermissions(room.id, method, permissions);
    return this.getRoom(token, identity);
  }

  // ---- sessions ---------------------------------------------------------------------------------

  /**
   * What a join must check first, outside any transaction: 404 for a room the caller cannot see, 403 for someone
   * banned (before the password, as in Talk: no password lets a banned person in), and the hash of the password
   * the caller must give, or null.
   */
  passwordHashToJoin(token: string, identity: Identity): string | null {
    const { room, self } = visibleRoom(this.repository, token, identity, nowSeconds());
    checkNotBannedFromJoining(this.db, room, identity);
    return joinPasswordHash(room, self);
  }

  /**
   * Joins the caller to the room from this browser (a 409 for a session they already have, unless `force`).
   * `checkedPasswordHash`: the room password hash the caller's password was found to match (passwordHashToJoin).
   */
  join(
    token: string,
    identity: Identity & { browserSession: string },
    input: { checkedPasswordHash: string | null; force: boolean },
  ): RoomView & { self: AttendeeRow; session: SessionRow } {
    const { repository } = this;
    const view = visibleRoom(repository, token, identity, nowSeconds());
    const { room } = view;
    let self = view.self;
    checkNotBannedFromJoining(this.db, room, identity);
    checkJoinPassword(room, self, input.checkedPasswordHash);

    if (self) {
      checkSessionConflict(repository.sessionsOf(self.id), input.force);
      repository.deleteSessionsOf(self.id);
    } else if (identity.kind === 'user') {
      self = repository.insertAttendee(room.id, 'users', identity.userId, identity.displayName, ParticipantType.UserSelfJoined);
    } else {
      self = repository.insertAttendee(room.id, 'guests', newGuestActorId(), '', ParticipantType.Guest, identity.browserSession);
    }

    const session: SessionRow = {
      id: newSessionId(),
      attendee_id: self.id,
      browser_session: identity.browserSession,
      in_call: 0,
      last_ping: nowSeconds(),
    };
    repository.insertSession(session);
    repository.rememberJoin(identity.browserSession, room.id);
    return { room, self, session };
  }

  /**
   * This browser no longer holds a session for the conversation: as Talk, which drops it from the browser's
   * Nextcloud session before anything else of leaving can be refused (so its own transaction: see `leave`).
   */
  forgetJoin(token: string, identity: Identity): void {
    const room = this.repository.roomByToken(token);
    if (room && identity.browserSession) this.repository.forgetJoin(identity.browserSession, room.id);
  }

  /** Ends this browser's session. Guests and link-joined users leave the room with their last session. */
  leave(token: string, identity: Identity): void {
    const { self } = visibleRoom(this.repository, token, identity, nowSeconds());
    if (!self) return;
    if (identity.browserSession) this.repository.deleteBrowserSession(self.id, identity.browserSession);
    else this.repository.deleteSessionsOf(self.id);
    this.repository.deleteAttendeeIfGoneOffline(self.id);
  }

  /**
   * Internal signaling, as Talk's web client pulls it without a signaling server: keeps this browser's session
   * alive and lists the sessions in the room. 404 when this browser holds no session for the room (it never
   * joined it, or left it); 409 when the session it joined with has ended, whatever ended it.
   */
  pullSignaling(token: string, identity: Identity): SignalingSession[] {
    const gone = [{ type: 'usersInRoom', data: [] }];
    const room = this.repository.roomByToken(token);
    if (!room) throw new OcsError(404, 'Conversation not found', undefined, gone);
    const self = this.repository.attendeeOf(room, identity);
    const session = self ? this.repository.browserSessionOf(self, identity.browserSession) : undefined;
    if (!self || !session) {
      // Talk answers 409 to any session that ended (removed, timed out or replaced by another window): the
      // browser's Nextcloud session still names it, per conversation. One that names none here (this browser
      // never joined the conversation, or left it, whatever else it joined): 404.
      if (!identity.browserSession || !this.repository.joinedFrom(identity.browserSession, room.id)) {
        throw new OcsError(404, 'You are not in this conversation', undefined, gone);
      }
      throw new OcsError(409, 'Session killed', undefined, gone);
    }
    const now = nowSeconds();
    this.repository.pingSession(session.id, now);
    return this.repository.sessionsWithActorsIn(room.id).map((row) => ({
      userId: row.actor_type === 'users' ? row.actor_id : '',
      sessionId: row.id,
      roomId: room.id,
      inCall: row.in_call,
      lastPing: row.id === session.id ? now : row.last_ping,
      participantPermissions: effectivePermissions(room, row),
      actorType: row.actor_type,
      actorId: row.actor_id,
    }));
  }

  setGuestName(token: string, identity: Identity, displayName: string): void {
    if (identity.kind !== 'guest') {
      // Checked before the room so that accounts learn why, as in Talk.
      this.getRoom(token, identity);
      throw forbidden('Only guests can set a guest name');
    }
    const { self } = participantRoom(this.repository, token, identity, nowSeconds());
    this.repository.setDisplayName(self.id, displayName);
  }
}
