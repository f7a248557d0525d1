/**
 * Input the API must refuse: every refusal is a 4xx with the OCS envelope (never a 500, never a crash), and the
 * server keeps answering afterwards.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../http/ocs';
import { Client, v1, v4, type ApiResponse, type OcsBody } from '../test/harness';
import { attendeeId, expectEnvelope, joinedGuest, useServer } from '../test/contract';

/** A refusal: the given 4xx, with an envelope that says so. */
function expectRefused(res: ApiResponse<OcsBody>, status: number) {
  expect(status).toBeGreaterThanOrEqual(400);
  expect(status).toBeLessThan(500);
  expectEnvelope({ status: res.status, meta: res.body?.ocs?.meta }, status);
}

describe('bad input', () => {
  const server = useServer();
  const alice = () => Client.as(server(), 'alice');

  afterEach(async () => {
    // Whatever the test sent, the server still answers.
    const res = await alice().ocs<unknown[]>('GET', v4('/room'));
    expectEnvelope(res, 200);
    expect(res.data.length).toBeGreaterThan(0);
  });

  it('malformed JSON body → 400', async () => {
    for (const body of ['{"newParticipant": "eve"', '{newParticipant: eve}', '\u0000', '{"a":1}}']) {
      const res = await alice().request<OcsBody>('POST', v4('/room/designteam/participants'), {
        body,
        headers: { 'Content-Type': 'application/json' },
      });
      expectRefused(res, 400);
    }
  });

  it('a JSON body that is not an object (array, string, number, null) → 400', async () => {
    for (const json of [['eve'], 'eve', 42, true]) {
      const res = await alice().request<OcsBody>('POST', v4('/room/designteam/participants'), { json });
      expectRefused(res, 400);
    }
    const res = await alice().request<OcsBody>('POST', v4('/room/designteam/participants'), {
      body: 'null',
      headers: { 'Content-Type': 'application/json' },
    });
    expectRefused(res, 400);
  });

  it('wrong types: attendeeId "abc", fractions, negatives and huge numbers → 400', async () => {
    for (const value of ['abc', '1.5', '-1', '1e3', '99999999999999999999', '0x10']) {
      const res = await alice().request<OcsBody>('DELETE', v4('/room/designteam/attendees'), { params: { attendeeId: value } });
      expectRefused(res, 400);
    }
    for (const value of ['abc', 1.5, -1, 1e30, true, [1], { id: 1 }]) {
      const res = await alice().request<OcsBody>('POST', v4('/room/designteam/moderators'), { json: { attendeeId: value } });
      expectRefused(res, 400);
    }
    // A huge number in JSON parses to Infinity.
    const infinite = await alice().request<OcsBody>('POST', v4('/room/designteam/moderators'), {
      body: '{"attendeeId": 1e400}',
      headers: { 'Content-Type': 'application/json' },
    });
    expectRefused(infinite, 400);
    expect((await alice().ocs<{ participantType: number }[]>('GET', v4('/room/designteam/participants'))).data.map((p) => p.participantType)).toEqual([
      1, 2, 3, 3, 3,
    ]);
  });

  it('wrong types: lobby state "x", timer "soon", roomType as an object, newParticipant as an array → 400', async () => {
    const cases: [string, string, unknown][] = [
      ['PUT', v4('/room/designteam/webinar/lobby'), { state: 'x' }],
      ['PUT', v4('/room/designteam/webinar/lobby'), { state: 1, timer: 'soon' }],
      ['PUT', v4('/room/designteam/webinar/lobby'), { state: 1, timer: -5 }],
      ['POST', v4('/room'), { roomType: { type: 2 }, roomName: 'Object' }],
      ['POST', v4('/room'), { roomType: '2', roomName: ['Array'] }],
      ['POST', v4('/room/designteam/participants'), { newParticipant: ['eve'] }],
      ['POST', v4('/room/designteam/participants'), { newParticipant: 'eve', source: { users: true } }],
      ['POST', v4('/room/officehours/participants/active'), { force: 'maybe' }],
      ['POST', v4('/room/boardroom/participants/active'), { password: { guess: 'boardroom' } }],
    ];
    for (const [method, path, json] of cases) {
      const res = await alice().request<OcsBody>(method, path, { json });
      expectRefused(res, 400);
    }
    const status = await alice().request<OcsBody>('GET', v4('/room/designteam/participants'), { params: { includeStatus: 'perhaps' } });
    expectRefused(status, 400);
    expect((await alice().ocs<{ lobbyState: number }>('GET', v4('/room/designteam'))).data.lobbyState).toBe(0);
  });

  it('missing required fields → 400', async () => {
    const cases: [string, string, Record<string, unknown>][] = [
      ['POST', v4('/room/designteam/participants'), {}],
      ['POST', v4('/room/designteam/participants'), { newParticipant: '   ' }],
      ['PUT', v4('/room/designteam/webinar/lobby'), { timer: 1 }],
      ['DELETE', v4('/room/designteam/attendees'), {}],
      ['POST', v4('/room/designteam/moderators'), {}],
      ['DELETE', v4('/room/designteam/moderators'), {}],
      ['POST', v4('/room'), { roomName: 'No type' }],
      ['DELETE', v1('/room/designteam/participants'), {}],
      ['DELETE', v1('/room/officehours/participants/guests'), {}],
      ['POST', v1('/room/designteam/moderators'), { participant: null, sessionId: null }],
      ['DELETE', v1('/room/designteam/moderators'), {}],
    ];
    for (const [method, path, json] of cases) {
      const res = await alice().request<OcsBody>(method, path, { json });
      expectRefused(res, 400);
    }
    const guest = await joinedGuest(server(), 'officehours', v4);
    expectRefused(await guest.request<OcsBody>('POST', v1('/guest/officehours/name'), { json: {} }), 400);
  });

  it('an unknown source → 400 in both generations', async () => {
    for (const base of [v1, v4]) {
      const res = await alice().request<OcsBody>('POST', base('/room/designteam/participants'), {
        json: { newParticipant: 'eve', source: 'carrier-pigeons' },
      });
      expectRefused(res, 400);
    }
  });

  it(`display names over ${LIMITS.displayName} characters → 400; exactly ${LIMITS.displayName} (emoji included) → 200`, async () => {
    const guest = await joinedGuest(server(), 'officehours', v4);
    const name = async (displayName: string) => guest.request<OcsBody>('POST', v1('/guest/officehours/name'), { json: { displayName } });
    expectRefused(await name('g'.repeat(LIMITS.displayName + 1)), 400);
    expectRefused(await name('🙂'.repeat(LIMITS.displayName + 1)), 400);
    for (const displayName of ['🙂'.repeat(LIMITS.displayName), 'g'.repeat(LIMITS.displayName)]) {
      expectEnvelope(await guest.ocs('POST', v1('/guest/officehours/name'), { json: { displayName } }), 200);
    }
  });

  it(`room names over ${LIMITS.roomName}, participant ids over ${LIMITS.participantId} and searches over ${LIMITS.search} characters → 400`, async () => {
    expectRefused(await alice().request<OcsBody>('POST', v4('/room'), { json: { roomType: 2, roomName: 'r'.repeat(LIMITS.roomName + 1) } }), 400);
    expectEnvelope(await alice().ocs('POST', v4('/room'), { json: { roomType: 2, roomName: 'r'.repeat(LIMITS.roomName) } }), 201);
    expectRefused(
      await alice().request<OcsBody>('POST', v4('/room/designteam/participants'), { json: { newParticipant: 'e'.repeat(LIMITS.participantId + 1) } }),
      400,
    );
    expectRefused(
      await alice().request<OcsBody>('GET', '/ocs/v2.php/core/autocomplete/get', { params: { search: 's'.repeat(LIMITS.search + 1) } }),
      400,
    );
  });

  it(`bodies over ${LIMITS.bodyBytes} bytes → 413`, async () => {
    const padding = 'x'.repeat(LIMITS.bodyBytes);
    const json = await alice().request<OcsBody>('POST', v4('/room/designteam/participants'), { json: { newParticipant: 'eve', padding } });
    expectRefused(json, 413);
    // The rest of the body was never read, so the connection must not be reused for another request.
    expect(json.headers.get('connection')).toBe('close');
    const form = await alice().request<OcsBody>('POST', v4('/room/designteam/participants'), { form: { newParticipant: 'eve', padding } });
    expectRefused(form, 413);
    // Fewer characters than the limit, more bytes: the limit is in bytes.
    const wide = await alice().request<OcsBody>('POST', v4('/room/designteam/participants'), {
      json: { newParticipant: 'eve', padding: '€'.repeat(LIMITS.bodyBytes / 2) },
    });
    expectRefused(wide, 413);
    expect((await alice().ocs<{ actorId: string }[]>('GET', v4('/room/designteam/participants'))).data.map((p) => p.actorId)).not.toContain('eve');
  });

  it(`bodies over ${LIMITS.bodyBytes} bytes sent without a Content-Length (chunked) → 413`, async () => {
    // 100 KiB of ASCII; and 30,720 characters of '€' (3 bytes each): under the limit in characters, over it in bytes.
    for (const [character, kib] of [['x', 100], ['€', 30]] as const) {
      const chunks = Array.from({ length: kib }, () => new TextEncoder().encode(character.repeat(1024)));
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          const next = chunks.shift();
          if (next) controller.enqueue(next);
          else controller.close();
        },
      });
      const response = await fetch(new URL(v4('/room/designteam/participants?newParticipant=eve'), server().url), {
        method: 'POST',
        headers: {
          'OCS-APIRequest': 'true',
          Accept: 'application/json',
          'Content-Type': 'application/x-www-form-urlencoded',
          Authorization: `Basic ${Buffer.from('alice:demo').toString('base64')}`,
        },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      const body = (await response.json()) as OcsBody;
      expectEnvelope({ status: response.status, meta: body.ocs.meta }, 413);
    }
  });

  it('invalid tokens (uppercase, too short, too long, ../, encoded slashes, unicode) → 404', async () => {
    const tokens = ['DESIGNTEAM', 'Designteam', 'abc', 'a'.repeat(31), '..%2F..%2Fetc', '%2E%2E%2Fdesignteam', 'design%20team', 'désign', '%00designteam'];
    for (const token of tokens) {
      for (const path of [v4(`/room/${token}`), v4(`/room/${token}/participants`), v1(`/room/${token}/participants`)]) {
        const res = await alice().request<OcsBody>('GET', path);
        expectRefused(res, 404);
      }
      const join = await Client.as(server()).request<OcsBody>('POST', v4(`/room/${token}/participants/active`));
      expectRefused(join, 404);
    }
  });

  it('an unsupported content type → 415', async () => {
    for (const contentType of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x']) {
      const res = await alice().request<OcsBody>('POST', v4('/room/designteam/participants'), {
        body: 'newParticipant=eve',
        headers: { 'Content-Type': contentType },
      });
      expectRefused(res, 415);
    }
  });

  it('a JSON body cannot reach the prototype (__proto__, constructor) → 400', async () => {
    const res = await alice().request<OcsBody>('POST', v4('/room/designteam/participants'), {
      body: '{"__proto__": {"newParticipant": "eve"}, "constructor": {"prototype": {"newParticipant": "eve"}}}',
      headers: { 'Content-Type': 'application/json' },
    });
    expectRefused(res, 400);
    expect(({} as Record<string, unknown>).newParticipant).toBeUndefined();
  });

  it('a garbled session cookie counts as no session', async () => {
    for (const cookie of ['rollcall_session=%E0%A4%A', `rollcall_session=${'x'.repeat(4096)}`, 'rollcall_session=;;;']) {
      const res = await Client.as(server()).request<OcsBody>('GET', v4('/room/officehours'), { headers: { Cookie: cookie } });
      expectEnvelope({ status: res.status, meta: res.body.ocs.meta }, 200);
      const list = await Client.as(server()).request<OcsBody>('GET', v4('/room/officehours/participants'), { headers: { Cookie: cookie } });
      expectRefused(list, 404);
    }
  });

  it('a garbled Authorization header → 401 (XML, as Nextcloud answers bad credentials)', async () => {
    for (const authorization of ['Basic', 'Basic !!!', `Basic ${Buffer.from('alice').toString('base64')}`, 'Bearer abc', 'Basic '.padEnd(9000, 'A')]) {
      const res = await Client.as(server()).request('GET', v4('/room'), { headers: { Authorization: authorization } });
      expect(res.status).toBe(401);
      expect(res.text).toMatch(/^<\?xml/);
    }
  });

  it('attendee ids of another conversation are not found, whatever the type of request', async () => {
    const foreign = attendeeId(server(), 'supportdesk', 'eve');
    expectRefused(await alice().request<OcsBody>('DELETE', v4('/room/designteam/attendees'), { params: { attendeeId: foreign } }), 404);
    expectRefused(await alice().request<OcsBody>('POST', v4('/room/designteam/moderators'), { form: { attendeeId: String(foreign) } }), 404);
  });
});

