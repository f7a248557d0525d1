import crypto from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Db } from '../db/schema';
import { APP_PASSWORD_LENGTH, digestSecret, newBrowserSessionId, verifyPassword } from '../secrets';
import { nowSeconds, type Identity } from '../talk/model';

export const BROWSER_SESSION_COOKIE = 'rollcall_session';

/** Thrown for a wrong Basic password: Nextcloud answers it with XML whatever the Accept header said. */
export class BadCredentials extends Error {}

export const BAD_CREDENTIALS_XML =
  '<?xml version="1.0"?>\n<ocs>\n <meta>\n  <status>failure</status>\n  <statuscode>997</statuscode>\n' +
  '  <message>Current user is not logged in</message>\n  <totalitems></totalitems>\n  <itemsperpage></itemsperpage>\n' +
  ' </meta>\n <data/>\n</ocs>\n';

/**
 * scrypt costs ~50 ms by design; a roster refetching every few seconds must not pay it each time, so a
 * successful check is remembered (by a keyed digest of the credentials, never the password) for a while.
 */
const VERIFIED_TTL_MS = 5 * 60 * 1000;
const VERIFIED_MAX = 1000;

export class IdentityResolver {
  private readonly verified = new Map<string, { userId: string; displayName: string; until: number }>();
  private readonly cacheKey = crypto.randomBytes(32);

  constructor(private readonly db: Db) {}

  /** Who the request is from. Throws BadCredentials for a wrong account or password. */
  resolve(c: Context): Identity {
    const browserSession = this.knownBrowserSession(getCookie(c, BROWSER_SESSION_COOKIE));
    const authorization = c.req.header('authorization');
    if (!authorization) return { kind: 'guest', browserSession };
    const match = /^Basic\s+(.+)$/i.exec(authorization);
    if (!match?.[1]) throw new BadCredentials();
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new BadCredentials();
    const user = this.checkPassword(decoded.slice(0, colon), decoded.slice(colon + 1));
    return { kind: 'user', ...user, browserSession };
  }

  private checkPassword(login: string, password: string): { userId: string; displayName: string; appPasswordId?: number } {
    // Checked on every request, never remembered: a revoked app password must stop working at once.
    const appPassword = password.length === APP_PASSWORD_LENGTH ? this.appPassword(login, password) : undefined;
    if (appPassword) return appPassword;
    const digest = crypto.createHmac('sha256', this.cacheKey).update(`${login}\0${password}`).digest('base64');
    const cached = this.verified.get(digest);
    if (cached && cached.until > Date.now()) return { userId: cached.userId, displayName: cached.displayName };

    const row = this.db.prepare('SELECT id, display_name, password_hash FROM users WHERE id = ?').get(login) as
      | { id: string; display_name: string; password_hash: string }
      | undefined;
    if (!row || !verifyPassword(password, row.password_hash)) throw new BadCredentials();
    if (this.verified.size >= VERIFIED_MAX) this.verified.clear();
    this.verified.set(digest, { userId: row.id, displayName: row.display_name, until: Date.now() + VERIFIED_TTL_MS });
    return { userId: row.id, displayName: row.display_name };
  }

  /** Like Nextcloud, an app password signs in with the login name it was granted to (or the account id). */
  private appPassword(login: string, password: string) {
    const row = this.db
      .prepare(
        `SELECT a.id, u.id AS userId, u.display_name AS displayName FROM app_passwords a JOIN users u ON u.id = a.user_id
         WHERE a.password_digest = ? AND (a.login_name = ? OR a.user_id = ?)`,
      )
      .get(digestSecret(password), login, login) as { id: number; userId: string; displayName: string } | undefined;
    return row ? { userId: row.userId, displayName: row.displayName, appPasswordId: row.id } : undefined;
  }

  private knownBrowserSession(cookie: string | undefined): string | null {
    if (!cookie || cookie.length > 128) return null;
    const row = this.db.prepare('SELECT id FROM browser_sessions WHERE id = ?').get(cookie);
    return row ? cookie : null;
  }

  /** Joining needs a browser session: the guest's identity, and for accounts the window that joined. */
  ensureBrowserSession(c: Context, identity: Identity): Identity & { browserSession: string } {
    if (identity.browserSession) return identity as Identity & { browserSession: string };
    const id = newBrowserSessionId();
    this.db.prepare('INSERT INTO browser_sessions (id, created_at) VALUES (?, ?)').run(id, nowSeconds());
    setCookie(c, BROWSER_SESSION_COOKIE, id, { httpOnly: true, sameSite: 'Lax', path: '/' });
    return { ...identity, browserSession: id };
  }
}
