import crypto from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Db } from './schema';
import { hashPassword } from '../secrets';
import { ParticipantType, RoomType } from '../../contract/wire';

/** The accounts a person can sign in with (README). Synthetic webinar accounts cannot sign in. */
export const DEMO_ACCOUNTS = [
  { id: 'alice', displayName: 'Alice', email: 'alice@example.org' },
  { id: 'bob', displayName: 'Bob', email: 'bob@example.org' },
  { id: 'carol', displayName: 'Carol', email: 'carol@example.org' },
  { id: 'dave', displayName: 'Dave', email: 'dave@example.org' },
  { id: 'eve', displayName: 'Eve', email: 'eve@example.org' },
] as const;
export const DEMO_PASSWORD = 'demo';
export const BOARD_ROOM_PASSWORD = 'boardroom';

/** Fixed tokens so the README and tests can name the seeded conversations. */
export const SEEDED_ROOMS = {
  designTeam: { token: 'designteam', name: 'Design team' },
  officeHours: { token: 'officehours', name: 'Open office hours' },
  boardRoom: { token: 'boardroom', name: 'Board room' },
  productLaunch: { token: 'launch', name: 'Product launch' },
  aliceBob: { token: 'alicebob', name: 'alice,bob' },
  supportDesk: { token: 'supportdesk', name: 'Support desk' },
  webinar: { token: 'allhands', name: 'All-hands webinar' },
} as const;

export const WEBINAR_SIZE = 10_000;
const NO_LOGIN = '!';

/** mulberry32: a tiny deterministic PRNG, so every fresh seed has the same people in the same states. */
export function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const FIRST_NAMES = [
  'Ada', 'Ahmed', 'Aiko', 'Amara', 'Anders', 'Ana', 'Bea', 'Bruno', 'Chen', 'Chloé', 'Dara', 'Diego', 'Elif', 'Emil',
  'Fatima', 'Felix', 'Giulia', 'Hana', 'Hamza', 'Ines', 'Ivan', 'Jamal', 'Jana', 'Jonas', 'Kai', 'Kofi', 'Lara', 'Leon',
  'Lucía', 'Mai', 'Marek', 'Maya', 'Mateo', 'Nadia', 'Noah', 'Nora', 'Olga', 'Omar', 'Priya', 'Quentin', 'Rafael',
  'Rosa', 'Sami', 'Sara', 'Søren', 'Tariq', 'Tess', 'Tomás', 'Uma', 'Viktor', 'Wen', 'Xavier', 'Yara', 'Yusuf', 'Zoë',
];
export const LAST_NAMES = [
  'Abe', 'Ali', 'Andersen', 'Bauer', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'García', 'Horvat', 'Ibrahim', 'Jansen',
  'Kowalski', 'Larsen', 'Li', 'Martin', 'Müller', 'Nakamura', 'Novak', 'Okafor', 'Olsen', 'Park', 'Petrov', 'Quinn',
  'Rossi', 'Santos', 'Schmidt', 'Silva', 'Singh', 'Tanaka', 'Torres', 'Usman', 'Vargas', 'Weber', 'Wójcik', 'Yilmaz',
  'Zhang', 'Zimmermann',
];

function sessionId(random: () => number): string {
  // 512 characters like a real one, derived from the PRNG so the seed stays deterministic.
  const bytes = Buffer.alloc(384);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
  return bytes.toString('base64url');
}

export function isSeeded(db: Db): boolean {
  return !!db.prepare("SELECT 1 FROM meta WHERE key = 'seeded'").get();
}

/**
 * Fills an empty database with the demo data, in one transaction. Returns false, changing nothing, when the
 * database is seeded already: two processes started at once on a new DATA_DIR both get here, and the check
 * is made again under the write lock so that only one of them seeds.
 */
