/**
 * Vitest global setup of the app project: the seed of server/db/seed.ts, made once per run (scrypt hashes and
 * thousands of rows take seconds) and handed to every test file as a serialized SQLite image that each test's
 * demo server opens as its own in-memory copy (see ./demo-server).
 */
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../server/db/schema';
import { BOARD_ROOM_PASSWORD, DEMO_PASSWORD, SEEDED_ROOMS, seed } from '../../server/db/seed';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A file holding the serialized seeded database. */
    seededDatabase: string;
  }
}

/**
 * The seed's scrypt hash of `password` at a lower cost. The stored format names its own cost (server/secrets.ts),
 * so the server checks it with its usual code; each test's server checks its first password in ~1 ms instead of
 * ~50 ms (hundreds on a busy machine).
 */
function cheapHash(password: string): string {
  const N = 1024;
  const salt = crypto.randomBytes(16);
  const hash = crypto.scryptSync(password, salt, 32, { N, r: 8, p: 1 });
  return ['scrypt', N, 8, 1, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export default function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rollcall-app-tests-'));
  const file = path.join(dir, 'seeded.sqlite');
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  seed(db);
  // No component test opens the 10,000-person webinar; without it each test's copy is a few hundred KB.
  db.prepare('DELETE FROM rooms WHERE token = ?').run(SEEDED_ROOMS.webinar.token);
  db.prepare("DELETE FROM users WHERE password_hash = '!'").run();
  db.prepare("UPDATE users SET password_hash = ? WHERE password_hash != '!'").run(cheapHash(DEMO_PASSWORD));
  db.prepare('UPDATE rooms SET password_hash = ? WHERE password_hash IS NOT NULL').run(cheapHash(BOARD_ROOM_PASSWORD));
  db.exec('VACUUM');
  fs.writeFileSync(file, db.serialize());
  db.close();
  project.provide('seededDatabase', file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
