/**
 * Real v4 responses of the demo server, validated against the OpenAPI document of Nextcloud Talk
 * (spec/talk-openapi.json, vendored from nextcloud/spreed: see spec/SOURCE.md) with Ajv.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { V4Room } from '../../contract/wire';
import { Client, v4, type ApiResponse } from '../test/harness';
import { attendeeId, guestAttendeeId, joinedGuest, useServer } from '../test/contract';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Method = 'get' | 'post' | 'put' | 'delete';

interface OpenApiDocument {
  paths: Record<string, Partial<Record<Method, { responses: Record<string, { content?: Record<string, { schema: Json }> }> }>>>;
  components: { schemas: Record<string, Json> };
}

const SPEC: OpenApiDocument = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../spec/talk-openapi.json'), 'utf8'));
const SPEC_ID = 'https://rollcall.invalid/talk-openapi.json';
const TALK_PATH = '/ocs/v2.php/apps/spreed/api/{apiVersion}';

/**
 * OpenAPI 3.0 schemas for Ajv: local `#/components/...` refs point at the registered document, and a `nullable`
 * without a `type` (which allows anything already, and which Ajv refuses on its own) is dropped.
 */
function forAjv(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(forAjv);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] = key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `${SPEC_ID}${value}` : forAjv(value);
  }
  if ('nullable' in out && !('type' in out)) delete out.nullable;
  return out;
}

const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addFormat('int64', { type: 'number', validate: (value: number) => Number.isSafeInteger(value) });
ajv.addFormat('binary', true);
ajv.addSchema(forAjv({ $id: SPEC_ID, components: SPEC.components } as unknown as Json) as object);

const validators = new Map<string, ValidateFunction>();

/** The schema of `responses[status].content['application/json']` of a v4 operation, compiled once. */
function validatorFor(template: string, method: Method, status: number): ValidateFunction {
  const key = `${method} ${template} ${status}`;
  const cached = validators.get(key);
  if (cached) return cached;
  const operation = SPEC.paths[`${TALK_PATH}${template}`]?.[method];
  if (!operation) throw new Error(`openapi.json has no ${method.toUpperCase()} ${template}`);
  const schema = operation.responses[String(status)]?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`openapi.json documents no ${status} for ${method.toUpperCase()} ${template}`);
  const validate = ajv.compile(forAjv(schema) as object);
  validators.set(key, validate);
  return validate;
}

