/**
 * Talk's rules without a server: the same decisions the route tests (v1.test.ts, v4.test.ts) check through
 * HTTP, here one rule at a time.
 */
import { describe, expect, it } from 'vitest';
import { ParticipantType, RoomType, type ParticipantTypeValue, type RoomTypeValue } from '../../contract/wire';
import { OcsError } from '../http/ocs';
import type { AttendeeRow, RoomRow } from './model';
import { attendeePermissionsAfter, demotedType, leavingClosesRoom, lobbyTimerToStore, promotedType, roomPermissionsAfter } from './rules';

function room(type: RoomTypeValue): RoomRow {
  return {
    id: 1,
    token: 'room',
    type,
    name: 'Room',
    description: '',
    password_hash: null,
    lobby_state: 0,
    lobby_timer: 0,
    read_only: 0,
    created_at: 0,
    last_activity: 0,
    default_permissions: 0,
    call_permissions: 0,
  };
}

function attendee(id: number, participantType: ParticipantTypeValue, actorType = 'users'): AttendeeRow {
  return { id, room_id: 1, actor_type: actorType, actor_id: `a${id}`, display_name: '', participant_type: participantType, browser_session: null, permissions: 0 };
}

/** The status and code an OcsError carries, or what else `act` did. */
function refusal(act: () => unknown): { status: number; code: string | undefined } | 'no refusal' {
  try {
    act();
    return 'no refusal';
  } catch (error) {
    if (!(error instanceof OcsError)) throw error;
    return { status: error.status, code: error.code };
  }
}

const moderator = attendee(1, ParticipantType.Moderator);

describe('leaving', () => {
  it('the last moderator cannot leave while others remain', () => {
    expect(refusal(() => leavingClosesRoom(moderator, { otherPeople: 2, moderators: 1 }))).toEqual({
      status: 400,
      code: 'last-moderator',
    });
  });

  it('a moderator with another moderator, or a member, leaves and the room stays', () => {
    expect(leavingClosesRoom(moderator, { otherPeople: 2, moderators: 2 })).toBe(false);
    expect(leavingClosesRoom(attendee(2, ParticipantType.User), { otherPeople: 2, moderators: 1 })).toBe(false);
  });

  it('the last person out closes the room, moderator or not', () => {
    expect(leavingClosesRoom(moderator, { otherPeople: 0, moderators: 1 })).toBe(true);
  });
});

describe('promoting and demoting', () => {
  const group = room(RoomType.Group);

  it('promotes members to moderators and guests to guest moderators', () => {
    expect(promotedType(group, moderator, attendee(2, ParticipantType.User), 'v4')).toBe(ParticipantType.Moderator);
    expect(promotedType(group, moderator, attendee(3, ParticipantType.Guest, 'guests'), 'v1')).toBe(ParticipantType.GuestModerator);
  });

  it('promotes users who joined by the link on v4 only', () => {
    const selfJoined = attendee(2, ParticipantType.UserSelfJoined);
    expect(promotedType(group, moderator, selfJoined, 'v4')).toBe(ParticipantType.Moderator);
    expect(refusal(() => promotedType(group, moderator, selfJoined, 'v1'))).toMatchObject({ status: 400 });
  });

  it('refuses the owner (400 as Talk 19 answers on v4; on v1 as documented: 403 to promote, 400 to demote), and yourself: 403 on v4, 400 (not promotable) on v1', () => {
    const owner = attendee(2, ParticipantType.Owner);
    expect(refusal(() => promotedType(group, moderator, owner, 'v4'))).toEqual({ status: 400, code: 'owner' });
    expect(refusal(() => demotedType(group, moderator, owner, 'v4'))).toEqual({ status: 400, code: 'owner' });
    expect(refusal(() => promotedType(group, moderator, owner, 'v1'))).toEqual({ status: 403, code: 'owner' });
    expect(refusal(() => demotedType(group, moderator, owner, 'v1'))).toMatchObject({ status: 400 });
    expect(refusal(() => promotedType(group, moderator, moderator, 'v4'))).toMatchObject({ status: 403 });
    expect(refusal(() => promotedType(group, moderator, moderator, 'v1'))).toMatchObject({ status: 400 });
  });

  it('changes nobody in a one-to-one conversation (400), whoever is asked for', () => {
    for (const type of [RoomType.OneToOne, RoomType.FormerOneToOne]) {
      const owner = attendee(2, ParticipantType.Owner);
      expect(refusal(() => promotedType(room(type), moderator, owner, 'v4'))).toEqual({ status: 400, code: 'room-type' });
      expect(refusal(() => demotedType(room(type), moderator, owner, 'v4'))).toEqual({ status: 400, code: 'room-type' });
      expect(refusal(() => demotedType(room(type), moderator, moderator, 'v4'))).toEqual({ status: 400, code: 'room-type' });
    }
  });

  it('demotes moderators to members and guest moderators to guests, never yourself', () => {
    expect(demotedType(group, moderator, attendee(2, ParticipantType.Moderator), 'v4')).toBe(ParticipantType.User);
    expect(demotedType(group, moderator, attendee(3, ParticipantType.GuestModerator, 'guests'), 'v4')).toBe(ParticipantType.Guest);
    expect(refusal(() => demotedType(group, moderator, moderator, 'v4'))).toMatchObject({ status: 403 });
    expect(refusal(() => demotedType(group, moderator, attendee(2, ParticipantType.User), 'v4'))).toMatchObject({ status: 400 });
  });
});

