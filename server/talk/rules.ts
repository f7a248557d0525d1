import {
  LobbyState,
  ParticipantType,
  Permission,
  RoomType,
  type ParticipantTypeValue,
  type PermissionMethod,
  type RoomPermissionMode,
  type RoomTypeValue,
  type SessionConflictData,
} from '../../contract/wire';
import { isEmailAddress } from '../../contract/email';
import { OcsError, badRequest, forbidden, type ApiGeneration } from '../http/ocs';
import { effectivePermissions, isModerator, type AttendeeRow, type RoomRow, type SessionRow } from './model';

/**
 * Talk's rules about the changes themselves, once the caller may make them (./access): what a room of each
 * type allows, who can be promoted or removed, the last moderator, the password and the session conflict of a
 * join. Pure: rows and counts in, a decision out, or an OcsError with Talk's status.
 */

/** Statuses are only loaded below this many participants: a real Talk 19 server leaves them out from 1000 on. */
export const STATUS_PARTICIPANT_LIMIT = 1000;

export const isOneToOne = (room: RoomRow): boolean =>
  room.type === RoomType.OneToOne || room.type === RoomType.FormerOneToOne;

/** A one-to-one conversation needs the other account, and it cannot be yourself. */
export function checkOneToOneInvite(userId: string, invite: string | undefined): string {
  const otherId = invite ?? '';
  if (!otherId) throw badRequest('A one-to-one conversation needs "invite": the other account', 'invite');
  if (otherId === userId) throw forbidden('You cannot start a one-to-one conversation with yourself', 'invite');
  return otherId;
}

/** A group or public conversation: its type, a name, and a password only when public. Answers the name to store. */
export function checkNewRoom(input: { roomType: number; roomName: string; password?: string }): {
  roomType: RoomTypeValue;
  name: string;
} {
  if (input.roomType !== RoomType.Group && input.roomType !== RoomType.Public) {
    throw badRequest('roomType must be 1 (one-to-one), 2 (group) or 3 (public)', 'type');
  }
  const name = input.roomName.trim();
  if (!name) throw badRequest('A conversation needs a name', 'name');
  if (input.password && input.roomType !== RoomType.Public) {
    throw badRequest('Only public conversations can have a password', 'password');
  }
  return { roomType: input.roomType, name };
}

/** Answers the timer to store: a start time only while the lobby is on. */
export function lobbyTimerToStore(room: RoomRow, state: number, timer: number | null, now: number): number {
  if (isOneToOne(room)) throw badRequest('One-to-one conversations have no lobby', 'type');
  if (state !== LobbyState.Off && state !== LobbyState.On) throw badRequest('state must be 0 or 1', 'value');
  if (timer && timer <= now) throw badRequest('The lobby start time must be in the future', 'value');
  return state === LobbyState.On ? (timer ?? 0) : 0;
}

/** Only public conversations have a password (spec/talk-openapi.json: 400 {error: "type"} for the others). */
export function checkPasswordChange(room: RoomRow): void {
  if (room.type !== RoomType.Public) throw badRequest('Only public conversations can have a password', 'type');
}

/** Only a group conversation can be made public, and only a public one made a group again. */
export function checkPublicChange(room: RoomRow, makePublic: boolean): RoomTypeValue {
  const from = makePublic ? RoomType.Group : RoomType.Public;
  if (room.type !== from) {
    throw badRequest(makePublic ? 'Only group conversations can be made public' : 'The conversation is not public', 'type');
  }
  return makePublic ? RoomType.Public : RoomType.Group;
}

export function checkParticipantsCanBeAdded(room: RoomRow): void {
  if (isOneToOne(room)) throw badRequest('Participants cannot be added to a one-to-one conversation', 'room-type');
}

/** An email invitee as stored: trimmed and lower-case; 400 when it is not an address. */
export function emailInvitee(newParticipant: string): string {
  const email = newParticipant.trim().toLowerCase();
  if (!isEmailAddress(email)) throw badRequest('That is not an email address', 'new-participant');
  return email;
}

/** An email guest can only reach the conversation by its link, so Talk makes a group conversation public. */
export const emailInviteMakesPublic = (room: RoomRow): boolean => room.type === RoomType.Group;

