/**
 * Where a real Talk 19 server (Nextcloud 29) was measured answering differently from the demo, and the demo now
 * answers as it does: the password route, authentication before the room, the owner's role, the lobby before
 * the guest check, XML unless JSON is asked for, and what adding a participant answers.
 */
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import type { V1Room, V4Room } from '../../contract/wire';
import { Client, v1, v4, type TestServer } from '../test/harness';
import { attendeeId, expectEnvelope, expectNotLoggedIn, joinedGuest, useServer } from '../test/contract';

const GENERATIONS = [
  ['v4', v4],
  ['v1', v1],
] as const;

const hasPassword = (server: TestServer, token: string): boolean =>
  (server.db.prepare('SELECT password_hash FROM rooms WHERE token = ?').get(token) as { password_hash: string | null }).password_hash !==
  null;

describe.each(GENERATIONS)('PUT /room/{token}/password (%s)', (generation, base) => {
  const server = useServer();
  const join = (user: string, password?: string) =>
    Client.as(server(), user).ocs('POST', base('/room/officehours/participants/active'), { json: password === undefined ? {} : { password } });

  it('200 for a moderator: from then on joining by the link needs the password', async () => {
    const res = await Client.as(server(), 'bob').ocs('PUT', base('/room/officehours/password'), { json: { password: 'letmein' } });
    expectEnvelope(res, 200);
    expect(res.data).toMatchObject({ token: 'officehours', hasPassword: true });
    expect((await join('carol')).status).toBe(403);
    expect((await join('carol', 'letmein')).status).toBe(200);
  });

  it('200 with an empty password removes it: anyone with the link joins again', async () => {
    const res = await Client.as(server(), 'alice').ocs<V1Room | V4Room>('PUT', base('/room/officehours/password'), { form: { password: '' } });
    expectEnvelope(res, 200);
    expect(res.data.hasPassword).toBe(false);
    expect(hasPassword(server(), 'officehours')).toBe(false);
    expect((await join('dave')).status).toBe(200);
  });

  it('403 for a member who is not a moderator, and the password stays as it was', async () => {
    const res = await Client.as(server(), 'alice').ocs('PUT', base('/room/boardroom/password'), { json: { password: 'mine now' } });
    expectEnvelope(res, 403);
    expect(hasPassword(server(), 'boardroom')).toBe(true);
  });

  it('400 for a conversation that is not public (only public ones have a password), 404 for a stranger', async () => {
    const group = await Client.as(server(), 'alice').ocs('PUT', base('/room/designteam/password'), { json: { password: 'secret' } });
    expectEnvelope(group, 400);
    expect(group.data).toEqual(generation === 'v4' ? { error: 'type' } : []);
    expect(hasPassword(server(), 'designteam')).toBe(false);
    const oneToOne = await Client.as(server(), 'alice').ocs('PUT', base('/room/alicebob/password'), { json: { password: 'secret' } });
    expectEnvelope(oneToOne, 400);
    expectEnvelope(await Client.as(server(), 'dave').ocs('PUT', base('/room/launch/password'), { json: { password: 'x' } }), 404);
  });

  it('400 without a password parameter, or with one longer than the demo takes', async () => {
    const bob = Client.as(server(), 'bob');
    expectEnvelope(await bob.ocs('PUT', base('/room/officehours/password'), { json: {} }), 400);
    expectEnvelope(await bob.ocs('PUT', base('/room/officehours/password'), { json: { password: 'x'.repeat(1025) } }), 400);
    expectEnvelope(await bob.ocs('PUT', base('/room/officehours/password'), { json: { password: ['a'] } }), 400);
  });
});

