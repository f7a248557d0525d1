/** The words the UI uses for domain values, shared by every feature so a role reads the same everywhere. */
import type { ConversationType, ParticipantRole } from './api';

const ROLE_LABELS: Record<ParticipantRole, string> = {
  owner: 'Owner',
  moderator: 'Moderator',
  'guest-moderator': 'Guest moderator',
  member: 'Member',
  guest: 'Guest',
};

const CONVERSATION_TYPE_LABELS: Record<ConversationType, string> = {
  'one-to-one': 'One-to-one',
  group: 'Group',
  public: 'Public',
  changelog: 'Changelog',
  'former-one-to-one': 'Former one-to-one',
  'note-to-self': 'Note to self',
};

export function roleLabel(role: ParticipantRole): string {
  return ROLE_LABELS[role];
}

export function conversationTypeLabel(type: ConversationType): string {
  return CONVERSATION_TYPE_LABELS[type];
}
