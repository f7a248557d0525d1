import { describe, expect, it } from 'vitest';
import { participant } from '../../test/talk-fixtures';
import {
  rosterActions,
  rowAvatarUrl,
  showsOnline,
  toRosterRow,
  toSortedRosterRows,
  type RosterViewer,
} from './roster-rows';


const owner: RosterViewer = { id: 'alice', canModerate: true };
const moderator: RosterViewer = { id: 'bob', canModerate: true };
const member: RosterViewer = { id: 'carol', canModerate: false };

describe('roster rows', () => {
  it('label roles, name empty guests "Guest", and give avatars to accounts only', () => {
    const rows = [
      participant({ displayName: 'Alice', role: 'owner' }),
      participant({ displayName: 'Bob', role: 'moderator' }),
      participant({ displayName: 'Gina', kind: 'guest', actorId: 'abc', role: 'guest-moderator' }),
      participant({ displayName: 'Carol', role: 'member' }),
      participant({ displayName: '', kind: 'guest', actorId: 'f00', role: 'guest' }),
      participant({ displayName: '', kind: 'email', actorId: 'pat@example.com', role: 'guest' }),
      participant({ displayName: 'Design', kind: 'group', actorId: 'design' }),
    ].map(toRosterRow);

    expect(rows.map((row) => [row.name, row.roleLabel, row.kindLabel])).toEqual([
      ['Alice', 'Owner', null],
      ['Bob', 'Moderator', null],
      ['Gina', 'Guest moderator', null],
      ['Carol', 'Member', null],
      ['Guest', 'Guest', null],
      ['pat@example.com', 'Guest', 'Email invitee'],
      ['Design', 'Member', 'Group'],
    ]);
    expect(rowAvatarUrl(rows[0]!)).toBe('/index.php/avatar/alice/64');
    expect(rows.slice(2).every((row) => rowAvatarUrl(row) === null || row.name === 'Carol')).toBe(true);
  });

  it('say the viewer is online even when the server has no session of theirs, and nobody else', () => {
    const absent = toRosterRow(participant({ displayName: 'Alice', online: false }));
    const present = toRosterRow(participant({ displayName: 'Bob', online: true }));

    expect(showsOnline(absent, true)).toBe(true);
    expect(showsOnline(absent, false)).toBe(false);
    expect(showsOnline(present, false)).toBe(true);
  });

  it('encode the account id in the avatar address', () => {
    const row = toRosterRow(participant({ displayName: 'Odd', actorId: 'a/b?c d' }));
    expect(rowAvatarUrl(row)).toBe('/index.php/avatar/a%2Fb%3Fc%20d/64');
  });

  it('show a user status with its icon and message, and say away and do not disturb', () => {
    const row = toRosterRow(
      participant({ displayName: 'Dave', status: { status: 'dnd', icon: '🌴', message: 'On holiday' } }),
    );
    expect(row.status).toEqual({ label: 'Do not disturb', icon: '🌴', message: 'On holiday' });
    expect(toRosterRow(participant({ displayName: 'Eve', status: { status: 'online', icon: null, message: '' } })).status).toBeNull();
  });

  it('sort as Talk: online, in call, moderators, accounts before guests, then name', () => {
    const names = toSortedRosterRows([
      participant({ displayName: 'zed offline member' }),
      participant({ displayName: 'Yan online guest', kind: 'guest', actorId: 'x', role: 'guest', online: true }),
      participant({ displayName: 'Xia online member', online: true }),
      participant({ displayName: 'Will online moderator', role: 'moderator', online: true }),
      participant({ displayName: 'Vic in call member', online: true, inCall: true }),
      participant({ displayName: 'Uma in call owner', role: 'owner', online: true, inCall: true }),
      participant({ displayName: 'Tom online guest moderator', kind: 'guest', actorId: 'y', role: 'guest-moderator', online: true }),
      participant({ displayName: 'ábel offline member' }),
      participant({ displayName: 'Bea offline moderator', role: 'moderator' }),
    ]).map((row) => row.name);

    expect(names).toEqual([
      'Uma in call owner',
      'Vic in call member',
      'Will online moderator',
      'Tom online guest moderator',
      'Xia online member',
      'Yan online guest',
      'Bea offline moderator',
      // Locale order: accents and case do not push a name to the end.
      'ábel offline member',
      'zed offline member',
    ]);
  });

  it('keep the previous order when a refetch changed nothing it is sorted by, and sort again when it did', () => {
    const bob = participant({ displayName: 'Bob' });
    const carol = participant({ displayName: 'Carol' });
    const first = toSortedRosterRows([carol, bob]);
    expect(first.map((row) => row.name)).toEqual(['Bob', 'Carol']);

    const pinged = { ...bob, status: { status: 'away', icon: null, message: 'Lunch' } };
    const kept = toSortedRosterRows([carol, pinged], first);
    expect(kept.map((row) => row.name)).toEqual(['Bob', 'Carol']);
    expect(kept[0]?.status?.message).toBe('Lunch');

    const online = toSortedRosterRows([{ ...carol, online: true }, pinged], kept);
    expect(online.map((row) => row.name)).toEqual(['Carol', 'Bob']);
    const renamed = toSortedRosterRows([carol, { ...pinged, displayName: 'Zed' }], kept);
    expect(renamed.map((row) => row.name)).toEqual(['Carol', 'Zed']);
    const joined = toSortedRosterRows([carol, pinged, participant({ displayName: 'Abe' })], kept);
    expect(joined.map((row) => row.name)).toEqual(['Abe', 'Bob', 'Carol']);
  });

  it('keep each row object while its participant object is unchanged, so an unchanged refetch renders nothing', () => {
    const bob = participant({ displayName: 'Bob' });
    const carol = participant({ displayName: 'Carol' });
    const first = toSortedRosterRows([bob, carol]);
    // Structural sharing gives back the same participant objects for unchanged data.
    const again = toSortedRosterRows([carol, bob]);

    expect(again[0]).toBe(first[0]);
    expect(again[1]).toBe(first[1]);
    // A changed participant is a new object, hence a new row.
    const promoted = toSortedRosterRows([{ ...bob, role: 'moderator' }, carol]);
    expect(promoted[0]).not.toBe(first[0]);
    expect(promoted[0]?.roleLabel).toBe('Moderator');
  });
});