export function seed(db: Db, now = Math.floor(Date.now() / 1000)): boolean {
  const random = prng(20261123);
  const passwordHash = hashPassword(DEMO_PASSWORD);

  const insertUser = db.prepare('INSERT INTO users (id, display_name, email, password_hash) VALUES (?, ?, ?, ?)');
  const insertRoom = db.prepare(
    'INSERT INTO rooms (token, type, name, password_hash, lobby_state, lobby_timer, created_at, last_activity) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertAttendee = db.prepare(
    'INSERT INTO attendees (room_id, actor_type, actor_id, display_name, participant_type) VALUES (?, ?, ?, ?, ?)',
  );
  const insertSession = db.prepare('INSERT INTO sessions (id, attendee_id, in_call, last_ping, simulated) VALUES (?, ?, ?, ?, 1)');

  const room = (
    spec: { token: string; name: string },
    type: number,
    extra: { password?: string; lobbyTimer?: number; lastActivity: number },
  ) =>
    Number(
      insertRoom.run(
        spec.token,
        type,
        spec.name,
        extra.password ? hashPassword(extra.password) : null,
        extra.lobbyTimer ? 1 : 0,
        extra.lobbyTimer ?? 0,
        now - 86_400 * 30,
        extra.lastActivity,
      ).lastInsertRowid,
    );
  const nameOf = (userId: string) => DEMO_ACCOUNTS.find((account) => account.id === userId)!.displayName;
  const account = (roomId: number, userId: string, type: number) =>
    Number(insertAttendee.run(roomId, 'users', userId, nameOf(userId), type).lastInsertRowid);
  const guest = (roomId: number, displayName: string, type: number = ParticipantType.Guest) =>
    Number(
      insertAttendee.run(roomId, 'guests', crypto.createHash('sha1').update(`${roomId}:${displayName}:${random()}`).digest('hex'), displayName, type)
        .lastInsertRowid,
    );
  const online = (attendeeId: number, inCall = 0) => insertSession.run(sessionId(random), attendeeId, inCall, now - Math.floor(random() * 30));

  return db.transaction(() => {
    if (isSeeded(db)) return false;
    for (const demo of DEMO_ACCOUNTS) insertUser.run(demo.id, demo.displayName, demo.email, passwordHash);
    db.prepare("INSERT INTO groups (id, display_name) VALUES ('design', 'Design'), ('support', 'Support')").run();
    db.prepare(
      "INSERT INTO group_members (group_id, user_id) VALUES ('design', 'alice'), ('design', 'bob'), ('design', 'carol'), ('support', 'dave'), ('support', 'eve')",
    ).run();
    db.prepare("INSERT INTO circles (id, display_name) VALUES ('releasecrew', 'Release crew')").run();
    db.prepare(
      "INSERT INTO circle_members (circle_id, user_id) VALUES ('releasecrew', 'alice'), ('releasecrew', 'carol'), ('releasecrew', 'eve')",
    ).run();
    const status = db.prepare('INSERT INTO user_status (user_id, status, icon, message, clear_at) VALUES (?, ?, ?, ?, ?)');
    status.run('alice', 'online', null, null, null);
    status.run('bob', 'away', '📅', 'In a meeting', now + 3600);
    status.run('carol', 'dnd', '🎧', 'Focus time', null);
    status.run('eve', 'online', '🌴', 'Back from holidays', null);

    // A group conversation with an owner, a moderator and members (one of them via the group).
    const design = room(SEEDED_ROOMS.designTeam, RoomType.Group, { lastActivity: now - 60 });
    account(design, 'alice', ParticipantType.Owner);
    online(account(design, 'bob', ParticipantType.Moderator));
    online(account(design, 'carol', ParticipantType.User), 7);
    insertAttendee.run(design, 'groups', 'design', 'Design', ParticipantType.User);
    account(design, 'dave', ParticipantType.User);

    // A public conversation with guests online, one of them a guest moderator, and an email invitee.
    const office = room(SEEDED_ROOMS.officeHours, RoomType.Public, { lastActivity: now - 300 });
    account(office, 'bob', ParticipantType.Owner);
    online(account(office, 'alice', ParticipantType.Moderator));
    account(office, 'eve', ParticipantType.User);
    online(guest(office, 'Gina (guest)'), 3);
    online(guest(office, 'Hugo'));
    online(guest(office, 'Ines', ParticipantType.GuestModerator));
    insertAttendee.run(office, 'emails', 'frank@example.org', '', ParticipantType.Guest);

    // A password-protected public conversation.
    const board = room(SEEDED_ROOMS.boardRoom, RoomType.Public, { password: BOARD_ROOM_PASSWORD, lastActivity: now - 3600 });
    account(board, 'carol', ParticipantType.Owner);
    account(board, 'alice', ParticipantType.User);
    account(board, 'dave', ParticipantType.User);

    // A conversation whose lobby is on until a start time a week ahead.
    const launch = room(SEEDED_ROOMS.productLaunch, RoomType.Public, { lobbyTimer: now + 7 * 86_400, lastActivity: now - 7200 });
    account(launch, 'alice', ParticipantType.Owner);
    account(launch, 'bob', ParticipantType.Moderator);
    account(launch, 'carol', ParticipantType.User);
    account(launch, 'eve', ParticipantType.User);

    // One-to-one: both sides are owners in Talk.
    const oneToOne = room(SEEDED_ROOMS.aliceBob, RoomType.OneToOne, { lastActivity: now - 120 });
    account(oneToOne, 'alice', ParticipantType.Owner);
    account(oneToOne, 'bob', ParticipantType.Owner);

    const support = room(SEEDED_ROOMS.supportDesk, RoomType.Group, { lastActivity: now - 86_400 });
    account(support, 'dave', ParticipantType.Owner);
    account(support, 'eve', ParticipantType.Moderator);
    insertAttendee.run(support, 'groups', 'support', 'Support', ParticipantType.User);
    account(support, 'alice', ParticipantType.User);

    seedWebinar(room(SEEDED_ROOMS.webinar, RoomType.Public, { lastActivity: now - 30 }), { random, account, guest, online, insertUser, insertAttendee });

    db.prepare("INSERT INTO meta (key, value) VALUES ('seeded', ?)").run(String(now));
    return true;
  }).immediate();
}