/** A moderator removing someone else: guests only on the guests route, nobody from a one-to-one, never the owner. */
export function checkRemoval(room: RoomRow, target: AttendeeRow, options: { guestsOnly?: boolean }): void {
  if (options.guestsOnly && target.actor_type !== 'guests') throw badRequest('That participant is not a guest', 'participant');
  if (room.type === RoomType.OneToOne) throw badRequest('Nobody can be removed from a one-to-one conversation', 'room-type');
  if (target.participant_type === ParticipantType.Owner) throw forbidden('The owner cannot be removed', 'owner');
}

/**
 * Leaving: the last moderator cannot leave while others remain (promote someone first). Answers whether the
 * room closes, as Talk closes it when the last person leaves.
 */
export function leavingClosesRoom(self: AttendeeRow, counts: { otherPeople: number; moderators: number }): boolean {
  const othersRemain = counts.otherPeople > 0;
  if (isModerator(self) && othersRemain && counts.moderators <= 1) {
    throw badRequest('You are the last moderator: promote someone else first', 'last-moderator');
  }
  return !othersRemain;
}

/**
 * Nobody's role changes in a one-to-one conversation, and the owner's never does: a real Talk 19 server (v4)
 * answers both with 400, before it looks at who is asking for whom. Talk's v1 documentation has its own words
 * for the owner (403 to promote, 400 to demote: "not a moderator"), which the callers keep.
 */
function checkRoleCanChange(room: RoomRow, target: AttendeeRow, generation: ApiGeneration): void {
  if (isOneToOne(room)) throw badRequest('Nobody can be promoted or demoted in a one-to-one conversation', 'room-type');
  if (generation === 'v4' && target.participant_type === ParticipantType.Owner) {
    throw badRequest('The owner cannot be promoted or demoted', 'owner');
  }
}

/**
 * The type a promotion gives. Talk's v1 API promotes members (3) and guests (4) only, so a moderator naming
 * themselves gets its 400; v4 also promotes users who joined by link (5), and a real Talk 19 server answers
 * 403 to promoting yourself.
 */
export function promotedType(room: RoomRow, self: AttendeeRow, target: AttendeeRow, generation: ApiGeneration): ParticipantTypeValue {
  checkRoleCanChange(room, target, generation);
  if (target.participant_type === ParticipantType.Owner) throw forbidden('The owner cannot be promoted', 'owner');
  if (generation === 'v4' && target.id === self.id) throw forbidden('You cannot promote yourself');
  const promotable: number[] = [ParticipantType.User, ParticipantType.Guest];
  if (generation === 'v4') promotable.push(ParticipantType.UserSelfJoined);
  if (!promotable.includes(target.participant_type) || !['users', 'guests', 'emails'].includes(target.actor_type)) {
    throw badRequest('Only members and guests can be promoted');
  }
  return target.actor_type === 'users' ? ParticipantType.Moderator : ParticipantType.GuestModerator;
}

/** The type a demotion gives: moderators become members, guest moderators guests; nobody demotes themselves. */
export function demotedType(room: RoomRow, self: AttendeeRow, target: AttendeeRow, generation: ApiGeneration): ParticipantTypeValue {
  checkRoleCanChange(room, target, generation);
  if (target.id === self.id) throw forbidden('You cannot demote yourself');
  if (target.participant_type !== ParticipantType.Moderator && target.participant_type !== ParticipantType.GuestModerator) {
    throw badRequest('Only moderators can be demoted');
  }
  return target.participant_type === ParticipantType.Moderator ? ParticipantType.User : ParticipantType.Guest;
}

/** Who joins by the link (and so needs the password): anyone not in the room yet, guests, and link-joined users. */
export const joinsByLink = (self: AttendeeRow | null): boolean =>
  !self || self.participant_type === ParticipantType.Guest || self.participant_type === ParticipantType.UserSelfJoined;

/** The room password the caller must give to join, or null when they need none. */
export function joinPasswordHash(room: RoomRow, self: AttendeeRow | null): string | null {
  return room.password_hash && joinsByLink(self) ? room.password_hash : null;
}

export const wrongPassword = () => forbidden('Wrong password', 'password');

