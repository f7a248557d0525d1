/**
 * What the rooms feature says when the server refuses one of its actions. The words live in the app's one
 * error map (app/errors); this file says which action was under way, so a 400 on leaving reads as "the last
 * moderator" and a 403 on the lobby as "only moderators". It is the feature's only import from the app.
 */
import { describeError } from '../../app/errors';
import { ForbiddenError } from '../../lib/api';

/** Checked before anything is sent, so no server words exist for it. */
export const LOBBY_START_IN_PAST = 'The lobby start time must be in the future.';
export const LOBBY_MODERATORS_ONLY = 'Only moderators can change the lobby.';
export const CREATE_FORBIDDEN = 'You are not allowed to create conversations on this server.';

/** Leaving: a 400 means the caller is the last moderator while others remain (seed and real servers). */
export function describeLeaveFailure(error: unknown): string {
  return describeError(error, { action: 'leave-conversation' });
}

export function describeLobbyFailure(error: unknown): string {
  return describeError(error, { action: 'set-lobby' });
}

/**
 * Creating: servers may limit creation to some groups (403). The app's map has no context for creating yet, so
 * that refusal is worded here; a 400 carries the server's reason, which the general words include.
 */
export function describeCreateFailure(error: unknown): string {
  if (error instanceof ForbiddenError) return CREATE_FORBIDDEN;
  return describeError(error);
}