function seedWebinar(
  roomId: number,
  tools: {
    random: () => number;
    account: (roomId: number, userId: string, type: number) => number;
    guest: (roomId: number, displayName: string, type?: number) => number;
    online: (attendeeId: number, inCall?: number) => unknown;
    insertUser: Statement<unknown[]>;
    insertAttendee: Statement<unknown[]>;
  },
) {
  const { random, account, guest, online, insertUser, insertAttendee } = tools;
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const inCallFlags = [1, 3, 7];

  online(account(roomId, 'alice', ParticipantType.Owner), 7);
  online(account(roomId, 'bob', ParticipantType.Moderator), 3);
  account(roomId, 'carol', ParticipantType.Moderator);
  account(roomId, 'dave', ParticipantType.User);
  account(roomId, 'eve', ParticipantType.User);

  const guests = 2_500;
  const accounts = WEBINAR_SIZE - DEMO_ACCOUNTS.length - guests;
  const usedIds = new Set<string>();
  for (let i = 0; i < accounts; i++) {
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    const base = `${first}.${last}`.toLowerCase().normalize('NFD').replace(/[^a-z.]/g, '');
    let id = base;
    for (let n = 2; usedIds.has(id); n++) id = `${base}${n}`;
    usedIds.add(id);
    const displayName = `${first} ${last}`;
    insertUser.run(id, displayName, `${id}@example.org`, NO_LOGIN);
    const type = i < 20 ? ParticipantType.Moderator : ParticipantType.User;
    const attendeeId = Number(insertAttendee.run(roomId, 'users', id, displayName, type).lastInsertRowid);
    const roll = random();
    if (roll < 0.15) online(attendeeId, pick(inCallFlags));
    else if (roll < 0.35) online(attendeeId);
  }
  for (let i = 0; i < guests; i++) {
    // Some guests never chose a name: Talk shows those as "Guest".
    const displayName = random() < 0.1 ? '' : `${pick(FIRST_NAMES)} ${pick(LAST_NAMES).charAt(0)}.`;
    const attendeeId = guest(roomId, displayName, i < 5 ? ParticipantType.GuestModerator : ParticipantType.Guest);
    // Guests exist only while connected.
    online(attendeeId, random() < 0.3 ? pick(inCallFlags) : 0);
  }
}
