/**
 * The Talk wire format: the contract between the client (src/lib/api) and the demo server (server/), which
 * both import it as equals. Nothing here may import from either side.
 *
 * v4 shapes come from the OpenAPI description of a current Talk server (spec/talk-openapi.json, turned into
 * ./generated/talk-v4.ts by `npm run gen:types`); v1 shapes are written by hand from Talk's v1 participant API
 * documentation, which has no machine-readable form.
 */
import type { components } from './generated/talk-v4';

export const OCS_BASE = '/ocs/v2.php';
export const TALK_V1_BASE = `${OCS_BASE}/apps/spreed/api/v1`;
export const TALK_V4_BASE = `${OCS_BASE}/apps/spreed/api/v4`;
export const SIGNALING_V3_BASE = `${OCS_BASE}/apps/spreed/api/v3`;
export const CAPABILITIES_PATH = `${OCS_BASE}/cloud/capabilities`;
export const AUTOCOMPLETE_PATH = `${OCS_BASE}/core/autocomplete/get`;
export const CURRENT_USER_PATH = `${OCS_BASE}/cloud/user`;

export interface OcsMeta {
  status: 'ok' | 'failure';
  statuscode: number;
  message: string;
}

export interface OcsEnvelope<T> {
  ocs: { meta: OcsMeta; data: T };
}

/** The bare body of a failed CSRF check: no OCS envelope (a real Nextcloud 29 answers 412 with it). */
export interface CsrfFailureBody {
  message: 'CSRF check failed';
}

export const ParticipantType = {
  Owner: 1,
  Moderator: 2,
  User: 3,
  Guest: 4,
  UserSelfJoined: 5,
  GuestModerator: 6,
} as const;
export type ParticipantTypeValue = (typeof ParticipantType)[keyof typeof ParticipantType];

export const RoomType = {
  OneToOne: 1,
  Group: 2,
  Public: 3,
  Changelog: 4,
  FormerOneToOne: 5,
  NoteToSelf: 6,
} as const;
export type RoomTypeValue = (typeof RoomType)[keyof typeof RoomType];

export const InCallFlag = { Disconnected: 0, InCall: 1, WithAudio: 2, WithVideo: 4, WithPhone: 8 } as const;

export const LobbyState = { Off: 0, On: 1 } as const;

/**
 * Talk's permission bits (`Attendee::PERMISSIONS_*`), for an attendee, a conversation's defaults, and the
 * effective `permissions` of a participant. 0 means "the default" (for an attendee: the conversation's; for a
 * conversation: the server's); `Custom` marks a set that was chosen rather than inherited.
 */
export const Permission = {
  Default: 0,
  Custom: 1,
  StartCall: 2,
  JoinCall: 4,
  SkipLobby: 8,
  PublishAudio: 16,
  PublishVideo: 32,
  ShareScreen: 64,
  Chat: 128,
} as const;
/** Everything but `Custom`: what moderators always have (`PERMISSIONS_MAX_DEFAULT`). */
export const ALL_PERMISSIONS = 254;
/** How `PUT …/attendees/permissions` combines the bits it is given with the attendee's own. */
export type PermissionMethod = 'set' | 'add' | 'remove';
/** The modes of `PUT /room/{token}/permissions/{mode}`: `call` is gone from current servers. */
export type RoomPermissionMode = 'default' | 'call';

/** Capability features this client acts on (`capabilities.spreed.features`). */
export const Feature = {
  ConversationV4: 'conversation-v4',
  Circles: 'circles-support',
  /** Per-attendee and conversation permissions (Talk 13+). */
  Permissions: 'conversation-permissions',
  /** The ban routes below (Talk 20+; not on Talk 19). */
  Bans: 'ban-v1',
} as const;

/** Bans stay on v1 even on current servers. */
export const BAN_BASE = `${TALK_V1_BASE}/ban`;

export type ActorType = 'users' | 'groups' | 'circles' | 'guests' | 'emails';

/** The sources the "add participant" route accepts (and the autocomplete endpoint returns). */
export type ParticipantSource = 'users' | 'groups' | 'emails' | 'circles';

// ---- v4 (generated) ------------------------------------------------------------------------------

export type V4Room = components['schemas']['Room'];
export type V4Participant = components['schemas']['Participant'];
export type V1Ban = components['schemas']['Ban'];

/** 403 data of the join route when the person is banned (Talk 20+). */
export interface BannedJoinData {
  error: 'ban';
}

// ---- v1 (Talk's v1 participant API documentation) -------------------------------------------------

export interface V1Participant {
  /** Empty for guests. */
  userId: string;
  /** Can be empty for guests. */
  displayName: string;
  participantType: ParticipantTypeValue;
  lastPing: number;
  /** '0' when not connected, otherwise 512 characters. */
  sessionId: string;
  status?: string;
  statusIcon?: string | null;
  statusMessage?: string | null;
}

export interface V1Room {
  id: number;
  token: string;
  type: RoomTypeValue;
  name: string;
  displayName: string;
  participantType: ParticipantTypeValue | 0;
  hasPassword: boolean;
  lobbyState: number;
  lobbyTimer: number;
  lastPing: number;
  /** '0' when the caller has no session in the room. */
  sessionId: string;
  numGuests: number;
  lastActivity: number;
  isFavorite: boolean;
  readOnly: number;
}

export interface V1JoinResult {
  sessionId: string;
}

/** 409 data of the join route (both versions). */
export interface SessionConflictData {
  sessionId: string;
  inCall: number;
  lastPing: number;
}

export interface AddParticipantResult {
  /** Present when the conversation changed type (an email turns a group conversation public). */
  type?: RoomTypeValue;
}

// ---- capabilities and autocomplete (Nextcloud core) ----------------------------------------------

export interface CapabilitiesData {
  version: { major: number; minor: number; micro: number; string: string; edition: string };
  capabilities: {
    spreed?: {
      features: string[];
      config: Record<string, Record<string, unknown>>;
      version: string;
    };
    /** Nextcloud's theming app (absent on servers without it, and on rollcall's v1 seed server). */
    theming?: ThemingCapability;
  };
}

/**
 * `capabilities.theming` as Nextcloud's theming app publishes it (apps/theming/lib/Capabilities.php), to
 * anonymous callers too. Colours are `#rrggbb`; `logo` and `background` are absolute URLs.
 */
export interface ThemingCapability {
  name?: string;
  url?: string;
  slogan?: string;
  color?: string;
  'color-text'?: string;
  'color-element'?: string;
  'color-element-bright'?: string;
  'color-element-dark'?: string;
  logo?: string;
  background?: string;
  'background-plain'?: boolean;
  'background-default'?: boolean;
  logoheader?: string;
  favicon?: string;
}

/** Nextcloud's `GET /cloud/user`: the signed-in account (more fields on a real server). */
export interface CurrentUserData {
  id: string;
  'display-name': string;
  email: string | null;
}

export interface AutocompleteEntry {
  id: string;
  label: string;
  icon: string;
  source: ParticipantSource;
  subline: string;
  shareWithDisplayNameUnique: string;
  status: [] | { status: string; message: string | null; icon: string | null; clearAt: number | null };
}
