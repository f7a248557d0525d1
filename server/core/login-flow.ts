/**
 * Nextcloud's Login Flow v2, as the demo's: a client starts a flow, the person grants access on a page of this
 * server (their password never passes through the client), and the client's poll gets an app password once.
 * App passwords work for HTTP Basic like Nextcloud's (server/http/identity.ts) and are revoked with
 * `DELETE /ocs/v2.php/core/apppassword`.
 */
import type { Hono } from 'hono';
import { html } from 'hono/html';
import {
  APP_PASSWORD_PATH,
  LOGIN_FLOW_GRANT_PATH,
  LOGIN_FLOW_LIFETIME_SECONDS,
  LOGIN_FLOW_PATH,
  LOGIN_FLOW_POLL_PATH,
  type LoginFlowCredentials,
  type LoginFlowStart,
} from '../../contract/login-flow';
import type { Db } from '../db/schema';
import type { IdentityResolver } from '../http/identity';
import { LIMITS, OcsError, TooManyAttempts, forbidden, ocs, ocsError, readParams, unauthorized } from '../http/ocs';
import { clientAddress, type Throttle } from '../http/throttle';
import { digestSecret, newAppPassword, newLoginFlowToken, newPollSeal, openWithPollToken, sealToPublicKey, verifyPassword } from '../secrets';

/** Milliseconds since the epoch; tests move it to see a flow expire. */
export type Clock = () => number;

const CLIENT_NAME_MAX = 200;
const STYLESHEET_PATH = `${LOGIN_FLOW_PATH}/grant.css`;

/** Runs one guess at `login`'s password through the sign-in throttle (which may refuse it with TooManyAttempts). */
type GuessCheck = (login: string, check: () => Promise<boolean>) => Promise<boolean>;

type GrantOutcome = { granted: true } | { granted: false; reason: 'unknown-flow' | 'wrong-password' };

export class LoginFlows {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  private now() {
    return Math.floor(this.clock() / 1000);
  }

  /** Flows older than Nextcloud's 20 minutes are gone, granted or not. */
  private forgetExpired() {
    this.db.prepare('DELETE FROM login_flows WHERE started_at <= ?').run(this.now() - LOGIN_FLOW_LIFETIME_SECONDS);
  }