/**
 * The password was checked (off the transaction, it takes ~40 ms) against `checkedHash`: it must still be the
 * one the room needs, or the room's password changed meanwhile and the check proved nothing.
 */
export function checkJoinPassword(room: RoomRow, self: AttendeeRow | null, checkedHash: string | null): void {
  const needed = joinPasswordHash(room, self);
  if (needed !== null && needed !== checkedHash) throw wrongPassword();
}

/**
 * Talk's v1 participant API documents the join conflict so: with force=false, any session the caller already
 * has in the room is a 409 naming the latest one; with force, those sessions end and the new one begins. (A
 * real Talk 19 server answers 409 only for a session in a call and replaces any other; clients handle both.)
 */
export function checkSessionConflict(existing: SessionRow[], force: boolean): void {
  const latest = existing[0];
  if (latest && !force) {
    const conflict: SessionConflictData = { sessionId: latest.id, inCall: latest.in_call, lastPing: latest.last_ping };
    throw new OcsError(409, 'You already have a session in this conversation', undefined, conflict);
  }
}

// ---- permissions ---------------------------------------------------------------------------------

const PERMISSION_METHODS: readonly PermissionMethod[] = ['set', 'add', 'remove'];
const PERMISSION_MODES: readonly RoomPermissionMode[] = ['default', 'call'];

/** `method` of the permission routes: set, add or remove; 400 {error: "method"} otherwise. */
export function checkPermissionMethod(method: string): PermissionMethod {
  if (!(PERMISSION_METHODS as readonly string[]).includes(method)) {
    throw badRequest('method must be set, add or remove', 'method');
  }
  return method as PermissionMethod;
}

/** `mode` of `PUT /room/{token}/permissions/{mode}`: default or call; 400 {error: "mode"} otherwise. */
export function checkPermissionMode(mode: string): RoomPermissionMode {
  if (!(PERMISSION_MODES as readonly string[]).includes(mode)) throw badRequest('mode must be default or call', 'mode');
  return mode as RoomPermissionMode;
}

/** Talk stores a chosen set with the Custom bit, so that only "nothing chosen" is 0 (follow the defaults). */
export const withCustomBit = (permissions: number): number =>
  permissions === Permission.Default ? Permission.Default : permissions | Permission.Custom;

/**
 * The attendee permissions to store, as Talk's ParticipantService::updatePermissions computes them: nobody in a
 * one-to-one (400 room-type), never a moderator (400 moderator: they always have everything), never a group or
 * circle (400 type). `set` stores the bits with the Custom bit (0 stays 0: back to the defaults); `add` and
 * `remove` change the attendee's effective permissions and store the result as it is, without adding Custom,
 * as Talk does (so removing every bit from inherited permissions lands on 0, the defaults again).
 */
export function attendeePermissionsAfter(
  room: RoomRow,
  target: AttendeeRow,
  method: PermissionMethod,
  permissions: number,
): number {
  if (isOneToOne(room)) throw badRequest('Nobody has permissions of their own in a one-to-one conversation', 'room-type');
  if (isModerator(target)) throw badRequest('Moderators always have every permission', 'moderator');
  if (target.actor_type === 'groups' || target.actor_type === 'circles') {
    throw badRequest('Groups and circles have no permissions of their own', 'type');
  }
  const effective = effectivePermissions(room, target);
  switch (method) {
    case 'set':
      return withCustomBit(permissions);
    case 'add':
      return effective | permissions;
    case 'remove':
      return effective & ~permissions;
  }
}

/** Conversation permissions exist for group and public conversations (Talk: 400 {error: "type"} otherwise). */
export function checkRoomPermissionsChange(room: RoomRow): void {
  if (isOneToOne(room) || room.type === RoomType.NoteToSelf) {
    throw badRequest('This conversation has no permissions of its own', 'type');
  }
}

/** The room's call or default permissions after `method` (Talk's RoomService::setPermissions). */
export function roomPermissionsAfter(old: number, method: PermissionMethod, permissions: number): number {
  switch (method) {
    case 'set':
      return withCustomBit(permissions);
    case 'add':
      return old | permissions;
    case 'remove':
      return old & ~permissions;
  }
}
