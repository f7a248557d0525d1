import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestServer, v4, type TestServer } from '../test/harness';
import { spawnServer, stopAll, type ServerProcess } from '../test/process';
import { prng } from '../db/seed';

/**
 * The last-moderator rule under a race: moderators demote and remove each other and leave, all at once.
 * In one process the requests interleave between awaits; with two processes on one SQLite file only the
 * store's BEGIN IMMEDIATE transactions stand between two "another moderator remains" checks. Left to chance,
 * two processes almost never check at the same microsecond, so the two-process tests hold the write lock
 * while the requests arrive (whileWriteLocked): a store without the rule then fails them every time.
 */

const PEOPLE = ['alice', 'bob', 'carol', 'dave', 'eve'] as const;
type Person = (typeof PEOPLE)[number];
const MODERATOR_TYPES = [1, 2, 6];
const ANSWERS = [200, 400, 403, 404];
const REQUESTS = 50;

type Op =
  | { kind: 'demote'; actor: Person; target: Person }
  | { kind: 'remove'; actor: Person; target: Person }
  | { kind: 'leave'; actor: Person };

interface Answered {
  op: Op;
  status: number;
  statuscode: number | undefined;
}


function shuffle<T>(list: T[], random: () => number): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

/** 50 moderation requests: everyone leaves at least once (alice, the owner, three times), the rest mixed. */
function raceOps(seed: number): Op[] {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const ops: Op[] = [
    ...PEOPLE.map((actor): Op => ({ kind: 'leave', actor })),
    { kind: 'leave', actor: 'alice' },
    { kind: 'leave', actor: 'alice' },
  ];
  while (ops.length < REQUESTS) {
    const actor = pick(PEOPLE);
    const target = pick(PEOPLE.filter((person) => person !== actor));
    const roll = random();
    ops.push(roll < 0.45 ? { kind: 'demote', actor, target } : roll < 0.85 ? { kind: 'remove', actor, target } : { kind: 'leave', actor });
  }
  return shuffle(ops, random);
}

const as = (url: string, user: Person) => new Client(url, { user, password: 'demo' });

/** Via the API: alice's group room with bob, carol, dave and eve, all four promoted to moderators. */
async function moderatedRoom(url: string, name: string) {
  const alice = as(url, 'alice');
  const created = await alice.ocs<{ token: string }>('POST', v4('/room'), { form: { roomType: '2', roomName: name } });
  expect(created.status).toBe(201);
  const token = created.data.token;
  for (const person of PEOPLE.slice(1)) {
    const added = await alice.ocs('POST', v4(`/room/${token}/participants`), { form: { newParticipant: person, source: 'users' } });
    expect(added.status).toBe(200);
  }
  const listed = await alice.ocs<{ actorId: string; attendeeId: number }[]>('GET', v4(`/room/${token}/participants`));
  const attendeeIds = Object.fromEntries(listed.data.map((p) => [p.actorId, p.attendeeId])) as Record<Person, number>;
  for (const person of PEOPLE.slice(1)) {
    const promoted = await alice.ocs('POST', v4(`/room/${token}/moderators`), { form: { attendeeId: String(attendeeIds[person]) } });
    expect(promoted.status).toBe(200);
  }
  return { token, attendeeIds };
}

function send(url: string, token: string, attendeeIds: Record<Person, number>, op: Op) {
  const client = as(url, op.actor);
  switch (op.kind) {
    case 'demote':
      return client.ocs('DELETE', v4(`/room/${token}/moderators`), { params: { attendeeId: attendeeIds[op.target] } });
    case 'remove':
      return client.ocs('DELETE', v4(`/room/${token}/attendees`), { params: { attendeeId: attendeeIds[op.target] } });
    case 'leave':
      return client.ocs('DELETE', v4(`/room/${token}/participants/self`));
  }
}