/** The response has the expected status, and its body is what openapi.json documents for that status. */
function expectConforms(res: ApiResponse, template: string, method: Method, status: number) {
  expect(res.status, res.text.slice(0, 300)).toBe(status);
  const validate = validatorFor(template, method, status);
  const valid = validate(res.body);
  expect(valid, `${method.toUpperCase()} ${template} ${status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
}

const ROOM = '/room';
const SINGLE_ROOM = '/room/{token}';
const PARTICIPANTS = '/room/{token}/participants';
const ATTENDEES = '/room/{token}/attendees';
const SELF = '/room/{token}/participants/self';
const ACTIVE = '/room/{token}/participants/active';
const MODERATORS = '/room/{token}/moderators';
const LOBBY = '/room/{token}/webinar/lobby';
const PUBLIC = '/room/{token}/public';
const PASSWORD = '/room/{token}/password';

describe('the validator', () => {
  const server = useServer();

  it('rejects a body that breaks the schema (so the validator itself can fail)', async () => {
    const res = await Client.as(server(), 'alice').request<{ ocs: { data: Record<string, unknown> } }>('GET', v4('/room/designteam'));
    expectConforms(res, SINGLE_ROOM, 'get', 200);

    const room = structuredClone(res.body);
    delete room.ocs.data.token;
    room.ocs.data.lobbyState = '1';
    const validate = validatorFor(SINGLE_ROOM, 'get', 200);
    expect(validate(room)).toBe(false);
    expect(ajv.errorsText(validate.errors)).toMatch(/token/);
    expect(ajv.errorsText(validate.errors)).toMatch(/lobbyState/);

    // An error code that openapi.json does not list, and a participant without its attendeeId.
    expect(validatorFor(ATTENDEES, 'delete', 403)({ ocs: { meta: { status: 'failure', statuscode: 403 }, data: { error: 'nope' } } })).toBe(false);
    const list = await Client.as(server(), 'alice').request<{ ocs: { data: Record<string, unknown>[] } }>('GET', v4('/room/designteam/participants'));
    expectConforms(list, PARTICIPANTS, 'get', 200);
    delete list.body.ocs.data[0]!.attendeeId;
    expect(validatorFor(PARTICIPANTS, 'get', 200)(list.body)).toBe(false);
  });

  it('refuses a status that openapi.json does not document', () => {
    expect(() => validatorFor(PARTICIPANTS, 'get', 418)).toThrow(/documents no 418/);
  });
});

describe('rooms conform to openapi.json', () => {
  const server = useServer();

  it('GET /room → 200 Room[]', async () => {
    for (const user of ['alice', 'bob', 'carol', 'dave', 'eve']) {
      expectConforms(await Client.as(server(), user).request('GET', v4('/room')), ROOM, 'get', 200);
    }
  });

  it('GET /room/{token} → 200 Room for members, visitors of public rooms and guests; 404', async () => {
    expectConforms(await Client.as(server(), 'alice').request('GET', v4('/room/alicebob')), SINGLE_ROOM, 'get', 200);
    expectConforms(await Client.as(server(), 'dave').request('GET', v4('/room/officehours')), SINGLE_ROOM, 'get', 200);
    expectConforms(await Client.as(server(), 'carol').request('GET', v4('/room/launch')), SINGLE_ROOM, 'get', 200);
    const guest = await joinedGuest(server(), 'officehours', v4);
    expectConforms(await guest.request('GET', v4('/room/officehours')), SINGLE_ROOM, 'get', 200);
    expectConforms(await Client.as(server(), 'eve').request('GET', v4('/room/designteam')), SINGLE_ROOM, 'get', 404);
  });

  it('POST /room → 201 Room, 200 Room for an existing one-to-one, 400 {error}', async () => {
    const alice = Client.as(server(), 'alice');
    expectConforms(await alice.request('POST', v4('/room'), { json: { roomType: 2, roomName: 'Retro' } }), ROOM, 'post', 201);
    expectConforms(await alice.request('POST', v4('/room'), { json: { roomType: 3, roomName: 'Open', password: 'pw' } }), ROOM, 'post', 201);
    expectConforms(await alice.request('POST', v4('/room'), { json: { roomType: 1, invite: 'bob' } }), ROOM, 'post', 200);
    expectConforms(await alice.request('POST', v4('/room'), { json: { roomType: 9, roomName: 'x' } }), ROOM, 'post', 400);
    expectConforms(await alice.request('POST', v4('/room'), { json: { roomType: 2, roomName: '' } }), ROOM, 'post', 400);
  });

  it('PUT /webinar/lobby → 200 Room, 400 {error}', async () => {
    const alice = Client.as(server(), 'alice');
    const timer = Math.floor(Date.now() / 1000) + 600;
    expectConforms(await alice.request('PUT', v4('/room/designteam/webinar/lobby'), { json: { state: 1, timer } }), LOBBY, 'put', 200);
    expectConforms(await alice.request('PUT', v4('/room/designteam/webinar/lobby'), { json: { state: 0 } }), LOBBY, 'put', 200);
    expectConforms(await alice.request('PUT', v4('/room/designteam/webinar/lobby'), { json: { state: 5 } }), LOBBY, 'put', 400);
    expectConforms(await alice.request('PUT', v4('/room/alicebob/webinar/lobby'), { json: { state: 1 } }), LOBBY, 'put', 400);
  });

  it('PUT /password → 200 Room, 400 {error: type}', async () => {
    const bob = Client.as(server(), 'bob');
    expectConforms(await bob.request('PUT', v4('/room/officehours/password'), { json: { password: 'letmein' } }), PASSWORD, 'put', 200);
    expectConforms(await bob.request('PUT', v4('/room/officehours/password'), { json: { password: '' } }), PASSWORD, 'put', 200);
    const group = await Client.as(server(), 'alice').request<{ ocs: { data: unknown } }>('PUT', v4('/room/designteam/password'), {
      json: { password: 'letmein' },
    });
    expectConforms(group, PASSWORD, 'put', 400);
    expect(group.body.ocs.data).toEqual({ error: 'type' });
  });

  it('POST/DELETE /public → 200 Room, 400 {error}', async () => {
    const dave = Client.as(server(), 'dave');
    expectConforms(await dave.request('POST', v4('/room/supportdesk/public')), PUBLIC, 'post', 200);
    expectConforms(await dave.request('POST', v4('/room/supportdesk/public')), PUBLIC, 'post', 400);
    expectConforms(await dave.request('DELETE', v4('/room/supportdesk/public')), PUBLIC, 'delete', 200);
    expectConforms(await dave.request('DELETE', v4('/room/supportdesk/public')), PUBLIC, 'delete', 400);
  });
});

describe('participants conform to openapi.json', () => {
  const server = useServer();

  it('GET /participants → 200 Participant[] (with and without includeStatus), 403 for a guest', async () => {
    for (const token of ['designteam', 'officehours', 'launch', 'supportdesk']) {
      for (const includeStatus of [0, 1]) {
        const res = await Client.as(server(), 'alice').request('GET', v4(`/room/${token}/participants`), { params: { includeStatus } });
        expectConforms(res, PARTICIPANTS, 'get', 200);
      }
    }
    const guest = await joinedGuest(server(), 'officehours', v4);
    expectConforms(await guest.request('GET', v4('/room/officehours/participants')), PARTICIPANTS, 'get', 403);
  });

  it('POST /participants → 200 (with and without a type change), 400 and 404 {error}', async () => {
    const alice = Client.as(server(), 'alice');
    const added = await alice.request<{ ocs: { meta: unknown; data: unknown } }>('POST', v4('/room/designteam/participants'), {
      json: { newParticipant: 'eve' },
    });
    // Talk 19 answers PHP's empty array, which JSON spells `[]`; openapi.json describes it as the object it is in PHP.
    expect(added.body.ocs.data).toEqual([]);
    expectConforms({ ...added, body: { ocs: { ...added.body.ocs, data: {} } } }, PARTICIPANTS, 'post', 200);
    const email = await alice.request<{ ocs: { data: { type?: number } } }>('POST', v4('/room/designteam/participants'), {
      json: { newParticipant: 'zed@example.org', source: 'emails' },
    });
    expectConforms(email, PARTICIPANTS, 'post', 200);
    expect(email.body.ocs.data.type).toBe(3);
    for (const json of [
      { newParticipant: 'eve', source: 'bogus' },
      { newParticipant: 'not an email', source: 'emails' },
    ]) {
      expectConforms(await alice.request('POST', v4('/room/launch/participants'), { json }), PARTICIPANTS, 'post', 400);
    }
    expectConforms(await alice.request('POST', v4('/room/alicebob/participants'), { json: { newParticipant: 'carol' } }), PARTICIPANTS, 'post', 400);
    for (const json of [{ newParticipant: 'nobody' }, { newParticipant: 'nogroup', source: 'groups' }]) {
      expectConforms(await alice.request('POST', v4('/room/launch/participants'), { json }), PARTICIPANTS, 'post', 404);
    }
  });

  it('DELETE /attendees → 200, 400 {error}, 403 {error: owner}, 404 {error: participant}', async () => {
    const alice = Client.as(server(), 'alice');
    const remove = (user: Client, token: string, id: number) => user.request('DELETE', v4(`/room/${token}/attendees`), { params: { attendeeId: id } });
    expectConforms(await remove(alice, 'supportdesk', attendeeId(server(), 'supportdesk', 'alice')), ATTENDEES, 'delete', 200);
    expectConforms(await remove(Client.as(server(), 'bob'), 'officehours', guestAttendeeId(server(), 'officehours', 'Hugo')), ATTENDEES, 'delete', 200);
    expectConforms(await remove(alice, 'alicebob', attendeeId(server(), 'alicebob', 'bob')), ATTENDEES, 'delete', 400);
    expectConforms(await remove(Client.as(server(), 'carol'), 'boardroom', attendeeId(server(), 'boardroom', 'carol')), ATTENDEES, 'delete', 400);
    expectConforms(await remove(Client.as(server(), 'bob'), 'launch', attendeeId(server(), 'launch', 'alice')), ATTENDEES, 'delete', 403);
    expectConforms(await remove(alice, 'launch', 999_999), ATTENDEES, 'delete', 404);
  });

  it('DELETE /participants/self → 200, 400 {error: last-moderator}', async () => {
    expectConforms(await Client.as(server(), 'dave').request('DELETE', v4('/room/boardroom/participants/self')), SELF, 'delete', 200);
    const lastModerator = await Client.as(server(), 'carol').request<{ ocs: { data: unknown } }>('DELETE', v4('/room/boardroom/participants/self'));
    expectConforms(lastModerator, SELF, 'delete', 400);
    expect(lastModerator.body.ocs.data).toEqual({ error: 'last-moderator' });
  });

  it('POST/DELETE /moderators → 200, 400, 403, 404', async () => {
    const alice = Client.as(server(), 'alice');
    const carol = attendeeId(server(), 'launch', 'carol');
    const moderators = (user: Client, method: 'POST' | 'DELETE', id: number) =>
      method === 'POST'
        ? user.request('POST', v4('/room/launch/moderators'), { json: { attendeeId: id } })
        : user.request('DELETE', v4('/room/launch/moderators'), { params: { attendeeId: id } });
    expectConforms(await moderators(alice, 'POST', carol), MODERATORS, 'post', 200);
    expectConforms(await moderators(alice, 'POST', carol), MODERATORS, 'post', 400);
    expectConforms(await moderators(Client.as(server(), 'eve'), 'POST', carol), MODERATORS, 'post', 403);
    expectConforms(await moderators(alice, 'POST', 999_999), MODERATORS, 'post', 404);
    expectConforms(await moderators(alice, 'DELETE', carol), MODERATORS, 'delete', 200);
    expectConforms(await moderators(alice, 'DELETE', carol), MODERATORS, 'delete', 400);
    expectConforms(await moderators(Client.as(server(), 'bob'), 'DELETE', attendeeId(server(), 'launch', 'bob')), MODERATORS, 'delete', 403);
    expectConforms(await moderators(alice, 'DELETE', 999_999), MODERATORS, 'delete', 404);
  });
});

describe('joining conforms to openapi.json', () => {
  const server = useServer();

  it('POST /participants/active → 200 Room, 403 {error: password}, 404, 409 {sessionId, inCall, lastPing}', async () => {
    const guest = Client.as(server());
    const joined = await guest.request<{ ocs: { data: V4Room } }>('POST', v4('/room/officehours/participants/active'));
    expectConforms(joined, ACTIVE, 'post', 200);
    expect(joined.body.ocs.data.sessionId).toHaveLength(512);
    expectConforms(await Client.as(server(), 'alice').request('POST', v4('/room/designteam/participants/active')), ACTIVE, 'post', 200);
    expectConforms(await Client.as(server()).request('POST', v4('/room/boardroom/participants/active'), { json: { password: 'no' } }), ACTIVE, 'post', 403);
    expectConforms(await Client.as(server()).request('POST', v4('/room/designteam/participants/active')), ACTIVE, 'post', 404);
    expectConforms(await guest.request('POST', v4('/room/officehours/participants/active'), { json: { force: false } }), ACTIVE, 'post', 409);
  });

  it('DELETE /participants/active → 200', async () => {
    const guest = await joinedGuest(server(), 'launch', v4);
    expectConforms(await guest.request('DELETE', v4('/room/launch/participants/active')), ACTIVE, 'delete', 200);
  });
});

describe('permissions conform to openapi.json', () => {
  const server = useServer();
  const ATTENDEE_PERMISSIONS = '/room/{token}/attendees/permissions';
  const ALL_PERMISSIONS = '/room/{token}/attendees/permissions/all';
  const ROOM_PERMISSIONS = '/room/{token}/permissions/{mode}';

  it('PUT /attendees/permissions → 200 Participant[], 400 {error}, 404 {error}', async () => {
    const alice = Client.as(server(), 'alice');
    const put = (json: Record<string, unknown>, token = 'designteam') =>
      alice.request('PUT', v4(`/room/${token}/attendees/permissions`), { json });
    const carol = attendeeId(server(), 'designteam', 'carol');
    expectConforms(await put({ attendeeId: carol, method: 'set', permissions: 130 }), ATTENDEE_PERMISSIONS, 'put', 200);
    expectConforms(await put({ attendeeId: carol, method: 'add', permissions: 8 }), ATTENDEE_PERMISSIONS, 'put', 200);
    expectConforms(await put({ attendeeId: attendeeId(server(), 'designteam', 'bob'), method: 'set', permissions: 2 }), ATTENDEE_PERMISSIONS, 'put', 400);
    expectConforms(await put({ attendeeId: carol, method: 'flip', permissions: 2 }), ATTENDEE_PERMISSIONS, 'put', 400);
    expectConforms(await put({ attendeeId: carol, method: 'set', permissions: 512 }), ATTENDEE_PERMISSIONS, 'put', 400);
    expectConforms(await put({ attendeeId: 999_999, method: 'set', permissions: 2 }), ATTENDEE_PERMISSIONS, 'put', 404);
  });

  it('PUT /attendees/permissions/all → 200 Room, 400', async () => {
    const alice = Client.as(server(), 'alice');
    expectConforms(await alice.request('PUT', v4('/room/designteam/attendees/permissions/all'), { json: { method: 'add', permissions: 8 } }), ALL_PERMISSIONS, 'put', 200);
    expectConforms(await alice.request('PUT', v4('/room/alicebob/attendees/permissions/all'), { json: { method: 'add', permissions: 8 } }), ALL_PERMISSIONS, 'put', 400);
  });

  it('PUT /permissions/{mode} → 200 Room, 400 {error}', async () => {
    const alice = Client.as(server(), 'alice');
    expectConforms(await alice.request('PUT', v4('/room/designteam/permissions/default'), { json: { permissions: 134 } }), ROOM_PERMISSIONS, 'put', 200);
    expectConforms(await alice.request('PUT', v4('/room/designteam/permissions/call'), { json: { permissions: 0 } }), ROOM_PERMISSIONS, 'put', 200);
    expectConforms(await alice.request('PUT', v4('/room/designteam/permissions/everyone'), { json: { permissions: 2 } }), ROOM_PERMISSIONS, 'put', 400);
    expectConforms(await alice.request('PUT', v4('/room/alicebob/permissions/default'), { json: { permissions: 2 } }), ROOM_PERMISSIONS, 'put', 400);
  });
});

describe('bans conform to openapi.json', () => {
  const server = useServer();
  const BAN = '/ban/{token}';
  const UNBAN = '/ban/{token}/{banId}';
  const ban = (path: string) => `/ocs/v2.php/apps/spreed/api/v1/ban${path}`;

  it('POST /ban → 200 Ban, 400 {error}; GET → 200 Ban[]; DELETE → 200 null', async () => {
    const alice = Client.as(server(), 'alice');
    const created = await alice.request<{ ocs: { data: { id: number } } }>('POST', ban('/officehours'), {
      json: { actorType: 'users', actorId: 'eve', internalNote: 'note' },
    });
    expectConforms(created, BAN, 'post', 200);
    for (const json of [
      { actorType: 'users', actorId: 'alice' },
      { actorType: 'users', actorId: 'bob' },
      { actorType: 'groups', actorId: 'design' },
      { actorType: 'users', actorId: 'dave', internalNote: 'x'.repeat(4001) },
    ]) {
      expectConforms(await alice.request('POST', ban('/officehours'), { json }), BAN, 'post', 400);
    }
    expectConforms(await alice.request('POST', ban('/alicebob'), { json: { actorType: 'users', actorId: 'bob' } }), BAN, 'post', 400);
    expectConforms(await alice.request('GET', ban('/officehours')), BAN, 'get', 200);
    expectConforms(await alice.request('DELETE', ban(`/officehours/${created.body.ocs.data.id}`)), UNBAN, 'delete', 200);
    expectConforms(await alice.request('GET', ban('/officehours')), BAN, 'get', 200);
  });

  it('POST /participants/active → 403 {error: ban} for a banned account', async () => {
    expectConforms(
      await Client.as(server(), 'bob').request('POST', ban('/officehours'), { json: { actorType: 'users', actorId: 'eve' } }),
      BAN,
      'post',
      200,
    );
    const refused = await Client.as(server(), 'eve').request<{ ocs: { data: unknown } }>('POST', v4('/room/officehours/participants/active'));
    expectConforms(refused, ACTIVE, 'post', 403);
    expect(refused.body.ocs.data).toEqual({ error: 'ban' });
  });
});