describe('roster actions', () => {
  const rows = {
    alice: toRosterRow(participant({ displayName: 'Alice', role: 'owner' })),
    bob: toRosterRow(participant({ displayName: 'Bob', role: 'moderator' })),
    carol: toRosterRow(participant({ displayName: 'Carol', role: 'member' })),
    joined: toRosterRow(participant({ displayName: 'Linker', role: 'member' })),
    guest: toRosterRow(participant({ displayName: 'Gus', kind: 'guest', actorId: 'g1', role: 'guest' })),
    guestModerator: toRosterRow(participant({ displayName: 'Gia', kind: 'guest', actorId: 'g2', role: 'guest-moderator' })),
    email: toRosterRow(participant({ displayName: '', kind: 'email', actorId: 'pat@example.com', role: 'guest' })),
    group: toRosterRow(participant({ displayName: 'Design', kind: 'group', actorId: 'design', role: 'member' })),
    circle: toRosterRow(participant({ displayName: 'Crew', kind: 'circle', actorId: 'crew', role: 'member' })),
    sessionless: toRosterRow(participant({ key: 'g:0:Lost', displayName: 'Lost', kind: 'guest', actorId: '', role: 'guest' })),
  };

  function actionsFor(viewer: RosterViewer) {
    return Object.fromEntries(Object.entries(rows).map(([name, row]) => [name, rosterActions(row, viewer)]));
  }

  it('for the owner: promote members and guests, demote moderators, remove anyone but the owner and themselves', () => {
    expect(actionsFor(owner)).toEqual({
      alice: [],
      bob: ['demote', 'remove'],
      carol: ['promote', 'remove'],
      joined: ['promote', 'remove'],
      guest: ['promote', 'remove'],
      guestModerator: ['demote', 'remove'],
      email: ['promote', 'remove'],
      group: ['remove'],
      circle: ['remove'],
      sessionless: [],
    });
  });

  it('for a moderator: the same, but nothing on their own row', () => {
    const actions = actionsFor(moderator);
    expect(actions.bob).toEqual([]);
    expect(actions.alice).toEqual([]);
    expect(actions.carol).toEqual(['promote', 'remove']);
    expect(actions.guestModerator).toEqual(['demote', 'remove']);
  });

  it('for a member: nothing at all', () => {
    expect(Object.values(actionsFor(member)).every((actions) => actions.length === 0)).toBe(true);
    expect(Object.values(actionsFor({ ...member, canBan: true })).every((actions) => actions.length === 0)).toBe(true);
  });

  it('with bans: a moderator bans accounts, guests and email guests, never moderators, groups or circles', () => {
    const actions = actionsFor({ ...owner, canBan: true });
    expect(actions).toMatchObject({
      alice: [],
      bob: ['demote', 'remove'],
      carol: ['promote', 'remove', 'ban'],
      guest: ['promote', 'remove', 'ban'],
      guestModerator: ['demote', 'remove'],
      email: ['promote', 'remove', 'ban'],
      group: ['remove'],
      circle: ['remove'],
      sessionless: [],
    });
    expect(actionsFor({ ...moderator, canBan: true }).bob).toEqual([]);
  });
});
