/**
 * Password guessing against the demo server, as an attacker would try it: wrong sign-ins and wrong room passwords
 * slow down and then stop (Nextcloud's brute-force protection), unknown accounts answer as known ones do, and
 * guesses in flight do not hold other requests. The clock and the throttle's wait are the test's, so nothing
 * here waits for real time; how long things take is a bench figure, not an assertion.
 */
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createDemoApp } from '../app';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BOARD_ROOM_PASSWORD } from '../db/seed';
import { Client, startTestServer, v4, type TestServer } from '../test/harness';
import { expectEnvelope } from '../test/contract';
import { openDatabase } from '../db/schema';
import { NEXTCLOUD_THROTTLE, Throttle, forgetOldFailures } from './throttle';

const CURRENT_USER = '/ocs/v2.php/cloud/user';
const CAPABILITIES = '/ocs/v2.php/cloud/capabilities';
const JOIN_BOARD_ROOM = v4('/room/boardroom/participants/active');

let server: TestServer | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await server?.close();
  server = undefined;
});

/** A server whose clock the test moves, and whose throttle records the waits it asks for instead of waiting. */
async function throttledServer(policy = NEXTCLOUD_THROTTLE) {
  let now = Date.parse('2026-12-03T10:00:00Z');
  const waits: number[] = [];
  server = await startTestServer({
    clock: () => now,
    throttle: { policy, sleep: async (ms) => void waits.push(ms) },
  });
  return { server, waits, advance: (ms: number) => (now += ms), clock: () => now };
}

const signIn = (target: TestServer, user: string, password: string) => Client.as(target, user, password).ocs('GET', CURRENT_USER);

