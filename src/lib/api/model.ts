/**
 * The domain model the app works with, the same whichever API generation the server speaks.
 * Only the adapters in this folder know the wire shapes.
 */

export type ConversationType =
  | 'one-to-one'
  | 'group'
  | 'public'
  | 'changelog'
  | 'former-one-to-one'
  | 'note-to-self';

export type ParticipantRole = 'owner' | 'moderator' | 'guest-moderator' | 'member' | 'guest';

export interface Lobby {
  enabled: boolean;
  /** When the lobby lifts by itself, in epoch milliseconds; null when no start time is set. */
  opensAt: number | null;
}

export interface Conversation {
  token: string;
  /** What people see: the display name (for one-to-one conversations, the other person's name). */
  name: string;
  type: ConversationType;
  hasPassword: boolean;
  lobby: Lobby;
  /** The signed-in person's role here; null when they are not a participant. */
  ownRole: ParticipantRole | null;
  /** The signed-in person may moderate: owner, moderator or guest moderator (lobby, roster changes). */
  canModerate: boolean;
  /**
   * The signed-in person's account id as the server knows it, which may differ from the login (an email
   * login). v4 rooms say it; v1 rooms do not (null: compare with the login instead).
   */
  ownAccountId: string | null;
  /**
   * The permissions everyone without permissions of their own gets here (Talk's bits, `Permission` in
   * contract/wire.ts); 0 means the server's default. Null where the server has no permissions (v1).
   */
  defaultPermissions: number | null;
  /**
   * What the signed-in person may do here (Talk's bits, computed by the server; moderators: everything). A lobby
   * does not hold someone with `Permission.SkipLobby`. Null where the server has no permissions (v1).
   */
  ownPermissions: number | null;
  /**
   * When something last happened here, in epoch milliseconds (Talk's `lastActivity`, whole seconds): a chat
   * message, or a system message Talk posts for a participant change (added, removed, promoted, demoted, the
   * lobby). It is how a roster learns cheaply that it may be out of date. 0 when the server did not say.
   */
  lastActivityAt: number;
}

export type NewConversationType = 'group' | 'public';

export interface NewConversation {
  name: string;
  type: NewConversationType;
  /** Only for public conversations; empty or absent for none. */
  password?: string;
}

export interface LobbySettings {
  enabled: boolean;
  /** When the lobby lifts by itself, in epoch milliseconds; null for no start time. Ignored when disabled. */
  opensAt: number | null;
}

/** What kind of actor a participant is. Groups and circles are listed in v4 as attendees of their own. */
export type ParticipantKind = 'user' | 'guest' | 'email' | 'group' | 'circle' | 'other';

export interface UserStatus {
  /** online, away, dnd, invisible, offline */
  status: string;
  icon: string | null;
  message: string | null;
}

export interface Participant {
  /** Stable across refetches and unique in the roster: React key and the handle for moderation calls. */
  key: string;
  kind: ParticipantKind;
  /** Account id, group or circle id, email address; empty for guests. */
  actorId: string;
  /** As the server sent it; may be empty for guests (the UI then says "Guest"). */
  displayName: string;
  role: ParticipantRole;
  /** Has at least one session in the conversation. (The last ping is left out: nothing shows it, and with it every
   * ping of every online participant would be a change to the roster.) */
  online: boolean;
  inCall: boolean;
  /** Only when the server sent statuses (includeStatus, fewer than 1000 participants on real servers). */
  status: UserStatus | null;
  /**
   * What the participant may do, as the server computed it from their own, the conversation's and the
   * server's defaults (moderators: everything). Null where the server has no permissions (v1).
   */
  permissions: number | null;
  /** The participant's own permissions; 0 when they follow the conversation's defaults. Null in v1. */
  attendeePermissions: number | null;
}

/** Someone banned from a conversation (Talk 20+, `ban-v1`), with who banned them, when and why. */
export interface Ban {
  /** The handle for lifting it (`unban`). */
  id: number;
  /** Who is banned: an account, a guest or an email guest (`other` for what a newer server may add). */
  banned: { kind: ParticipantKind; actorId: string; name: string };
  /** The moderator who banned them, by name (their actor id when the server had no name). */
  bannedBy: string;
  /** When, in epoch milliseconds. */
  bannedAt: number;
  /** What the moderators noted for each other; empty when nothing was. Never shown to the banned person. */
  internalNote: string;
}

/** The sources the "add participants" box can offer, as the autocomplete endpoint names them. */
export type ParticipantSource = 'users' | 'groups' | 'emails' | 'circles';

/** What `addParticipant` adds: a suggestion's id and source, or an email address typed by the person. */
export interface NewParticipant {
  id: string;
  source: ParticipantSource;
}

export interface AddParticipantResult {
  /**
   * The conversation's type as the answer gives it (Talk answers `{type: 3}` for every email guest), null when it
   * says nothing. Whether adding made it public is for the caller to judge, from the type it had before.
   */
  conversationType: ConversationType | null;
}

export interface ParticipantSuggestion {
  id: string;
  label: string;
  source: ParticipantSource;
  /** A second line: an email address, for instance. */
  detail: string;
}