describe.each(GENERATIONS)('routes for accounts refuse anonymous callers and guests before the room (%s)', (_generation, base) => {
  const server = useServer();
  const ROUTES = [
    ['GET', '/room', undefined],
    ['POST', '/room', { roomType: 2, roomName: 'Sneaky' }],
    ['POST', '/room/{token}/participants', { newParticipant: 'eve' }],
    ['PUT', '/room/{token}/webinar/lobby', { state: 1 }],
    ['DELETE', '/room/{token}/participants/self', undefined],
    ['POST', '/room/{token}/public', undefined],
    ['DELETE', '/room/{token}/public', undefined],
  ] as const;

  it('401 with OCS statuscode 997 and empty data, whatever the token: a room, no room, or no token at all', async () => {
    const guest = await joinedGuest(server(), 'officehours', v4);
    for (const caller of [Client.as(server()), guest]) {
      for (const token of ['officehours', 'nosuchroom', 'x']) {
        for (const [method, path, json] of ROUTES) {
          const res = await caller.ocs(method, base(path.replace('{token}', token)), json ? { json } : {});
          expect(`${method} ${path} ${token}: ${res.status} ${res.meta?.statuscode}`).toBe(`${method} ${path} ${token}: 401 997`);
          expectNotLoggedIn(res);
        }
      }
    }
  });

  it('a guest cannot leave with DELETE participants/self (401): they are still in the conversation', async () => {
    const guest = await joinedGuest(server(), 'officehours', v4);
    expectNotLoggedIn(await guest.ocs('DELETE', base('/room/officehours/participants/self')));
    const room = await guest.ocs<V4Room>('GET', v4('/room/officehours'));
    expect(room.data.participantType).toBe(4);
  });

  it('nothing changed: the lobby stays off and the room stays public', async () => {
    const room = await Client.as(server(), 'bob').ocs<V4Room>('GET', v4('/room/officehours'));
    expect(room.data).toMatchObject({ lobbyState: 0, type: 3 });
  });
});

describe('promoting or demoting the owner, or anyone in a one-to-one conversation', () => {
  const server = useServer();
  const roleChange = (user: string, base: (path: string) => string, method: 'POST' | 'DELETE', token: string, target: Record<string, unknown>) =>
    Client.as(server(), user).ocs(method, base(`/room/${token}/moderators`), method === 'POST' ? { json: target } : { params: target });
  const typeOf = (token: string, actorId: string) =>
    (server().db.prepare('SELECT participant_type FROM attendees WHERE id = ?').get(attendeeId(server(), token, actorId)) as {
      participant_type: number;
    }).participant_type;

  it('v4: 400 (as Talk 19 answers, not 403), and the roles stay as they were', async () => {
    for (const method of ['POST', 'DELETE'] as const) {
      const owner = await roleChange('bob', v4, method, 'launch', { attendeeId: attendeeId(server(), 'launch', 'alice') });
      expectEnvelope(owner, 400);
      expect(owner.data).toEqual({ error: 'owner' });
      const oneToOne = await roleChange('alice', v4, method, 'alicebob', { attendeeId: attendeeId(server(), 'alicebob', 'bob') });
      expectEnvelope(oneToOne, 400);
      expect(oneToOne.data).toEqual({ error: 'room-type' });
    }
    expect([typeOf('launch', 'alice'), typeOf('alicebob', 'bob')]).toEqual([1, 1]);
  });

  it('v1: 400 in a one-to-one conversation; the owner keeps what the v1 documentation says (403 to promote, 400 to demote)', async () => {
    for (const method of ['POST', 'DELETE'] as const) {
      expectEnvelope(await roleChange('alice', v1, method, 'alicebob', { participant: 'bob' }), 400);
    }
    expectEnvelope(await roleChange('bob', v1, 'POST', 'launch', { participant: 'alice' }), 403);
    expectEnvelope(await roleChange('bob', v1, 'DELETE', 'launch', { participant: 'alice' }), 400);
    expect([typeOf('launch', 'alice'), typeOf('alicebob', 'bob')]).toEqual([1, 1]);
  });
});

describe.each(GENERATIONS)('the lobby comes before the guest check (%s)', (_generation, base) => {
  const server = useServer();

  it('a guest listing the participants gets 412 while the lobby is on, 403 while it is off', async () => {
    const waiting = await joinedGuest(server(), 'launch', v4);
    expectEnvelope(await waiting.ocs('GET', base('/room/launch/participants')), 412);
    const guest = await joinedGuest(server(), 'officehours', v4);
    expectEnvelope(await guest.ocs('GET', base('/room/officehours/participants')), 403);
  });
});

