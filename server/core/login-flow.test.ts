import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDemoApp } from '../app';
import { openDatabase, type Db } from '../db/schema';
import { hashPassword } from '../secrets';
import {
  APP_PASSWORD_PATH,
  LOGIN_FLOW_LIFETIME_SECONDS,
  LOGIN_FLOW_PATH,
  type LoginFlowCredentials,
  type LoginFlowStart,
} from '../../contract/login-flow';
import { CURRENT_USER_PATH } from '../../contract/wire';

const ORIGIN = 'http://rollcall.test';
const basic = (login: string, password: string) => `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}`;

let db: Db;
let now: number;
let app: ReturnType<typeof createDemoApp>;

beforeEach(() => {
  db = openDatabase(':memory:');
  db.prepare('INSERT INTO users (id, display_name, email, password_hash) VALUES (?, ?, NULL, ?)').run('alice', 'Alice', hashPassword('secret'));
  now = Date.UTC(2026, 0, 1);
  app = createDemoApp({ db, generations: ['v1', 'v4'], circlesEnabled: false, distDir: '/nonexistent', clock: () => now });
});

afterEach(() => db.close());

const call = (path: string, init: RequestInit = {}) => app.request(new Request(new URL(path, ORIGIN), init));

async function startFlow() {
  const response = await call(LOGIN_FLOW_PATH, { method: 'POST', headers: { 'User-Agent': 'rollcall (test)' } });
  expect(response.status).toBe(200);
  return (await response.json()) as LoginFlowStart;
}

/** What the grant page's form posts (its hidden field carries the flow's login token). */
async function grant(flow: LoginFlowStart, account: string, password: string) {
  const loginPath = new URL(flow.login).pathname;
  const token = loginPath.split('/').pop() ?? '';
  return call(loginPath, { method: 'POST', body: new URLSearchParams({ token, account, password }) });
}

function poll(flow: LoginFlowStart) {
  return call(new URL(flow.poll.endpoint).pathname, { method: 'POST', body: new URLSearchParams({ token: flow.poll.token }) });
}

const ocsCall = (method: string, path: string, authorization: string) =>
  call(path, { method, headers: { Authorization: authorization, 'OCS-APIRequest': 'true', Accept: 'application/json' } });

describe('Login Flow v2 in the demo server', () => {
  it('starts with absolute poll and login addresses on this server, as Nextcloud answers', async () => {
    const flow = await startFlow();
    expect(flow.poll.endpoint).toBe(`${ORIGIN}/index.php/login/v2/poll`);
    expect(flow.login).toMatch(new RegExp(`^${ORIGIN}/index\\.php/login/v2/flow/[A-Za-z0-9]{128}$`));
    expect(flow.poll.token).toMatch(/^[A-Za-z0-9]{128}$/);

    const page = await call(new URL(flow.login).pathname);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const text = await page.text();
    expect(text).toContain('rollcall (test)');
    expect(text).toContain(`name="token" value="${new URL(flow.login).pathname.split('/').pop()}"`);
    expect(text).not.toMatch(/<script|style=/);
  });

  it('shows the client’s name on the grant page as text, never as markup', async () => {
    const response = await call(LOGIN_FLOW_PATH, { method: 'POST', headers: { 'User-Agent': '<img src=x onerror=alert(1)>"' } });
    const flow = (await response.json()) as LoginFlowStart;
    const text = await (await call(new URL(flow.login).pathname)).text();
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;');
    expect(text).not.toContain('<img');
  });

  it('answers the poll 404 until access is granted, then the credentials once, then 404 again', async () => {
    const flow = await startFlow();
    expect((await poll(flow)).status).toBe(404);

    const granted = await grant(flow, 'alice', 'secret');
    expect(granted.status).toBe(200);
    expect(await granted.text()).toContain('Access granted. You can close this window.');

    const first = await poll(flow);
    expect(first.status).toBe(200);
    const credentials = (await first.json()) as LoginFlowCredentials;
    expect(credentials).toEqual({ server: ORIGIN, loginName: 'alice', appPassword: expect.stringMatching(/^[A-Za-z0-9]{72}$/) });
    expect((await poll(flow)).status).toBe(404);
  });

  it('stores neither the app password nor the tokens as they are', async () => {
    const flow = await startFlow();
    await grant(flow, 'alice', 'secret');
    const dump = JSON.stringify([db.prepare('SELECT * FROM login_flows').all(), db.prepare('SELECT * FROM app_passwords').all()]);
    const { appPassword } = (await (await poll(flow)).json()) as LoginFlowCredentials;
    expect(dump).not.toContain(appPassword);
    expect(dump).not.toContain(flow.poll.token);
    expect(dump).not.toContain(new URL(flow.login).pathname.split('/').pop());
  });

  it('says a wrong password on the grant page, keeps the account, and grants nothing', async () => {
    const flow = await startFlow();
    const refused = await grant(flow, 'alice', 'wrong');
    expect(refused.status).toBe(403);
    const text = await refused.text();
    expect(text).toContain('Wrong account or password.');
    expect(text).toContain('value="alice"');
    expect((await poll(flow)).status).toBe(404);

    expect((await grant(flow, 'alice', 'secret')).status).toBe(200);
    expect((await poll(flow)).status).toBe(200);
  });

  it('throttles wrong passwords on the grant page like sign-in: 429 with Retry-After once over the limit', async () => {
    // The same policy as sign-in, without its growing waits, so that reaching the limit takes no time.
    app = createDemoApp({ db, generations: ['v4'], circlesEnabled: false, distDir: '/nonexistent', clock: () => now, throttle: { sleep: async () => {} } });
    const flow = await startFlow();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) statuses.push((await grant(flow, 'alice', `wrong ${attempt}`)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(403));
    expect(statuses[10]).toBe(429);
    const refused = await grant(flow, 'alice', 'secret');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(await refused.text()).toContain('Too many attempts');
    expect((await poll(flow)).status).toBe(404);
  });

  it('forgets a flow after 20 minutes: the grant page and the poll both end', async () => {
    const granted = await startFlow();
    await grant(granted, 'alice', 'secret');
    const waiting = await startFlow();

    now += LOGIN_FLOW_LIFETIME_SECONDS * 1000;
    expect((await poll(granted)).status).toBe(404);
    const page = await call(new URL(waiting.login).pathname);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('This sign-in request has expired or was already used.');
    expect((await grant(waiting, 'alice', 'secret')).status).toBe(404);
  });

  it('still answers a flow one second before it expires', async () => {
    const flow = await startFlow();
    now += (LOGIN_FLOW_LIFETIME_SECONDS - 1) * 1000;
    expect((await grant(flow, 'alice', 'secret')).status).toBe(200);
    expect((await poll(flow)).status).toBe(200);
  });

  it('refuses a grant posted without the flow’s own token', async () => {
    const flow = await startFlow();
    const loginPath = new URL(flow.login).pathname;
    const forged = await call(loginPath, { method: 'POST', body: new URLSearchParams({ account: 'alice', password: 'secret' }) });
    expect(forged.status).toBe(400);
    expect((await poll(flow)).status).toBe(404);
  });

  it('answers a poll without a token with a 400, not a 500', async () => {
    const response = await call('/index.php/login/v2/poll', { method: 'POST' });
    expect(response.status).toBe(400);
  });
});

