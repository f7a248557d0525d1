import { LobbyState, ParticipantType, RoomType } from '../../contract/wire';
import { OcsError, forbidden, notFound } from '../http/ocs';
import { liftExpiredLobby } from './expiry';
import { isModerator, skipsLobby, type AttendeeRow, type Identity, type RoomRow, type SessionRow } from './model';
import type { AttendeeRef, TalkRepository } from './repository';

/**
 * Who may see and do what in a room, as Talk decides it before any rule about the change itself: rooms are
 * found as the caller may see them, and each level (visible, participant, moderator) refuses with Talk's
 * status when the caller falls short.
 */

/** A room as one caller sees it: the row, and the caller's attendee (null when they are not in it). */
export interface RoomView {
  room: RoomRow;
  self: AttendeeRow | null;
  /** The caller's session in this room from this browser, if any. */
  session: SessionRow | null;
}

export type ParticipantRoomView = RoomView & { self: AttendeeRow };

/** The room with the caller's place in it (no check of who may see it: for rooms the caller is listed in). */
export function viewOf(repository: TalkRepository, found: RoomRow, identity: Identity, now: number): RoomView {
  const room = liftExpiredLobby(repository, found, now);
  const self = repository.attendeeOf(room, identity);
  return { room, self, session: repository.browserSessionOf(self, identity.browserSession) };
}

/**
 * The room as the caller may see it. Members see their rooms; anyone may see a public room (to join it);
 * everyone else gets the same 404 as for a room that does not exist, so tokens cannot be probed.
 */
export function visibleRoom(repository: TalkRepository, token: string, identity: Identity, now: number): RoomView {
  const found = repository.roomByToken(token);
  if (!found) throw notFound('Conversation not found');
  const view = viewOf(repository, found, identity, now);
  if (!view.self && view.room.type !== RoomType.Public) throw notFound('Conversation not found');
  return view;
}

/** Routes that need the caller to be in the room (Talk's RequireParticipant). */
export function participantRoom(repository: TalkRepository, token: string, identity: Identity, now: number): ParticipantRoomView {
  const view = visibleRoom(repository, token, identity, now);
  if (!view.self) throw notFound('Conversation not found');
  return view as ParticipantRoomView;
}

/** Routes only moderators may call (Talk's RequireModeratorParticipant). */
export function moderatedRoom(repository: TalkRepository, token: string, identity: Identity, now: number): ParticipantRoomView {
  const view = participantRoom(repository, token, identity, now);
  if (!isModerator(view.self)) throw forbidden('Only moderators can do this');
  return view;
}

/**
 * Who may read the participant list: while the lobby is on only moderators and those given "skip the lobby"
 * (412 for the rest, as Talk lets a participant with that permission past the lobby), and never plain guests
 * (403). The lobby comes first, as on a real Talk 19 server: a guest waiting in it gets 412 like anyone else.
 */
export function requireRosterAccess({ room, self }: ParticipantRoomView): void {
  if (room.lobby_state === LobbyState.On && !skipsLobby(room, self)) throw new OcsError(412, 'The lobby is active');
  if (self.participant_type === ParticipantType.Guest) throw forbidden('Guests cannot list the participants');
}

/** The attendee a moderation route names; 404 when it is not in the room. */
export function resolveAttendee(repository: TalkRepository, room: RoomRow, ref: AttendeeRef): AttendeeRow {
  const row = repository.attendeeByRef(room.id, ref);
  if (!row) throw notFound('Participant not found', 'participant');
  return row;
}
