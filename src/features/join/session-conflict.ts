/**
 * What to do when joining answers 409: this person already has a session in the conversation (another tab,
 * window or device). Talk's advice (its participant API documentation, on 409): ask whether to end the other
 * session and join here, unless that session has gone quiet, its last ping older than 60 s when it is in a call
 * or 40 s when it is not. Then it is most likely a closed tab that has not timed out yet, and joining with force
 * asks nobody anything.
 */

/** How long a session may have been silent and still count as someone there, in seconds. */
export const SILENT_SESSION_SECONDS = { inCall: 60, notInCall: 40 } as const;

export interface ConflictingSession {
  sessionId: string;
  /** Call flags of the other session; 0 when it is not in a call. */
  inCall: number;
  /** Unix time of its last ping, in seconds. */
  lastPing: number;
}

export interface ConflictContext {
  /** Unix time now, in seconds (fractions allowed). */
  nowSeconds: number;
  /** The session this tab had before (a reload of the same tab); null when it had none. */
  ownSessionId: string | null;
}

/** `force`: join again with force, silently; `ask`: let the person decide ("Join here" or "Cancel"). */
export type ConflictDecision = 'force' | 'ask';

export function decideSessionConflict(conflict: ConflictingSession, context: ConflictContext): ConflictDecision {
  // This very tab's previous session (the page was reloaded): nobody else is there to ask.
  if (context.ownSessionId !== null && context.ownSessionId === conflict.sessionId) return 'force';
  const allowedSilence = conflict.inCall !== 0 ? SILENT_SESSION_SECONDS.inCall : SILENT_SESSION_SECONDS.notInCall;
  // "Older than": a session exactly at the limit is still someone there.
  return context.nowSeconds - conflict.lastPing > allowedSilence ? 'force' : 'ask';
}