/** Fires every request at once, spread over the given servers, and checks what is left. */
async function race(urls: string[], db: Database.Database, seed: number, options: { holdLock?: boolean } = {}) {
  const { token, attendeeIds } = await moderatedRoom(urls[0]!, `Race ${seed}`);
  const ops = raceOps(seed);
  const fire = () =>
    Promise.all(
      ops.map(async (op, index): Promise<Answered> => {
        const response = await send(urls[index % urls.length]!, token, attendeeIds, op);
        return { op, status: response.status, statuscode: response.meta?.statuscode };
      }),
    );
  const answered = options.holdLock ? await whileWriteLocked(db, fire) : await fire();

  // Every request got an answer the API documents, with its envelope; none failed.
  for (const { op, status, statuscode } of answered) {
    expect(ANSWERS, `${JSON.stringify(op)} answered ${status}`).toContain(status);
    expect(statuscode).toBe(status);
  }

  // The final state, from the database.
  const room = db.prepare('SELECT id FROM rooms WHERE token = ?').get(token) as { id: number } | undefined;
  const rows = room
    ? (db.prepare('SELECT actor_type, actor_id, participant_type FROM attendees WHERE room_id = ?').all(room.id) as {
        actor_type: string;
        actor_id: string;
        participant_type: number;
      }[])
    : [];
  const remaining = new Map(rows.filter((row) => row.actor_type === 'users').map((row) => [row.actor_id as Person, row.participant_type]));
  expect(rows.every((row) => row.actor_type === 'users')).toBe(true);

  // The rule: while anyone remains, a moderator (or the owner) remains.
  if (remaining.size > 0) expect([...remaining.values()].some((type) => MODERATOR_TYPES.includes(type))).toBe(true);
  // A room only disappears when its last member leaves.
  if (!room) expect(answered.some((a) => a.status === 200 && a.op.kind === 'leave')).toBe(true);

  // Exactly the answered writes happened: each 200 shows, and nothing changed without one.
  const ok = answered.filter((a) => a.status === 200).map((a) => a.op);
  for (const person of PEOPLE) {
    const removals = ok.filter((op) => (op.kind === 'leave' && op.actor === person) || (op.kind === 'remove' && op.target === person));
    const demotions = ok.filter((op) => op.kind === 'demote' && op.target === person);
    expect(removals.length, `${person} removed by ${JSON.stringify(removals)}`).toBeLessThanOrEqual(1);
    expect(demotions.length).toBeLessThanOrEqual(1);
    if (removals.length === 1) {
      expect(remaining.has(person), `${person} was removed (200) but is still there`).toBe(false);
    } else {
      expect(remaining.has(person), `${person} is gone without a 200`).toBe(true);
      const expectedType = person === 'alice' ? 1 : demotions.length ? 3 : 2;
      expect(remaining.get(person), `${person}'s participant type`).toBe(expectedType);
    }
    if (person === 'alice') expect(demotions).toEqual([]);
  }

  // The same through the API: every remaining member sees the list, with a moderator in it.
  for (const person of remaining.keys()) {
    const listed = await as(urls[0]!, person).ocs<{ actorId: string; participantType: number }[]>(
      'GET',
      v4(`/room/${token}/participants`),
    );
    expect(listed.status).toBe(200);
    expect(listed.data.map((p) => p.actorId).sort()).toEqual([...remaining.keys()].sort());
    expect(listed.data.some((p) => MODERATOR_TYPES.includes(p.participantType))).toBe(true);
  }
  return answered;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Holds the database's write lock (from the test's own connection) while the requests arrive, then lets go:
 * each server process is then inside its first request at the same moment, waiting for the lock. With the
 * store's BEGIN IMMEDIATE they wait before reading anything, so the second reads what the first wrote. A
 * store that read first (no transaction, or a deferred one) would check "another moderator remains" against
 * the same old state in both processes, or fail with SQLITE_BUSY. Held well below the 5 s busy_timeout.
 */
async function whileWriteLocked<T>(db: Database.Database, fire: () => Promise<T>, holdMs = 400): Promise<T> {
  db.exec('BEGIN IMMEDIATE');
  let pending: Promise<T>;
  try {
    pending = fire();
    // Still returned (and awaited) below; this only keeps an early failure from being "unhandled" meanwhile.
    pending.catch(() => {});
    await sleep(holdMs);
  } finally {
    db.exec('ROLLBACK');
  }
  return pending;
}

