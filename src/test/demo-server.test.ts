import { describe, expect, it } from 'vitest';
import { CookieJar, demoServer } from './demo-server';

const headers = { 'OCS-APIRequest': 'true', Accept: 'application/json' };
const join = '/ocs/v2.php/apps/spreed/api/v4/room/officehours/participants/active';

describe('the demo server harness', () => {
  it('keeps the cookie a join sets, hidden from the page, and sends it with later requests', async () => {
    const server = demoServer();

    const joined = await fetch(join, { method: 'POST', headers });
    expect(joined.status).toBe(200);
    // A page never reads Set-Cookie.
    expect(joined.headers.get('Set-Cookie')).toBeNull();
    await fetch('/ocs/v2.php/apps/spreed/api/v3/signaling/officehours', { headers });

    const [joinRequest, pullRequest] = server.requests;
    expect(joinRequest?.headers.get('Cookie')).toBeNull();
    expect(pullRequest?.headers.get('Cookie')).toMatch(/^rollcall_session=\w+/);
    expect(server.liveSessions('officehours')).toHaveLength(1);
  });

  it('forgets a cookie whose expiry has passed', () => {
    const jar = new CookieJar();
    const setting = (...cookies: string[]) => {
      const response = new Response(null);
      for (const cookie of cookies) response.headers.append('Set-Cookie', cookie);
      return response;
    };
    jar.take(setting('a=1; Path=/; HttpOnly', 'b=2'));
    expect(jar.header()).toBe('a=1; b=2');
    jar.take(setting('a=; Max-Age=0', 'b=; Expires=Thu, 01 Jan 1970 00:00:00 GMT'));
    expect(jar.header()).toBeNull();
  });

  it('interrupts only what it is told to, once for failNext, and holds a request until released', async () => {
    const server = demoServer();
    server.failNext({ method: 'GET', path: /\/room\/officehours$/ }, { status: 503, message: 'Maintenance' });
    const room = '/ocs/v2.php/apps/spreed/api/v4/room/officehours';

    expect((await fetch(room, { headers })).status).toBe(503);
    expect((await fetch(room, { headers })).status).toBe(200);

    const held = server.hold({ path: room });
    let answered = false;
    const answer = fetch(room, { headers }).then((response) => {
      answered = true;
      return response;
    });
    await held.arrived;
    expect(answered).toBe(false);
    held.release();
    expect((await answer).status).toBe(200);
  });
});