  start(clientName: string): { pollToken: string; loginToken: string } {
    this.forgetExpired();
    const pollToken = newLoginFlowToken();
    const loginToken = newLoginFlowToken();
    const seal = newPollSeal(pollToken);
    this.db
      .prepare(
        `INSERT INTO login_flows (poll_token_digest, login_token_digest, client_name, started_at, public_key, sealed_private_key)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        digestSecret(pollToken),
        digestSecret(loginToken),
        clientName.slice(0, CLIENT_NAME_MAX) || 'A client',
        this.now(),
        seal.publicKey,
        seal.sealedPrivateKey,
      );
    return { pollToken, loginToken };
  }

  /** The flow behind a login token, while it waits to be granted. */
  pending(loginToken: string): { clientName: string } | null {
    this.forgetExpired();
    const row = this.db
      .prepare('SELECT client_name FROM login_flows WHERE login_token_digest = ? AND sealed_app_password IS NULL')
      .get(digestSecret(loginToken)) as { client_name: string } | undefined;
    return row ? { clientName: row.client_name } : null;
  }

  /**
   * The account's own password (never an app password) grants access: a new app password is made for the
   * client, sealed until its poll. The login token is spent, so the page cannot grant twice.
   */
  async grant(loginToken: string, login: string, password: string, guess: GuessCheck): Promise<GrantOutcome> {
    const flow = this.pending(loginToken);
    if (!flow) return { granted: false, reason: 'unknown-flow' };
    const user = this.db.prepare('SELECT id, password_hash FROM users WHERE id = ?').get(login) as
      | { id: string; password_hash: string }
      | undefined;
    // The grant page is a sign-in like any other: throttled the same way, unknown accounts checked alike.
    const right = await guess(login, () => verifyPassword(password, user?.password_hash ?? null));
    if (!user || !right) return { granted: false, reason: 'wrong-password' };

    const appPassword = newAppPassword();
    return this.db.transaction((): GrantOutcome => {
      const row = this.db
        .prepare('SELECT poll_token_digest, public_key FROM login_flows WHERE login_token_digest = ? AND sealed_app_password IS NULL')
        .get(digestSecret(loginToken)) as { poll_token_digest: string; public_key: string } | undefined;
      if (!row) return { granted: false, reason: 'unknown-flow' };
      this.db
        .prepare('INSERT INTO app_passwords (user_id, login_name, password_digest, client_name, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(user.id, login, digestSecret(appPassword), flow.clientName, this.now());
      this.db
        .prepare('UPDATE login_flows SET login_name = ?, sealed_app_password = ? WHERE poll_token_digest = ?')
        .run(login, sealToPublicKey(row.public_key, appPassword), row.poll_token_digest);
      return { granted: true };
    })();
  }

  /** The credentials once, after the grant; null before it, after it was collected, and after expiry. */
  poll(pollToken: string): { loginName: string; appPassword: string } | null {
    this.forgetExpired();
    return this.db.transaction(() => {
      const digest = digestSecret(pollToken);
      const row = this.db
        .prepare('SELECT login_name, sealed_private_key, sealed_app_password FROM login_flows WHERE poll_token_digest = ?')
        .get(digest) as { login_name: string | null; sealed_private_key: string; sealed_app_password: string | null } | undefined;
      if (!row?.login_name || !row.sealed_app_password) return null;
      const appPassword = openWithPollToken(pollToken, row.sealed_private_key, row.sealed_app_password);
      this.db.prepare('DELETE FROM login_flows WHERE poll_token_digest = ?').run(digest);
      return appPassword ? { loginName: row.login_name, appPassword } : null;
    })();
  }

  revoke(appPasswordId: number) {
    this.db.prepare('DELETE FROM app_passwords WHERE id = ?').run(appPasswordId);
  }
}

const GRANT_STYLESHEET = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { margin: 0; display: grid; place-items: center; min-height: 100vh; }
main { max-width: 24rem; padding: 1.5rem; }
label { display: block; margin-top: 0.75rem; font-weight: 600; }
input { box-sizing: border-box; width: 100%; padding: 0.5rem; border-radius: 0.5rem; border: 1px solid GrayText; font: inherit; }
button { margin-top: 1rem; padding: 0.5rem 1rem; border-radius: 1rem; border: 0; background: #00679e; color: #fff; font: inherit; }
[role='alert'] { color: #c9242b; }
@media (prefers-color-scheme: dark) { [role='alert'] { color: #ff8a8f; } }
`;

/** Its own strict policy: the page has no script, styles only from this server, and may not be framed (clickjacking). */
const GRANT_PAGE_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  // The login token is in the address: it must not leak to anyone in a Referer.
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

function page(title: string, body: ReturnType<typeof html>) {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title} · rollcall demo</title>
    <link rel="stylesheet" href="${STYLESHEET_PATH}" />
  </head>
  <body>
    <main>${body}</main>
  </body>
</html>`;
}

function grantForm(loginToken: string, clientName: string, state: { account: string; wrongPassword: boolean }) {
  return page(
    'Grant access',
    html`<h1>Grant access</h1>
      <p><strong>${clientName}</strong> asks for access to your account. It gets an app password of its own, which
        you can revoke at any time; your password is not shared with it.</p>
      <form method="post" action="${LOGIN_FLOW_GRANT_PATH}/${loginToken}">
        <input type="hidden" name="token" value="${loginToken}" />
        <label for="account">Account</label>
        <input id="account" name="account" autocomplete="username" autocapitalize="none" spellcheck="false" required
          value="${state.account}" ${state.account ? '' : html`autofocus`} />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required
          ${state.wrongPassword ? html`aria-invalid="true" aria-describedby="grant-error" autofocus` : ''} />
        ${state.wrongPassword ? html`<p id="grant-error" role="alert">Wrong account or password.</p>` : ''}
        <button type="submit">Grant access</button>
      </form>`,
  );
}

const unknownFlowPage = () =>
  page(
    'Sign-in request not found',
    html`<h1>Sign-in request not found</h1>
      <p>This sign-in request has expired or was already used. Start again from the app.</p>`,
  );

const tooManyAttemptsPage = () =>
  page(
    'Too many attempts',
    html`<h1>Too many attempts</h1>
      <p>Too many wrong passwords were tried. Wait a while, then start again from the app.</p>`,
  );

const grantedPage = () =>
  page('Access granted', html`<h1>Access granted</h1><p>Access granted. You can close this window.</p>`);

/** The flow's routes, the grant page, and app password revocation. */
export function registerLoginFlowRoutes(app: Hono, deps: { db: Db; identities: IdentityResolver; throttle: Throttle; clock: Clock }) {
  const flows = new LoginFlows(deps.db, deps.clock);

  app.post(LOGIN_FLOW_PATH, (c) => {
    const { pollToken, loginToken } = flows.start(c.req.header('user-agent') ?? '');
    const origin = new URL(c.req.url).origin;
    const start: LoginFlowStart = {
      poll: { token: pollToken, endpoint: `${origin}${LOGIN_FLOW_POLL_PATH}` },
      login: `${origin}${LOGIN_FLOW_GRANT_PATH}/${loginToken}`,
    };
    return c.json(start, 200, { 'Cache-Control': 'no-store' });
  });

  app.post(LOGIN_FLOW_POLL_PATH, async (c) => {
    let token: unknown;
    try {
      token = (await readParams(c)).token;
    } catch (error) {
      if (error instanceof OcsError) return c.json({ message: error.message }, error.status);
      throw error;
    }
    if (typeof token !== 'string' || token === '') return c.json({ message: 'The poll token is missing' }, 400);
    const granted = flows.poll(token);
    // Nextcloud's answer while waiting, after the collection and after expiry alike: an empty 404.
    if (!granted) return c.json([], 404, { 'Cache-Control': 'no-store' });
    const credentials: LoginFlowCredentials = { server: new URL(c.req.url).origin, ...granted };
    return c.json(credentials, 200, { 'Cache-Control': 'no-store' });
  });

  app.get(STYLESHEET_PATH, (c) => c.body(GRANT_STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8' }));

  app.get(`${LOGIN_FLOW_GRANT_PATH}/:token`, (c) => {
    const loginToken = c.req.param('token');
    const flow = flows.pending(loginToken);
    if (!flow) return c.html(unknownFlowPage(), 404, GRANT_PAGE_HEADERS);
    return c.html(grantForm(loginToken, flow.clientName, { account: '', wrongPassword: false }), 200, GRANT_PAGE_HEADERS);
  });

  app.post(`${LOGIN_FLOW_GRANT_PATH}/:token`, async (c) => {
    const loginToken = c.req.param('token');
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody();
    } catch {
      return c.html(unknownFlowPage(), 400, GRANT_PAGE_HEADERS);
    }
    const field = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
    // The form carries the flow's own token: a form posted from elsewhere to this address does not.
    if (field('token') !== loginToken) return c.html(unknownFlowPage(), 400, GRANT_PAGE_HEADERS);
    const account = field('account').trim();
    let outcome: GrantOutcome;
    try {
      outcome = await flows.grant(loginToken, account, field('password'), (login, check) =>
        deps.throttle.attempt('login', [`ip:${clientAddress(c)}`, `account:${login.slice(0, LIMITS.participantId)}`], check),
      );
    } catch (error) {
      if (!(error instanceof TooManyAttempts)) throw error;
      return c.html(tooManyAttemptsPage(), 429, { ...GRANT_PAGE_HEADERS, 'Retry-After': String(error.retryAfterSeconds) });
    }
    if (outcome.granted) return c.html(grantedPage(), 200, GRANT_PAGE_HEADERS);
    if (outcome.reason === 'unknown-flow') return c.html(unknownFlowPage(), 404, GRANT_PAGE_HEADERS);
    const flow = flows.pending(loginToken);
    return c.html(grantForm(loginToken, flow?.clientName ?? '', { account, wrongPassword: true }), 403, GRANT_PAGE_HEADERS);
  });

  /** Nextcloud's AppPasswordController::deleteAppPassword: only the app password the request used, else 403. */
  app.delete(APP_PASSWORD_PATH, async (c) => {
    try {
      const identity = await deps.identities.resolve(c);
      if (identity.kind !== 'user') throw unauthorized();
      if (identity.appPasswordId === undefined) throw forbidden('no app password in use');
      flows.revoke(identity.appPasswordId);
      return ocs(c, []);
    } catch (error) {
      if (error instanceof OcsError) return ocsError(c, error, 'v1');
      throw error;
    }
  });
}