describe('signing in with wrong passwords', () => {
  it('waits twice as long after each failure, up to 25 s, and refuses the eleventh guess with 429 and Retry-After', async () => {
    const { server, waits } = await throttledServer();
    for (let guess = 1; guess <= 10; guess++) expect((await signIn(server, 'alice', `guess ${guess}`)).status).toBe(401);
    expect(waits).toEqual([200, 400, 800, 1600, 3200, 6400, 12_800, 25_000, 25_000]);

    const refused = await signIn(server, 'alice', 'guess 11');
    expectEnvelope(refused, 429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Beyond the limit even the right password waits, as on Nextcloud: the guesser must not learn it is right.
    expectEnvelope(await signIn(server, 'alice', 'demo'), 429);
  });

  it('lets the right password in again once Retry-After has passed', async () => {
    const { server, advance } = await throttledServer();
    for (let guess = 1; guess <= 10; guess++) await signIn(server, 'alice', `guess ${guess}`);
    const refused = await signIn(server, 'alice', 'demo');
    expectEnvelope(refused, 429);
    advance(Number(refused.headers.get('retry-after')) * 1000);
    expectEnvelope(await signIn(server, 'alice', 'demo'), 200);
  });

  it('forgets the failures once the right password is given: the next wrong one waits nothing', async () => {
    const { server, waits } = await throttledServer();
    for (const guess of ['one', 'two', 'three']) await signIn(server, 'alice', guess);
    expect(waits).toEqual([200, 400]);
    // The right password waits too (the guesser cannot tell it apart before the wait), then clears the slate.
    expectEnvelope(await signIn(server, 'alice', 'demo'), 200);
    expect(waits).toEqual([200, 400, 800]);
    await signIn(server, 'alice', 'four');
    expect(waits).toEqual([200, 400, 800]);
    await signIn(server, 'alice', 'five');
    expect(waits).toEqual([200, 400, 800, 200]);
  });

  it('counts per address, as Nextcloud does: after ten wrong guesses at alice, bob from the same address is refused', async () => {
    const { server } = await throttledServer();
    for (let guess = 1; guess <= 10; guess++) await signIn(server, 'alice', `guess ${guess}`);
    // Same address (127.0.0.1): Nextcloud's per-address count refuses the next account as well.
    expectEnvelope(await signIn(server, 'bob', 'demo'), 429);
  });

  it('answers an unknown account exactly as a known one: same body, one password hash each, the same throttle', async () => {
    const { server, waits } = await throttledServer();
    const scrypt = vi.spyOn(crypto, 'scrypt');
    const known = await signIn(server, 'alice', 'wrong');
    const unknown = await signIn(server, 'nobody-here', 'wrong');
    expect(unknown.status).toBe(401);
    expect(unknown.text).toBe(known.text);
    expect(scrypt).toHaveBeenCalledTimes(2);
    expect(waits).toEqual([200]);
  });

  it('refuses 30 of 40 concurrent wrong guesses at once, hashing only the ten the limit allows', async () => {
    const { server } = await throttledServer();
    const scrypt = vi.spyOn(crypto, 'scrypt');
    const answers = await Promise.all(Array.from({ length: 40 }, (_, guess) => signIn(server, 'alice', `guess ${guess}`)));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(30);
    expect(scrypt).toHaveBeenCalledTimes(10);
  });

  it('answers an unrelated request while 40 wrong guesses are being hashed', async () => {
    // A limit high enough that every guess is hashed: the hashing itself must not hold the server.
    const { server } = await throttledServer({ ...NEXTCLOUD_THROTTLE, maxFailures: 1000, firstDelayMs: 0 });
    const order: string[] = [];
    const guesses = Array.from({ length: 40 }, (_, guess) =>
      signIn(server, `account${guess}`, 'wrong').then((answer) => order.push(`guess ${answer.status}`)),
    );
    const unrelated = Client.as(server)
      .ocs('GET', CAPABILITIES)
      .then((answer) => order.push(`capabilities ${answer.status}`));
    await Promise.all([...guesses, unrelated]);
    expect(order).toHaveLength(41);
    expect(order.indexOf('capabilities 200')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('capabilities 200')).toBeLessThan(order.lastIndexOf('guess 401'));
  });
});

describe('joining a password-protected public room with wrong passwords', () => {
  const join = (target: TestServer, password: string) => Client.as(target).ocs('POST', JOIN_BOARD_ROOM, { json: { password } });

  it('403 {error: "password"} with a growing wait, then 429 with Retry-After; the right password after it', async () => {
    const { server, waits, advance } = await throttledServer();
    for (let guess = 1; guess <= 10; guess++) {
      const wrong = await join(server, `guess ${guess}`);
      expectEnvelope(wrong, 403);
      expect(wrong.data).toEqual({ error: 'password' });
    }
    expect(waits).toEqual([200, 400, 800, 1600, 3200, 6400, 12_800, 25_000, 25_000]);
    const refused = await join(server, BOARD_ROOM_PASSWORD);
    expectEnvelope(refused, 429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    advance(retryAfter * 1000);
    expectEnvelope(await join(server, BOARD_ROOM_PASSWORD), 200);
  });

  it('does not count rooms without a password, nor members who need none', async () => {
    const { server, waits } = await throttledServer();
    for (let attempt = 1; attempt <= 12; attempt++) {
      expectEnvelope(await Client.as(server).ocs('POST', v4('/room/officehours/participants/active'), { json: { password: 'x' } }), 200);
    }
    // alice is the board room's owner: she joins without its password, however often.
    for (let attempt = 1; attempt <= 12; attempt++) {
      expectEnvelope(await Client.as(server, 'alice').ocs('POST', JOIN_BOARD_ROOM, { json: { force: true } }), 200);
    }
    expect(waits).toEqual([]);
  });
});

describe('two processes on one database', () => {
  it('share the count: ten wrong guesses at one leave the other refusing with 429', async () => {
    const { server: first, clock } = await throttledServer();
    // A second server over the same SQLite file, as a second process sharing DATA_DIR would be (and the same
    // time: the first one's clock is fixed, and failures older than the lock window no longer count).
    const db = openDatabase(path.join(first.dataDir, 'rollcall.sqlite'));
    const app = createDemoApp({ db, generations: ['v1', 'v4'], circlesEnabled: true, distDir: '/nonexistent', clock, throttle: { sleep: async () => {} } });
    const second = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    try {
      await new Promise<void>((resolve) => second.once('listening', () => resolve()));
      const secondUrl = `http://127.0.0.1:${(second.address() as AddressInfo).port}`;
      for (let guess = 1; guess <= 10; guess++) expect((await signIn(first, 'alice', `guess ${guess}`)).status).toBe(401);
      const refused = await new Client(secondUrl, { user: 'alice', password: 'demo' }).ocs('GET', CURRENT_USER);
      expectEnvelope(refused, 429);
    } finally {
      await new Promise<void>((resolve) => second.close(() => resolve()));
      db.close();
    }
  });
});

describe('the throttle itself', () => {
  const wrong = async () => false;

  it('counts guesses at one account from any address: the eleventh, from a new address, is refused', async () => {
    const throttle = new Throttle(openDatabase(':memory:'), { sleep: async () => {} });
    for (let guess = 1; guess <= 10; guess++) await throttle.attempt('login', [`ip:10.0.0.${guess}`, 'account:alice'], wrong);
    await expect(throttle.attempt('login', ['ip:10.0.1.1', 'account:alice'], wrong)).rejects.toMatchObject({ status: 429 });
    // Another account from a fresh address is not affected.
    expect(await throttle.attempt('login', ['ip:10.0.1.2', 'account:bob'], async () => true)).toBe(true);
  });

  it('keeps sign-in and room-password failures apart', async () => {
    const throttle = new Throttle(openDatabase(':memory:'), { sleep: async () => {} });
    for (let guess = 1; guess <= 10; guess++) await throttle.attempt('talkRoomPassword', ['ip:10.0.0.1', 'room:boardroom'], wrong);
    expect(await throttle.attempt('login', ['ip:10.0.0.1', 'account:alice'], async () => true)).toBe(true);
  });

  it('a failure stops counting after 12 hours, and the cleanup deletes it then', async () => {
    const db = openDatabase(':memory:');
    let now = 0;
    const waits: number[] = [];
    const throttle = new Throttle(db, { clock: () => now, sleep: async (ms) => void waits.push(ms) });
    await throttle.attempt('login', ['ip:10.0.0.1'], wrong);
    now += 12 * 60 * 60 * 1000 - 1;
    expect(forgetOldFailures(db, now)).toBe(0);
    await throttle.attempt('login', ['ip:10.0.0.1'], wrong);
    expect(waits).toEqual([200]);
    now += 2;
    expect(forgetOldFailures(db, now)).toBe(1);
  });
});