describe('the lobby', () => {
  const NOW = 1_000_000;

  it('keeps a start time only while the lobby is on', () => {
    expect(lobbyTimerToStore(room(RoomType.Group), 1, NOW + 60, NOW)).toBe(NOW + 60);
    expect(lobbyTimerToStore(room(RoomType.Group), 1, null, NOW)).toBe(0);
    expect(lobbyTimerToStore(room(RoomType.Group), 0, NOW + 60, NOW)).toBe(0);
  });

  it('refuses a start time that has passed, an unknown state, and one-to-one rooms', () => {
    expect(refusal(() => lobbyTimerToStore(room(RoomType.Public), 1, NOW, NOW))).toMatchObject({ status: 400 });
    expect(refusal(() => lobbyTimerToStore(room(RoomType.Public), 2, null, NOW))).toMatchObject({ status: 400 });
    expect(refusal(() => lobbyTimerToStore(room(RoomType.OneToOne), 1, null, NOW))).toMatchObject({ status: 400 });
  });
});

describe('permissions', () => {
  const group = room(RoomType.Group);
  const member = attendee(2, ParticipantType.User);

  it('set stores the bits with the Custom bit, and 0 means "follow the defaults" again', () => {
    expect(attendeePermissionsAfter(group, member, 'set', 2 | 4 | 128)).toBe(1 | 2 | 4 | 128);
    expect(attendeePermissionsAfter(group, member, 'set', 0)).toBe(0);
  });

  it('add and remove start from the effective permissions (the server default 246 here)', () => {
    expect(attendeePermissionsAfter(group, member, 'add', 8)).toBe(254);
    expect(attendeePermissionsAfter(group, member, 'remove', 128)).toBe(246 & ~128);
    expect(attendeePermissionsAfter({ ...group, default_permissions: 1 | 128 }, member, 'add', 8)).toBe(1 | 8 | 128);
    expect(attendeePermissionsAfter(group, { ...member, permissions: 1 | 2 }, 'remove', 2)).toBe(1);
  });

  it('refuses moderators, groups and circles, and one-to-one conversations with 400', () => {
    expect(refusal(() => attendeePermissionsAfter(group, attendee(3, ParticipantType.Moderator), 'set', 2))).toEqual({ status: 400, code: 'moderator' });
    expect(refusal(() => attendeePermissionsAfter(group, attendee(4, ParticipantType.GuestModerator, 'guests'), 'add', 8))).toEqual({ status: 400, code: 'moderator' });
    expect(refusal(() => attendeePermissionsAfter(group, attendee(5, ParticipantType.User, 'groups'), 'set', 2))).toEqual({ status: 400, code: 'type' });
    expect(refusal(() => attendeePermissionsAfter(room(RoomType.OneToOne), member, 'set', 2))).toEqual({ status: 400, code: 'room-type' });
  });

  it('room permissions: set adds Custom, add and remove change the old value', () => {
    expect(roomPermissionsAfter(0, 'set', 128)).toBe(129);
    expect(roomPermissionsAfter(0, 'set', 0)).toBe(0);
    expect(roomPermissionsAfter(129, 'add', 8)).toBe(137);
    expect(roomPermissionsAfter(137, 'remove', 128)).toBe(9);
  });
});
