import { ALL_PERMISSIONS, ParticipantType, Permission, type ParticipantTypeValue, type RoomTypeValue } from '../../contract/wire';

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
  /** Permissions of everyone without their own; 0: the server's default. */
  default_permissions: number;
  /** Talk's call permissions (gone since Talk 20), which win over the defaults; 0: none set. */
  call_permissions: number;
}

export interface AttendeeRow {
  id: number;
  room_id: number;
  actor_type: string;
  actor_id: string;
  display_name: string;
  participant_type: ParticipantTypeValue;
  browser_session: string | null;
  /** The attendee's own permissions; 0: follow the conversation's. */
  permissions: number;
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
  | {
      kind: 'user';
      userId: string;
      displayName: string;
      browserSession: string | null;
      /** Set when the request authenticated with an app password (Login Flow v2): the one it used. */
      appPasswordId?: number;
    }
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
export const PERMISSIONS_MODERATOR = ALL_PERMISSIONS;
export const PERMISSIONS_DEFAULT = ALL_PERMISSIONS & ~Permission.SkipLobby;

/**
 * What an attendee may do, as Talk's Participant::getPermissions decides it: moderators everything; others
 * their own permissions, or else the room's call permissions, or else the room's defaults, or else the server's.
 * (Someone not in the room gets the defaults, as Talk answers a visitor of a public room.)
 */
export function effectivePermissions(
  room: Pick<RoomRow, 'default_permissions' | 'call_permissions'>,
  attendee: Pick<AttendeeRow, 'participant_type' | 'permissions'> | null | undefined,
): number {
  if (attendee && MODERATOR_TYPES.includes(attendee.participant_type)) return PERMISSIONS_MODERATOR;
  const own = attendee?.permissions ?? Permission.Default;
  if (own !== Permission.Default) return own;
  if (room.call_permissions !== Permission.Default) return room.call_permissions;
  if (room.default_permissions !== Permission.Default) return room.default_permissions;
  return PERMISSIONS_DEFAULT;
}

/** Moderators, and whoever was given "skip the lobby", are not held by the lobby. */
export const skipsLobby = (room: RoomRow, attendee: AttendeeRow | null | undefined): boolean =>
  (effectivePermissions(room, attendee) & Permission.SkipLobby) !== 0;

export const nowSeconds = () => Math.floor(Date.now() / 1000);
