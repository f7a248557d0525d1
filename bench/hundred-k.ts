/**
 * The bench's 100,000-participant conversation, written straight into its own temporary database (after
 * `seed()`, which brings the 10,000-person "allhands" webinar and the demo accounts). Shaped like the seeded
 * webinar: mostly accounts, a fifth guests, a few moderators, about half the people online (a 512-character
 * session id each, as Talk sends), some in the call. Alice owns it, so she can open it as a moderator.
 */
import crypto from 'node:crypto';
import type { Db } from '../server/db/schema';
// The seed's names and PRNG: the same people in the same states on every run.
import { FIRST_NAMES, LAST_NAMES, prng } from '../server/db/seed';
import { ParticipantType, RoomType } from '../contract/wire';

export const HUNDRED_K = { token: 'bench100k', name: 'Bench: 100,000 participants', size: 100_000 } as const;

const GUESTS = 20_000;
const MODERATORS = 30;
const GUEST_MODERATORS = 5;
/** Synthetic accounts cannot sign in (the same marker as server/db/seed.ts uses). */
const NO_LOGIN = '!';

/** What the roster's search looks through for one participant: the name it shows and the actor id. */
export interface Searchable {
  shownName: string;
  actorId: string;
}

/** Inserts the room and its people in one transaction; returns what the search figure needs to plan keystrokes. */
export function insertHundredKRoom(db: Db, now = Math.floor(Date.now() / 1000)): Searchable[] {
  const random = prng(100_000);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const inCallFlags = [1, 3, 7];
  const insertUser = db.prepare('INSERT INTO users (id, display_name, email, password_hash) VALUES (?, ?, ?, ?)');
  const insertAttendee = db.prepare(
    'INSERT INTO attendees (room_id, actor_type, actor_id, display_name, participant_type) VALUES (?, ?, ?, ?, ?)',
  );
  const insertSession = db.prepare('INSERT INTO sessions (id, attendee_id, in_call, last_ping, simulated) VALUES (?, ?, ?, ?, 1)');
  // Simulated sessions never expire, so every refetch returns the same data.
  const online = (attendeeId: number, inCall: number) =>
    insertSession.run(crypto.randomBytes(384).toString('base64url'), attendeeId, inCall, now - Math.floor(random() * 30));
  const searchables: Searchable[] = [];

  db.transaction(() => {
    const roomId = Number(
      db
        .prepare('INSERT INTO rooms (token, type, name, lobby_state, lobby_timer, created_at, last_activity) VALUES (?, ?, ?, 0, 0, ?, ?)')
        .run(HUNDRED_K.token, RoomType.Public, HUNDRED_K.name, now - 86_400, now - 60).lastInsertRowid,
    );
    const alice = Number(insertAttendee.run(roomId, 'users', 'alice', 'Alice', ParticipantType.Owner).lastInsertRowid);
    online(alice, 7);
    searchables.push({ shownName: 'Alice', actorId: 'alice' });

    const accounts = HUNDRED_K.size - 1 - GUESTS;
    for (let i = 0; i < accounts; i++) {
      const first = pick(FIRST_NAMES);
      const last = pick(LAST_NAMES);
      // Two dots: never one of server/db/seed.ts's ids (`first.last` or `first.last2`).
      const id = `${first}.${last}`.toLowerCase().normalize('NFD').replace(/[^a-z.]/g, '') + `.${i}`;
      const displayName = `${first} ${last}`;
      insertUser.run(id, displayName, `${id}@example.org`, NO_LOGIN);
      const type = i < MODERATORS ? ParticipantType.Moderator : ParticipantType.User;
      const attendeeId = Number(insertAttendee.run(roomId, 'users', id, displayName, type).lastInsertRowid);
      const roll = random();
      if (roll < 0.15) online(attendeeId, pick(inCallFlags));
      else if (roll < 0.35) online(attendeeId, 0);
      searchables.push({ shownName: displayName, actorId: id });
    }
    for (let i = 0; i < GUESTS; i++) {
      // Some guests never chose a name: the roster shows them as "Guest".
      const displayName = random() < 0.1 ? '' : `${pick(FIRST_NAMES)} ${pick(LAST_NAMES).charAt(0)}.`;
      const actorId = crypto.createHash('sha1').update(`bench100k:${i}`).digest('hex');
      const type = i < GUEST_MODERATORS ? ParticipantType.GuestModerator : ParticipantType.Guest;
      const attendeeId = Number(insertAttendee.run(roomId, 'guests', actorId, displayName, type).lastInsertRowid);
      // Guests exist only while connected.
      online(attendeeId, random() < 0.3 ? pick(inCallFlags) : 0);
      searchables.push({ shownName: displayName.trim() === '' ? 'Guest' : displayName, actorId });
    }
  }).immediate();
  return searchables;
}
