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
}