const ROUND_SEEDS = [1, 2, 3];

describe('last moderator under concurrent requests: one server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it.each(ROUND_SEEDS)('round %i: 50 concurrent demotions, removals and departures keep a moderator', async (seed) => {
    const answered = await race([server.url], server.db, seed);
    // The race was a race: some requests won, some lost.
    expect(answered.some((a) => a.status === 200)).toBe(true);
    expect(answered.some((a) => a.status !== 200)).toBe(true);
  });
});

describe('last moderator under concurrent requests: two server processes on one SQLite file', () => {
  let dataDir: string;
  let servers: ServerProcess[] = [];
  let db: Database.Database;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rollcall-race-'));
    // Both start at once on an empty directory: migrating and seeding must happen exactly once.
    servers = await Promise.all([spawnServer({ env: { DATA_DIR: dataDir } }), spawnServer({ env: { DATA_DIR: dataDir } })]);
    db = new Database(path.join(dataDir, 'rollcall.sqlite'));
    db.pragma('busy_timeout = 5000');
  }, 60_000);

  afterAll(async () => {
    db?.close();
    await stopAll();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('both came up on one database, seeded once', () => {
    expect(servers.map((server) => server.output()).filter((output) => output.includes('Seeded the demo data'))).toHaveLength(1);
    expect(db.prepare("SELECT COUNT(*) AS n FROM meta WHERE key = 'seeded'").get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM rooms').get()).toEqual({ n: 7 });
  });

  // alice leaves in one process while, in the other, the only other moderator loses that role.
  it.each<[string, Op]>([
    ['both moderators leave', { kind: 'leave', actor: 'bob' }],
    ['the owner leaves as she removes the other moderator', { kind: 'remove', actor: 'alice', target: 'bob' }],
    ['the owner leaves as she demotes the other moderator', { kind: 'demote', actor: 'alice', target: 'bob' }],
  ])('the last two moderators, one request in each process at the same moment: %s', async (name, second) => {
    const [a, b] = servers.map((server) => server.url) as [string, string];
    // alice (owner) and bob (moderator) moderate; carol is a member.
    const alice = as(a, 'alice');
    const created = await alice.ocs<{ token: string }>('POST', v4('/room'), { form: { roomType: '2', roomName: `Duel: ${name}` } });
    const token = created.data.token;
    for (const person of ['bob', 'carol']) {
      await alice.ocs('POST', v4(`/room/${token}/participants`), { form: { newParticipant: person, source: 'users' } });
    }
    const listed = await alice.ocs<{ actorId: string; attendeeId: number }[]>('GET', v4(`/room/${token}/participants`));
    const ids = Object.fromEntries(listed.data.map((p) => [p.actorId, p.attendeeId])) as Record<Person, number>;
    expect((await alice.ocs('POST', v4(`/room/${token}/moderators`), { form: { attendeeId: String(ids.bob) } })).status).toBe(200);

    const answers = await whileWriteLocked(db, () =>
      Promise.all([send(a, token, ids, { kind: 'leave', actor: 'alice' }), send(b, token, ids, second)]),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    // One wins; the other is refused (last moderator: 400) or finds the room changed under it (404, 400).
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    for (const status of statuses) expect(ANSWERS).toContain(status);
    const moderators = db
      .prepare('SELECT COUNT(*) AS n FROM attendees a JOIN rooms r ON r.id = a.room_id WHERE r.token = ? AND a.participant_type IN (1, 2, 6)')
      .get(token) as { n: number };
    expect(moderators.n).toBeGreaterThanOrEqual(1);
  });

  it.each(ROUND_SEEDS)('round %i: the race split over both processes keeps a moderator', async (seed) => {
    const answered = await race(
      servers.map((server) => server.url),
      db,
      100 + seed,
      { holdLock: true },
    );
    expect(answered.some((a) => a.status === 200)).toBe(true);
    expect(servers.every((server) => server.child.exitCode === null)).toBe(true);
    for (const server of servers) expect(server.output()).not.toMatch(/SqliteError|database is locked|Internal error/);
  });
});
