/** The words the UI uses for domain values, shared by every feature so a role reads the same everywhere. */
import type { ConversationType, ParticipantRole } from './api';
import { translate, type MessageKey } from './i18n';

const ROLE_LABELS: Record<ParticipantRole, MessageKey> = {
  owner: 'labels.role.owner',
  moderator: 'labels.role.moderator',
  'guest-moderator': 'labels.role.guestModerator',
  member: 'labels.role.member',
  guest: 'labels.role.guest',
};

const CONVERSATION_TYPE_LABELS: Record<ConversationType, MessageKey> = {
  'one-to-one': 'labels.type.oneToOne',
  group: 'labels.type.group',
  public: 'labels.type.public',
  changelog: 'labels.type.changelog',
  'former-one-to-one': 'labels.type.formerOneToOne',
  'note-to-self': 'labels.type.noteToSelf',
};

/** The message of a role, for callers that keep translated words themselves (the roster's rows). */
export function roleLabelKey(role: ParticipantRole): MessageKey {
  return ROLE_LABELS[role];
}

/** In the current language: call it while rendering (or in a memo keyed by the language). */
export function roleLabel(role: ParticipantRole): string {
  return translate(roleLabelKey(role));
}

export function conversationTypeLabel(type: ConversationType): string {
  return translate(CONVERSATION_TYPE_LABELS[type]);
}
