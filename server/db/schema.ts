import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

export type Db = Database.Database;

/**
 * Ordered migrations: each runs once, inside a transaction, and bumps `PRAGMA user_version`.
 * Append new steps; never edit a step that has shipped.
 */
const migrations: string[] = [
  `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    email TEXT,
    password_hash TEXT NOT NULL
  );
  CREATE TABLE groups (
    id TEXT PRIMARY KEY,
    display_name TEXT NOT NULL
  );
  CREATE TABLE group_members (
    group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, user_id)
  );
  CREATE TABLE circles (
    id TEXT PRIMARY KEY,
    display_name TEXT NOT NULL
  );
  CREATE TABLE circle_members (
    circle_id TEXT NOT NULL REFERENCES circles(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (circle_id, user_id)
  );
  CREATE TABLE user_status (
    user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    icon TEXT,
    message TEXT,
    clear_at INTEGER
  );
  CREATE TABLE rooms (
    id INTEGER PRIMARY KEY,
    token TEXT NOT NULL UNIQUE,
    type INTEGER NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    password_hash TEXT,
    lobby_state INTEGER NOT NULL DEFAULT 0,
    lobby_timer INTEGER NOT NULL DEFAULT 0,
    read_only INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    last_activity INTEGER NOT NULL
  );
  CREATE TABLE attendees (
    id INTEGER PRIMARY KEY,
    room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    actor_type TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    display_name TEXT NOT NULL DEFAULT '',
    participant_type INTEGER NOT NULL,
    -- the browser session (cookie) a guest is bound to; NULL for accounts
    browser_session TEXT,
    UNIQUE (room_id, actor_type, actor_id)
  );
  CREATE INDEX attendees_guest ON attendees(room_id, browser_session);
  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    attendee_id INTEGER NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,
    browser_session TEXT,
    in_call INTEGER NOT NULL DEFAULT 0,
    last_ping INTEGER NOT NULL
  );
  CREATE INDEX sessions_attendee ON sessions(attendee_id);
  CREATE TABLE browser_sessions (
    id TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  `
  -- Sessions silent for 100 s end, as on a real server; the seeded crowd is simulated and stays (README).
  ALTER TABLE sessions ADD COLUMN simulated INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX sessions_expiry ON sessions(simulated, last_ping);
  `,
  `
  -- Talk's permission bits (contract/wire.ts Permission): an attendee's own (0: follow the conversation), and the
  -- conversation's defaults and call permissions (0: follow the server's default).
  ALTER TABLE attendees ADD COLUMN permissions INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE rooms ADD COLUMN default_permissions INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE rooms ADD COLUMN call_permissions INTEGER NOT NULL DEFAULT 0;
  `,
  `
  -- Bans (Talk's ban-v1): who may not come back to a room, and why. A guest's actor id is new at every join in
  -- this server, so a banned guest is known again by the browser session (cookie) they had when banned.
  CREATE TABLE bans (
    id INTEGER PRIMARY KEY,
    room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    moderator_actor_type TEXT NOT NULL,
    moderator_actor_id TEXT NOT NULL,
    moderator_display_name TEXT NOT NULL,
    banned_actor_type TEXT NOT NULL,
    banned_actor_id TEXT NOT NULL,
    banned_display_name TEXT NOT NULL,
    banned_browser_session TEXT,
    banned_time INTEGER NOT NULL,
    internal_note TEXT NOT NULL DEFAULT '',
    UNIQUE (room_id, banned_actor_type, banned_actor_id)
  );
  CREATE INDEX bans_browser_session ON bans(room_id, banned_browser_session);
  `,
  `
  -- Failed password guesses (sign-in and room passwords), as Nextcloud's bruteforce_attempts: in the database so
  -- that two processes sharing it throttle together. "subject" is who guessed or what was guessed at
  -- ("ip:…", "account:…", "room:…").
  CREATE TABLE auth_failures (
    id INTEGER PRIMARY KEY,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    occurred_ms INTEGER NOT NULL,
    -- 1 while the guess is being checked: it counts towards the limit already, but sets no delay
    pending INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX auth_failures_subject ON auth_failures(action, subject, occurred_ms);
  CREATE INDEX auth_failures_age ON auth_failures(occurred_ms);
  CREATE INDEX browser_sessions_age ON browser_sessions(created_at);
  CREATE INDEX attendees_browser_session ON attendees(browser_session);
  CREATE INDEX sessions_browser_session ON sessions(browser_session);
  `,
  `
  -- App passwords (Login Flow v2), stored as SHA-256 digests (server/secrets.ts says why that is enough), and the
  -- flows waiting to be granted and polled. A granted flow holds its app password sealed so that only the poll
  -- token opens it (server/secrets.ts newPollSeal).
  CREATE TABLE app_passwords (
    id INTEGER PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    login_name TEXT NOT NULL,
    password_digest TEXT NOT NULL UNIQUE,
    client_name TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE login_flows (
    poll_token_digest TEXT PRIMARY KEY,
    login_token_digest TEXT NOT NULL UNIQUE,
    client_name TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    public_key TEXT NOT NULL,
    sealed_private_key TEXT NOT NULL,
    login_name TEXT,
    sealed_app_password TEXT
  );
  `,
  `
  -- The conversations a browser session joined and has not left: Talk keeps, in the browser's Nextcloud session,
  -- the Talk session it joined each conversation with. A signaling pull for a conversation it holds none for is
  -- 404; one whose Talk session has since ended (removed, timed out, replaced) is 409.
  CREATE TABLE browser_rooms (
    browser_session TEXT NOT NULL,
    room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    PRIMARY KEY (browser_session, room_id)
  ) WITHOUT ROWID;
  `,
];

export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  // First: another process may hold the lock right now (seeding, migrating, writing), and every statement
  // below, switching to WAL included, must wait for it rather than fail with SQLITE_BUSY.
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode keeps every committed transaction across a killed process (only an OS crash can
  // lose the last commits), which is the durability the demo promises.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

export function migrate(db: Db): void {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  while (version() < migrations.length) {
    db.transaction(() => {
      // Read again under the write lock: another process sharing the file may have migrated meanwhile.
      const current = version();
      if (current >= migrations.length) return;
      db.exec(migrations[current]!);
      db.pragma(`user_version = ${current + 1}`);
    }).immediate();
  }
}
