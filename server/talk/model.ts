import { ParticipantType, type ParticipantTypeValue, type RoomTypeValue } from '../../contract/wire';

/** Rows as stored. */
export interface RoomRow {
  id: number;
  token: string;
  type: RoomTypeValue;
  name: string;
  description: string;
  password_hash: string | null;
  lobby_state: number;
  lobby_timer: number;
  read_only: number;
  created_at: number;
  last_activity: number;
}

export interface AttendeeRow {
  id: number;
  room_id: number;
  actor_type: string;
  actor_id: string;
  display_name: string;
  participant_type: ParticipantTypeValue;
  browser_session: string | null;
}

export interface SessionRow {
  id: string;
  attendee_id: number;
  browser_session: string | null;
  in_call: number;
  last_ping: number;
}

export interface UserStatusRow {
  user_id: string;
  status: string;
  icon: string | null;
  message: string | null;
  clear_at: number | null;
}

/** Who is asking: an account (HTTP Basic) or a browser without one (a guest, known by its session cookie). */
export type Identity =
  | { kind: 'user'; userId: string; displayName: string; browserSession: string | null }
  | { kind: 'guest'; browserSession: string | null };

export const MODERATOR_TYPES: readonly number[] = [
  ParticipantType.Owner,
  ParticipantType.Moderator,
  ParticipantType.GuestModerator,
];

export const isModerator = (attendee: AttendeeRow | null | undefined): boolean =>
  !!attendee && MODERATOR_TYPES.includes(attendee.participant_type);

/**
 * Talk's permission bits (Attendee::PERMISSIONS_*): custom 1, start call 2, join call 4, lobby ignore 8,
 * audio 16, video 32, screen 64, chat 128. Moderators get everything but "custom"; others all but the lobby.
 */
export const PERMISSIONS_MODERATOR = 2 | 4 | 8 | 16 | 32 | 64 | 128;
export const PERMISSIONS_DEFAULT = 2 | 4 | 16 | 32 | 64 | 128;

export const permissionsOf = (attendee: AttendeeRow | null | undefined): number =>
  isModerator(attendee) ? PERMISSIONS_MODERATOR : PERMISSIONS_DEFAULT;

export const nowSeconds = () => Math.floor(Date.now() / 1000);
