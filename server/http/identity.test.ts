/**
 * The browser session (the `rollcall_session` cookie) that anonymous joins create: only for a join that succeeds,
 * and only for a day. Anything else would let anonymous clients grow the database without limit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BOARD_ROOM_PASSWORD } from '../db/seed';
import { expectEnvelope } from '../test/contract';
import { Client, startTestServer, v1, v4, type TestServer } from '../test/harness';
import { BROWSER_SESSION_LIFETIME_SECONDS } from '../talk/expiry';

const join = (token: string) => v4(`/room/${token}/participants/active`);
const signaling = (token: string) => `/ocs/v2.php/apps/spreed/api/v3/signaling/${token}`;
const browserSessionCount = (server: TestServer) =>
  server.db.prepare('SELECT COUNT(*) FROM browser_sessions').pluck().get() as number;

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('a refused join', () => {
  it('leaves no browser session and sends no cookie: unknown room, private room, wrong password, banned', async () => {
    server = await startTestServer();
    const alice = Client.as(server, 'alice');
    expectEnvelope(await alice.ocs('POST', v1('/ban/officehours'), { json: { actorType: 'users', actorId: 'eve' } }), 200);
    const before = browserSessionCount(server);
    const refusals = [
      { who: Client.as(server), token: 'nosuchroom', json: {}, status: 404 },
      { who: Client.as(server), token: 'designteam', json: {}, status: 404 },
      { who: Client.as(server), token: 'boardroom', json: { password: 'guess' }, status: 403 },
      { who: Client.as(server, 'eve'), token: 'officehours', json: {}, status: 403 },
    ];
    for (const { who, token, json, status } of refusals) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const res = await who.ocs('POST', join(token), { json });
        expectEnvelope(res, status);
        expect(res.headers.getSetCookie(), `${token} answered with a cookie`).toEqual([]);
      }
    }
    expect(browserSessionCount(server)).toBe(before);
  });
});

describe('a join that succeeds', () => {
  it('sets an HttpOnly cookie that lasts a day, which the next join from that browser reuses', async () => {
    server = await startTestServer();
    const guest = Client.as(server);
    const before = browserSessionCount(server);
    const first = await guest.ocs('POST', join('boardroom'), { json: { password: BOARD_ROOM_PASSWORD } });
    expectEnvelope(first, 200);
    const [cookie] = first.headers.getSetCookie();
    expect(cookie).toMatch(/^rollcall_session=\w+;/);
    expect(cookie).toContain(`Max-Age=${BROWSER_SESSION_LIFETIME_SECONDS}`);
    expect(cookie).toContain('HttpOnly');
    expect(browserSessionCount(server)).toBe(before + 1);

    const again = await guest.ocs('POST', join('officehours'));
    expectEnvelope(again, 200);
    expect(again.headers.getSetCookie()).toEqual([]);
    expect(browserSessionCount(server)).toBe(before + 1);
  });

  it('is not honoured past its lifetime: the browser is a stranger again, and a new join makes a new session', async () => {
    let now = Date.now();
    server = await startTestServer({ clock: () => now });
    const guest = Client.as(server);
    expectEnvelope(await guest.ocs('POST', join('officehours')), 200);
    const firstCookie = guest.cookieHeader;
    expectEnvelope(await guest.ocs('GET', signaling('officehours')), 200);

    now += BROWSER_SESSION_LIFETIME_SECONDS * 1000 + 1000;
    // A browser the server knows, whose session ended, gets 409; one it does not know, 404.
    expectEnvelope(await guest.ocs('GET', signaling('officehours')), 404);
    const rejoined = await guest.ocs('POST', join('officehours'));
    expectEnvelope(rejoined, 200);
    expect(guest.cookieHeader).not.toBe(firstCookie);
  });
});