describe('bad input to the ban routes (v1 ban API beside v4)', () => {
  const server = useServer();
  const alice = () => Client.as(server(), 'alice');
  const ban = (path: string) => v1(`/ban${path}`);

  afterEach(async () => {
    // Nothing was banned and nobody removed by the refused requests, and the server still answers.
    const bans = await alice().ocs<unknown[]>('GET', ban('/officehours'));
    expectEnvelope(bans, 200);
    expect(bans.data).toEqual([]);
    const people = await alice().ocs<{ actorId: string }[]>('GET', v4('/room/officehours/participants'));
    expect(people.data.map((p) => p.actorId)).toContain('eve');
  });

  it('bodies that are not a JSON object, malformed, or over the size limit → 4xx', async () => {
    for (const body of ['{"actorType": "users"', '[1]', '"eve"', 'null', '\u0000']) {
      expectRefused(await alice().request<OcsBody>('POST', ban('/officehours'), { body, headers: { 'Content-Type': 'application/json' } }), 400);
    }
    const huge = await alice().request<OcsBody>('POST', ban('/officehours'), {
      json: { actorType: 'users', actorId: 'eve', internalNote: 'x'.repeat(LIMITS.bodyBytes) },
    });
    expectRefused(huge, 413);
    expectRefused(await alice().request<OcsBody>('POST', ban('/officehours'), { body: 'a=b', headers: { 'Content-Type': 'text/plain' } }), 415);
  });

  it('parameters of the wrong type → 400', async () => {
    for (const value of [42, true, ['eve'], { id: 'eve' }, null]) {
      expectRefused(await alice().request<OcsBody>('POST', ban('/officehours'), { json: { actorType: 'users', actorId: value } }), 400);
      expectRefused(await alice().request<OcsBody>('POST', ban('/officehours'), { json: { actorType: value, actorId: 'eve' } }), 400);
    }
    for (const value of [42, false, ['note'], { note: 1 }]) {
      expectRefused(
        await alice().request<OcsBody>('POST', ban('/officehours'), { json: { actorType: 'users', actorId: 'eve', internalNote: value } }),
        400,
      );
    }
  });

  it('ban ids that are not positive integers → 400; tokens that cannot be tokens → 404', async () => {
    for (const id of ['abc', '1e3', '0x10', '%00', '-1']) {
      expectRefused(await alice().request<OcsBody>('DELETE', ban(`/officehours/${id}`)), 400);
    }
    for (const token of ['UPPER', 'a', 'x'.repeat(31), '%00abc']) {
      expectRefused(await alice().request<OcsBody>('GET', ban(`/${token}`)), 404);
    }
  });
});
