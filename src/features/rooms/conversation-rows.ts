import type { Conversation } from '../../lib/api';
import { currentLocale, translate } from '../../lib/i18n';
import { conversationTypeLabel, roleLabel } from '../../lib/labels';

/** One line of the conversation list, ready to render, in the language of the moment it was made. */
export interface ConversationRow {
  token: string;
  name: string;
  href: string;
  typeLabel: string;
  /** The signed-in person's role; null when they are not a participant. */
  roleLabel: string | null;
  badges: string[];
}

/** Where a conversation's roster lives; tokens are encoded, as they come from the server. */
export function conversationHref(token: string): string {
  return `/rooms/${encodeURIComponent(token)}`;
}

const collators = new Map<string, Intl.Collator>();

/** Names in the order the UI's language sorts them. */
function collatorFor(locale: string): Intl.Collator {
  let collator = collators.get(locale);
  if (!collator) collators.set(locale, (collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true })));
  return collator;
}

/** Case- and accent-insensitive, so "cafe" finds "Café". */
function searchable(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

export function matchesSearch(conversation: Conversation, search: string): boolean {
  const needle = searchable(search.trim());
  return needle === '' || searchable(conversation.name).includes(needle);
}

export function toConversationRow(conversation: Conversation): ConversationRow {
  const badges: string[] = [];
  if (conversation.hasPassword) badges.push(translate('rooms.badge.password'));
  if (conversation.lobby.enabled) badges.push(translate('rooms.badge.lobby'));
  return {
    token: conversation.token,
    name: conversation.name,
    href: conversationHref(conversation.token),
    typeLabel: conversationTypeLabel(conversation.type),
    roleLabel: conversation.ownRole ? roleLabel(conversation.ownRole) : null,
    badges,
  };
}

/** The rows to show for a search: matching conversations in name order. */
export function toConversationRows(
  conversations: readonly Conversation[],
  search: string,
  locale: string = currentLocale(),
): ConversationRow[] {
  const byName = collatorFor(locale);
  return conversations
    .filter((conversation) => matchesSearch(conversation, search))
    .sort((a, b) => byName.compare(a.name, b.name))
    .map(toConversationRow);
}