/** A request exactly as given: fetch would add `Accept: *\/*` when none is set. */
function rawGet(server: TestServer, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; contentType: string; body: string }>((resolve, reject) => {
    const url = new URL(path, server.url);
    const request = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, headers, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, contentType: response.headers['content-type'] ?? '', body }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('XML unless JSON is asked for, as Nextcloud answers', () => {
  const server = useServer();
  const alice = { 'OCS-APIRequest': 'true', Authorization: `Basic ${Buffer.from('alice:demo').toString('base64')}` };

  it('no Accept header, */* or application/xml: the envelope as XML, lists as <element>', async () => {
    for (const accept of [undefined, '*/*', 'application/xml', 'text/html, application/xml;q=0.9']) {
      const res = await rawGet(server(), v4('/room'), accept === undefined ? alice : { ...alice, Accept: accept });
      expect(res.status).toBe(200);
      expect(res.contentType).toBe('application/xml; charset=utf-8');
      expect(res.body.startsWith(
        '<?xml version="1.0"?>\n<ocs>\n <meta>\n  <status>ok</status>\n  <statuscode>200</statuscode>\n  <message>OK</message>\n </meta>\n <data>\n  <element>\n',
      )).toBe(true);
      expect(res.body).toContain('   <token>designteam</token>\n');
      expect(res.body.endsWith(' </data>\n</ocs>\n')).toBe(true);
    }
  });

  it('JSON for Accept: application/json or format=json; format=xml wins over the header', async () => {
    for (const [path, accept] of [
      [v4('/room'), 'application/json'],
      [v4('/room?format=json'), '*/*'],
      [v4('/room?format=json'), 'application/xml'],
    ] as const) {
      const res = await rawGet(server(), path, { ...alice, Accept: accept });
      expect(res.contentType).toContain('application/json');
      expect(JSON.parse(res.body).ocs.meta.statuscode).toBe(200);
    }
    const xml = await rawGet(server(), v4('/room?format=xml'), { ...alice, Accept: 'application/json' });
    expect(xml.contentType).toBe('application/xml; charset=utf-8');
  });

  it('refusals too: 401 with statuscode 997 and empty data, 404 with its message', async () => {
    const anonymous = await rawGet(server(), v4('/room'), { 'OCS-APIRequest': 'true' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toBe(
      '<?xml version="1.0"?>\n<ocs>\n <meta>\n  <status>failure</status>\n  <statuscode>997</statuscode>\n' +
        '  <message>Current user is not logged in</message>\n </meta>\n <data/>\n</ocs>\n',
    );
    const missing = await rawGet(server(), v4('/room/nosuchroom'), alice);
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('<statuscode>404</statuscode>');
  });

  it('escapes text, writes true as 1 and false as empty, and leaves the bare CSRF refusal as it is', async () => {
    await Client.as(server(), 'alice').ocs('POST', v4('/room'), { json: { roomType: 3, roomName: 'R&D <core> "team"' } });
    const rooms = await rawGet(server(), v4('/room'), alice);
    expect(rooms.body).toContain('<displayName>R&amp;D &lt;core&gt; &quot;team&quot;</displayName>');
    expect(rooms.body).toContain('<hasPassword/>');
    const capabilities = await rawGet(server(), '/ocs/v2.php/cloud/capabilities', { 'OCS-APIRequest': 'true' });
    expect(capabilities.body).toContain('<element>conversation-v4</element>');
    const csrf = await rawGet(server(), v4('/room'), { Authorization: alice.Authorization });
    expect(csrf.status).toBe(412);
    expect(JSON.parse(csrf.body)).toEqual({ message: 'CSRF check failed' });
  });
});

describe.each(GENERATIONS)('what adding a participant answers (%s)', (_generation, base) => {
  const server = useServer();
  const add = (newParticipant: string, source: string) =>
    Client.as(server(), 'alice').ocs('POST', base('/room/designteam/participants'), { json: { newParticipant, source } });

  it('an account or a group: data []', async () => {
    const account = await add('eve', 'users');
    expectEnvelope(account, 200);
    expect(account.data).toEqual([]);
    expect((await add('support', 'groups')).data).toEqual([]);
  });

  it('an email: {type: 3} when it makes the conversation public, and again once it is public', async () => {
    expect((await add('zoe@example.org', 'emails')).data).toEqual({ type: 3 });
    expect((await add('yan@example.org', 'emails')).data).toEqual({ type: 3 });
    const room = await Client.as(server(), 'alice').ocs<V4Room>('GET', v4('/room/designteam'));
    expect(room.data.type).toBe(3);
  });
});
