/**
 * The session this browser tab holds in a conversation, kept in sessionStorage: it survives a reload of the tab
 * and is nobody else's (other tabs have their own). When joining after a reload answers 409 naming this very
 * session, it is this tab's own previous session, so the join forces silently (./session-conflict).
 */

const keyOf = (token: string) => `rollcall.call-session.${token}`;

export function readTabSession(token: string): string | null {
  try {
    return sessionStorage.getItem(keyOf(token));
  } catch {
    return null;
  }
}

export function writeTabSession(token: string, sessionId: string): void {
  try {
    sessionStorage.setItem(keyOf(token), sessionId);
  } catch {
    // Without storage a reload asks like any other window would.
  }
}

export function forgetTabSession(token: string): void {
  try {
    sessionStorage.removeItem(keyOf(token));
  } catch {
    // Nothing was kept.
  }
}
