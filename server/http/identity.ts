import crypto from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Db } from '../db/schema';
import { APP_PASSWORD_LENGTH, digestSecret, newBrowserSessionId, verifyPassword } from '../secrets';
import { LIMITS } from './ocs';
import { clientAddress, type Throttle } from './throttle';
import { BROWSER_SESSION_LIFETIME_SECONDS } from '../talk/expiry';
import { nowSeconds, type Identity } from '../talk/model';

export const BROWSER_SESSION_COOKIE = 'rollcall_session';

/** Thrown for a wrong Basic password: Nextcloud answers it with XML whatever the Accept header said. */
export class BadCredentials extends Error {}

export const BAD_CREDENTIALS_XML =
  '<?xml version="1.0"?>\n<ocs>\n <meta>\n  <status>failure</status>\n  <statuscode>997</statuscode>\n' +
  '  <message>Current user is not logged in</message>\n  <totalitems></totalitems>\n  <itemsperpage></itemsperpage>\n' +
  ' </meta>\n <data/>\n</ocs>\n';

/**
 * scrypt costs ~40 ms by design; a roster refetching every few seconds must not pay it each time, so a
 * successful check is remembered (by a keyed digest of the credentials, never the password) for a while.
 */
const VERIFIED_TTL_MS = 5 * 60 * 1000;
const VERIFIED_MAX = 1000;

/** A browser session made for a join that has not succeeded yet: stored, and its cookie sent, only if it does. */
export interface PendingBrowserSession {
  id: string;
  fresh: boolean;
}

interface SignedIn {
  userId: string;
  displayName: string;
  /** Set when the request signed in with an app password (Login Flow v2): the one `DELETE core/apppassword` revokes. */
  appPasswordId?: number;
}

export interface IdentityOptions {
  throttle: Throttle;
  /** Seconds since the epoch; tests move it. */
  clock?: () => number;
}

export class IdentityResolver {
  private readonly verified = new Map<string, SignedIn & { until: number }>();
  private readonly checking = new Map<string, Promise<SignedIn>>();
  private readonly cacheKey = crypto.randomBytes(32);
  private readonly throttle: Throttle;
  private readonly clock: () => number;

  constructor(
    private readonly db: Db,
    options: IdentityOptions,
  ) {
    this.throttle = options.throttle;
    this.clock = options.clock ?? nowSeconds;
  }

  /** Who the request is from. Throws BadCredentials for a wrong account or password, TooManyAttempts beyond the throttle. */
  async resolve(c: Context): Promise<Identity> {
    const browserSession = this.knownBrowserSession(getCookie(c, BROWSER_SESSION_COOKIE));
    const authorization = c.req.header('authorization');
    if (!authorization) return { kind: 'guest', browserSession };
    const match = /^Basic\s+(.+)$/i.exec(authorization);
    if (!match?.[1]) throw new BadCredentials();
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new BadCredentials();
    const user = await this.checkPassword(c, decoded.slice(0, colon), decoded.slice(colon + 1));
    return { kind: 'user', ...user, browserSession };
  }

  private async checkPassword(c: Context, login: string, password: string): Promise<SignedIn> {
    // Checked on every request, never remembered: a revoked app password must stop working at once.
    const appPassword = password.length === APP_PASSWORD_LENGTH ? this.appPassword(login, password) : undefined;
    if (appPassword) return appPassword;
    const digest = crypto.createHmac('sha256', this.cacheKey).update(`${login}\0${password}`).digest('base64');
    const cached = this.verified.get(digest);
    if (cached && cached.until > Date.now()) return { userId: cached.userId, displayName: cached.displayName };
    // A client sends its first requests together, all with the same credentials: one check answers them all.
    let checking = this.checking.get(digest);
    if (!checking) {
      checking = this.verify(clientAddress(c), login, password, digest).finally(() => this.checking.delete(digest));
      this.checking.set(digest, checking);
    }
    return checking;
  }

  private async verify(address: string, login: string, password: string, digest: string): Promise<SignedIn> {
    const row = this.db.prepare('SELECT id, display_name, password_hash FROM users WHERE id = ?').get(login) as
      | { id: string; display_name: string; password_hash: string }
      | undefined;
    // Unknown logins take the same path as known ones (throttle, one scrypt), so neither timing nor the
    // throttle tells which accounts exist.
    const subjects = [`ip:${address}`, `account:${login.slice(0, LIMITS.participantId)}`];
    const right = await this.throttle.attempt('login', subjects, () => verifyPassword(password, row?.password_hash ?? null));
    if (!row || !right) throw new BadCredentials();
    if (this.verified.size >= VERIFIED_MAX) this.verified.clear();
    this.verified.set(digest, { userId: row.id, displayName: row.display_name, until: Date.now() + VERIFIED_TTL_MS });
    return { userId: row.id, displayName: row.display_name };
  }

  /** Like Nextcloud, an app password signs in with the login name it was granted to (or the account id). */
  private appPassword(login: string, password: string): SignedIn | undefined {
    const row = this.db
      .prepare(
        `SELECT a.id, u.id AS userId, u.display_name AS displayName FROM app_passwords a JOIN users u ON u.id = a.user_id
         WHERE a.password_digest = ? AND (a.login_name = ? OR a.user_id = ?)`,
      )
      .get(digestSecret(password), login, login) as { id: number; userId: string; displayName: string } | undefined;
    return row ? { userId: row.userId, displayName: row.displayName, appPasswordId: row.id } : undefined;
  }

  /** The cookie's browser session, if the server made it and it has not outlived BROWSER_SESSION_LIFETIME_SECONDS. */
  private knownBrowserSession(cookie: string | undefined): string | null {
    if (!cookie || cookie.length > 128) return null;
    const row = this.db
      .prepare('SELECT id FROM browser_sessions WHERE id = ? AND created_at > ?')
      .get(cookie, this.clock() - BROWSER_SESSION_LIFETIME_SECONDS);
    return row ? cookie : null;
  }

  /**
   * The browser session a join runs under: the caller's, or a new one that exists nowhere yet. Joining needs
   * one (a guest's identity; for accounts, the window that joined), but a refused join must leave nothing behind,
   * so a new one is stored by `keepBrowserSession` inside the join's transaction and its cookie sent after.
   */
  browserSessionForJoin(identity: Identity): PendingBrowserSession {
    if (identity.browserSession) return { id: identity.browserSession, fresh: false };
    return { id: newBrowserSessionId(), fresh: true };
  }

  /** Stores a new browser session once its join has succeeded (inside the join's transaction). */
  keepBrowserSession(pending: PendingBrowserSession): void {
    if (!pending.fresh) return;
    this.db.prepare('INSERT INTO browser_sessions (id, created_at) VALUES (?, ?)').run(pending.id, this.clock());
  }

  /** Sends a new browser session's cookie, for as long as the server will know it. */
  sendBrowserSessionCookie(c: Context, pending: PendingBrowserSession): void {
    if (!pending.fresh) return;
    setCookie(c, BROWSER_SESSION_COOKIE, pending.id, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      maxAge: BROWSER_SESSION_LIFETIME_SECONDS,
    });
  }
}
