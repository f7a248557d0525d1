import { UnauthorizedError, revokeAppPassword, type TalkClient } from '../lib/api';
import { messageGetters } from '../lib/i18n';
import { useIdentity } from './identity';

/** A server that does not answer the revocation must not keep the person signed in. */
const REVOKE_TIMEOUT_MS = 10_000;

export const SIGN_OUT_WORDS = messageGetters({ revokeFailed: 'app.revokeFailedWarning' });

/**
 * Signing out from the header. An app password this app obtained with Login Flow v2 is deleted on the server
 * first, so a copy of it (another tab, the browser's storage) stops working at once. Signing out never depends
 * on that: when the revocation fails the person is signed out all the same, and told that the password lives on.
 */
export async function signOutAndRevoke(talk: TalkClient): Promise<void> {
  const { credentials, viaLoginFlow, signOut } = useIdentity.getState();
  if (!credentials || !viaLoginFlow) {
    signOut();
    return;
  }
  try {
    await revokeAppPassword(talk, credentials, AbortSignal.timeout(REVOKE_TIMEOUT_MS));
    signOut();
  } catch (error) {
    // Refused as unknown: it was revoked already (in Nextcloud's settings, say), so nothing is left working.
    signOut(error instanceof UnauthorizedError ? undefined : SIGN_OUT_WORDS.revokeFailed);
  }
}
