import { LobbyState } from '../../contract/wire';
import type { RoomRow } from './model';
import type { TalkRepository } from './repository';

/**
 * What ends by itself with time, as on a real Talk server: sessions that stop pinging, and lobbies whose start
 * time has come. Both run before a call reads the rooms, so no answer shows what has already ended.
 */

/** Talk ends a session that has not pinged for this long. */
export const SESSION_TIMEOUT_SECONDS = 100;

/**
 * Ends sessions that have not pinged for SESSION_TIMEOUT_SECONDS. Guests and link-joined users leave the room
 * with their last session. The seeded crowd's sessions are simulated and never end.
 */
export function expireSilentSessions(repository: TalkRepository, now: number): void {
  const cutoff = now - SESSION_TIMEOUT_SECONDS;
  const attendeeIds = repository.attendeesWithSilentSessions(cutoff);
  if (attendeeIds.length === 0) return;
  repository.deleteSilentSessions(cutoff);
  for (const attendeeId of attendeeIds) repository.deleteAttendeeIfGoneOffline(attendeeId);
}

/**
 * How long a browser session (the `rollcall_session` cookie) lives, from its creation: a day, Nextcloud's
 * default `session_lifetime`. It is absolute, not renewed by use: the cookie carries a guest's whole identity,
 * and an anonymous client must not keep rows alive forever by pinging.
 */
export const BROWSER_SESSION_LIFETIME_SECONDS = 24 * 60 * 60;

/**
 * Ends browser sessions older than BROWSER_SESSION_LIFETIME_SECONDS, and the Talk sessions held from them: a
 * guest whose last session ends leaves the room, as in Talk. Returns how many browser sessions ended.
 */
export function expireBrowserSessions(repository: TalkRepository, now: number): number {
  const createdBefore = now - BROWSER_SESSION_LIFETIME_SECONDS;
  const attendeeIds = repository.attendeesWithSessionsFromBrowserSessionsBefore(createdBefore);
  repository.deleteSessionsFromBrowserSessionsBefore(createdBefore);
  for (const attendeeId of attendeeIds) repository.deleteAttendeeIfGoneOffline(attendeeId);
  return repository.deleteBrowserSessionsBefore(createdBefore);
}

/** Talk lifts a lobby whose start time has passed; the demo does it whenever the room is read. */
export function liftExpiredLobby(repository: TalkRepository, room: RoomRow, now: number): RoomRow {
  if (room.lobby_state === LobbyState.On && room.lobby_timer > 0 && room.lobby_timer <= now) {
    repository.setLobby(room.id, LobbyState.Off, 0);
    return { ...room, lobby_state: LobbyState.Off, lobby_timer: 0 };
  }
  return room;
}
