import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, v4 } from './test/harness';
import { spawnServer, stopAll, type ServerProcess } from './test/process';

/**
 * A write the server answered with 2xx is committed: a SIGKILL right after the answer, or in the middle of a
 * burst of writes, loses none of them. One DATA_DIR, one server process after another, each run on what the
 * previous one left.
 */

interface V4RoomLite {
  token: string;
  name: string;
  lobbyState: number;
}

interface V4ParticipantLite {
  actorType: string;
  actorId: string;
  attendeeId: number;
  participantType: number;
}

/** What an answered write promised; checked against the API of the next process. */
type Promised =
  | { kind: 'room'; token: string; name: string }
  | { kind: 'member'; token: string; user: string; participantType: number }
  | { kind: 'lobby'; token: string; lobbyState: number };

const as = (server: ServerProcess, user = 'alice') => new Client(server.url, { user, password: 'demo' });

async function rooms(server: ServerProcess) {
  const listed = await as(server).ocs<V4RoomLite[]>('GET', v4('/room'));
  expect(listed.status).toBe(200);
  return new Map(listed.data.map((room) => [room.token, room]));
}

async function members(server: ServerProcess, token: string) {
  const listed = await as(server).ocs<V4ParticipantLite[]>('GET', v4(`/room/${token}/participants`));
  expect(listed.status).toBe(200);
  return new Map(listed.data.filter((p) => p.actorType === 'users').map((p) => [p.actorId, p]));
}

/** Every promise kept, as alice (a moderator of every room involved) sees it. */
async function expectKept(server: ServerProcess, promised: Promised[]) {
  const listed = await rooms(server);
  const membersOf = new Map<string, Map<string, V4ParticipantLite>>();
  for (const promise of promised) {
    const room = listed.get(promise.token);
    expect(room, `room ${promise.token} is missing`).toBeDefined();
    if (promise.kind === 'room') expect(room!.name).toBe(promise.name);
    if (promise.kind === 'lobby') expect(room!.lobbyState, `lobby of ${promise.token}`).toBe(promise.lobbyState);
    if (promise.kind === 'member') {
      if (!membersOf.has(promise.token)) membersOf.set(promise.token, await members(server, promise.token));
      const member = membersOf.get(promise.token)!.get(promise.user);
      expect(member, `${promise.user} in ${promise.token}`).toBeDefined();
      expect(member!.participantType, `${promise.user}'s type in ${promise.token}`).toBe(promise.participantType);
    }
  }
}

/** The writes, each recording what it promised once (and only if) it was answered 2xx. */
function writer(server: ServerProcess, promised: Promised[]) {
  const alice = as(server);
  const ok = (status: number) => status >= 200 && status < 300;
  return {
    async createRoom(name: string) {
      const created = await alice.ocs<{ token: string }>('POST', v4('/room'), { form: { roomType: '2', roomName: name } });
      if (ok(created.status)) promised.push({ kind: 'room', token: created.data.token, name });
      return created;
    },
    async add(token: string, user: string) {
      const added = await alice.ocs('POST', v4(`/room/${token}/participants`), { form: { newParticipant: user, source: 'users' } });
      if (ok(added.status)) promised.push({ kind: 'member', token, user, participantType: 3 });
      return added;
    },
    async setModerator(token: string, user: string, attendeeId: number, moderator: boolean) {
      const changed = await alice.ocs(moderator ? 'POST' : 'DELETE', v4(`/room/${token}/moderators`), {
        params: { attendeeId },
      });
      if (ok(changed.status)) promised.push({ kind: 'member', token, user, participantType: moderator ? 2 : 3 });
      return changed;
    },
    async lobby(token: string, on: boolean) {
      const changed = await alice.ocs('PUT', v4(`/room/${token}/webinar/lobby`), { form: { state: on ? '1' : '0' } });
      if (ok(changed.status)) promised.push({ kind: 'lobby', token, lobbyState: on ? 1 : 0 });
      return changed;
    },
  };
}

/** The last promise about each thing is the one that must hold (a later write may undo an earlier one). */
function latest(promised: Promised[]): Promised[] {
  const byKey = new Map<string, Promised>();
  for (const promise of promised) {
    const key = promise.kind === 'member' ? `member:${promise.token}:${promise.user}` : `${promise.kind}:${promise.token}`;
    byKey.delete(key);
    byKey.set(key, promise);
  }
  return [...byKey.values()];
}

