/**
 * A participant's `key` is both the React key of its roster row and what moderation calls need to name it.
 * Only this folder builds and reads keys; above lib/api they are opaque strings.
 *
 * Each key is a two-character prefix and a value:
 * - `a:` v4 attendee id;
 * - `u:` v1 account (user id);
 * - `s:` v1 guest, by its session id;
 * - `g:` v1 guest without a session: it cannot be named in a request, so moderation cannot act on it.
 */

const ATTENDEE = 'a:';
const USER = 'u:';
const GUEST_SESSION = 's:';
const SESSIONLESS_GUEST = 'g:';

export const participantKey = {
  attendee: (attendeeId: number) => ATTENDEE + String(attendeeId),
  user: (userId: string) => USER + userId,
  guestSession: (sessionId: string) => GUEST_SESSION + sessionId,
  /** `occurrence` tells apart guests of the same name, so keys stay unique in the list. */
  sessionlessGuest: (displayName: string, occurrence: number) => `${SESSIONLESS_GUEST}${occurrence}:${displayName}`,
};

/** What a key names, in the terms of the API generation it came from. */
export type ParticipantTarget =
  | { kind: 'attendee'; attendeeId: number }
  | { kind: 'user'; userId: string }
  | { kind: 'guest-session'; sessionId: string };

/** Null for keys that name nobody the server could find (sessionless v1 guests, malformed keys). */
export function participantTargetOf(key: string): ParticipantTarget | null {
  const prefix = key.slice(0, 2);
  const value = key.slice(2);
  if (value === '') return null;
  switch (prefix) {
    case ATTENDEE: {
      const attendeeId = Number(value);
      return Number.isSafeInteger(attendeeId) && attendeeId >= 0 ? { kind: 'attendee', attendeeId } : null;
    }
    case USER:
      return { kind: 'user', userId: value };
    case GUEST_SESSION:
      return { kind: 'guest-session', sessionId: value };
    default:
      return null;
  }
}

/**
 * Whether moderation calls (promote, demote, remove) can name this participant. False only for v1 guests
 * without a session: v1 addresses guests by session, so one who has none cannot be acted on.
 */
export function isParticipantAddressable(participant: { key: string }): boolean {
  return participantTargetOf(participant.key) !== null;
}