describe('app passwords', () => {
  async function obtainAppPassword() {
    const flow = await startFlow();
    await grant(flow, 'alice', 'secret');
    return ((await (await poll(flow)).json()) as LoginFlowCredentials).appPassword;
  }

  it('work for Basic auth like the account password', async () => {
    const appPassword = await obtainAppPassword();
    const response = await ocsCall('GET', CURRENT_USER_PATH, basic('alice', appPassword));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { ocs: { data: { id: string } } }).ocs.data.id).toBe('alice');
    const rooms = await ocsCall('GET', '/ocs/v2.php/apps/spreed/api/v4/room', basic('alice', appPassword));
    expect(rooms.status).toBe(200);
  });

  it('are refused for another account name', async () => {
    db.prepare('INSERT INTO users (id, display_name, email, password_hash) VALUES (?, ?, NULL, ?)').run('bob', 'Bob', hashPassword('other'));
    const appPassword = await obtainAppPassword();
    expect((await ocsCall('GET', CURRENT_USER_PATH, basic('bob', appPassword))).status).toBe(401);
  });

  it('stop working at once when the one in use is revoked', async () => {
    const appPassword = await obtainAppPassword();
    const other = await obtainAppPassword();
    const revoked = await ocsCall('DELETE', APP_PASSWORD_PATH, basic('alice', appPassword));
    expect(revoked.status).toBe(200);

    expect((await ocsCall('GET', CURRENT_USER_PATH, basic('alice', appPassword))).status).toBe(401);
    expect((await ocsCall('DELETE', APP_PASSWORD_PATH, basic('alice', appPassword))).status).toBe(401);
    // Only the one the request used.
    expect((await ocsCall('GET', CURRENT_USER_PATH, basic('alice', other))).status).toBe(200);
  });

  it('cannot be revoked by a request signed in with the account password, as in Nextcloud (403)', async () => {
    await obtainAppPassword();
    const response = await ocsCall('DELETE', APP_PASSWORD_PATH, basic('alice', 'secret'));
    expect(response.status).toBe(403);
    expect(((await response.json()) as { ocs: { meta: { statuscode: number } } }).ocs.meta.statuscode).toBe(403);
  });

  it('revocation needs a signed-in account', async () => {
    const response = await call(APP_PASSWORD_PATH, { method: 'DELETE', headers: { 'OCS-APIRequest': 'true', Accept: 'application/json' } });
    expect(response.status).toBe(401);
  });
});