let dataDir: string;
const start = (args: string[] = []) => spawnServer({ env: { DATA_DIR: dataDir }, args });

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rollcall-durability-'));
});
afterAll(async () => {
  await stopAll();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('durability across process deaths and restarts', () => {
  // The steps share one DATA_DIR and run in order; each starts the process the next one inspects.
  const promised: Promised[] = [];
  let server: ServerProcess;
  let roomsAfterRestart = 0;

  it('step 1: a series of answered writes survives a SIGKILL right after the last answer', async () => {
    server = await start();
    expect(server.output()).toContain('Seeded the demo data');
    const write = writer(server, promised);

    for (let i = 1; i <= 3; i++) {
      const created = await write.createRoom(`Durable ${i}`);
      expect(created.status).toBe(201);
      const token = created.data.token;
      for (const user of ['bob', 'carol', 'dave']) expect((await write.add(token, user)).status).toBe(200);
      const ids = await members(server, token);
      expect((await write.setModerator(token, 'bob', ids.get('bob')!.attendeeId, true)).status).toBe(200);
      if (i !== 2) expect((await write.lobby(token, true)).status).toBe(200);
    }
    // Changes to a seeded room: bob (a moderator in the seed) demoted, eve added, the lobby on.
    const design = await members(server, 'designteam');
    expect((await write.setModerator('designteam', 'bob', design.get('bob')!.attendeeId, false)).status).toBe(200);
    expect((await write.add('designteam', 'eve')).status).toBe(200);
    expect((await write.lobby('designteam', true)).status).toBe(200);

    const exit = await server.kill('SIGKILL');
    expect(exit.signal).toBe('SIGKILL');
    expect(fs.existsSync(path.join(dataDir, 'rollcall.sqlite-wal'))).toBe(true);
  });

  it('step 2: the restart (no --reset) has every answered write, and does not seed again', async () => {
    server = await start();
    expect(server.output()).not.toContain('Seeded');
    await expectKept(server, latest(promised));
    const design = await members(server, 'designteam');
    expect(design.get('bob')!.participantType).toBe(3);
    expect(design.get('eve')!.participantType).toBe(3);
    roomsAfterRestart = (await rooms(server)).size;
  });

  it('step 3: a SIGKILL in the middle of a burst of concurrent writes loses none that were answered', async () => {
    const write = writer(server, promised);
    const target = await write.createRoom('Burst target');
    expect(target.status).toBe(201);
    const token = target.data.token;

    // Eight writers keep going until the process dies; it is killed at the 30th answer, with writes in flight.
    const KILL_AT = 30;
    const MAX = 200;
    let issued = 0;
    let answered = 0;
    let failed = 0;
    const statuses = new Set<number>();
    const burst: Promised[] = [];
    const burstWrite = writer(server, burst);
    const worker = async () => {
      while (issued < MAX && server.child.exitCode === null && server.child.signalCode === null) {
        const n = issued++;
        try {
          const response =
            n === 0
              ? await burstWrite.lobby(token, true)
              : n <= 4
                ? await burstWrite.add(token, ['bob', 'carol', 'dave', 'eve'][n - 1]!)
                : await burstWrite.createRoom(`Burst ${n}`);
          statuses.add(response.status);
          answered++;
          if (answered === KILL_AT) server.child.kill('SIGKILL');
        } catch {
          // The connection died with the process: this write was never answered, so it promised nothing.
          failed++;
          return;
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    const exit = await server.exited;
    expect(exit.signal).toBe('SIGKILL');
    expect(answered).toBeGreaterThanOrEqual(KILL_AT);
    expect(failed).toBeGreaterThan(0);
    expect(issued).toBeLessThan(MAX);
    expect([...statuses].every((status) => status === 200 || status === 201)).toBe(true);
    promised.push(...burst);

    server = await start();
    expect(server.output()).not.toContain('Seeded');
    await expectKept(server, latest(promised));
  });

  it('step 4: a normal stop (SIGTERM) and restart keeps the state, the seeded rooms included', async () => {
    const write = writer(server, promised);
    expect((await write.lobby('officehours', true)).status).toBe(200);
    const exit = await server.kill('SIGTERM');
    expect(exit.code).toBe(0);
    // A clean stop checkpoints the log into the database file.
    expect(fs.statSync(path.join(dataDir, 'rollcall.sqlite-wal'), { throwIfNoEntry: false })?.size ?? 0).toBe(0);

    server = await start();
    expect(server.output()).not.toContain('Seeded');
    await expectKept(server, latest(promised));
    expect((await rooms(server)).size).toBeGreaterThan(roomsAfterRestart);
    expect((await server.kill('SIGTERM')).code).toBe(0);
  });

  it('step 5: --reset starts again from a fresh seed', async () => {
    server = await start(['--reset']);
    expect(server.output()).toContain('Seeded the demo data');
    const listed = await rooms(server);
    expect([...listed.keys()].sort()).toEqual(['alicebob', 'allhands', 'boardroom', 'designteam', 'launch', 'officehours', 'supportdesk']);
    expect(listed.get('designteam')!.lobbyState).toBe(0);
    expect(listed.get('officehours')!.lobbyState).toBe(0);
    const design = await members(server, 'designteam');
    expect(design.get('bob')!.participantType).toBe(2);
    expect(design.has('eve')).toBe(false);
    expect((await server.kill('SIGTERM')).code).toBe(0);
  });
});
