import { describe, expect, it } from 'vitest';
import { Permission } from '../../lib/api';
import { participant } from '../../test/talk-fixtures';
import { applyRosterFilters, filterMasks, masksNarrow, NO_FILTERS, shownRosterRows, type RosterFilters } from './roster-filter';
import { toSortedRosterRows } from './roster-rows';

const rows = toSortedRosterRows([
  participant({ displayName: 'Olga', role: 'owner' }),
  participant({ displayName: 'Mona', role: 'moderator', online: true, inCall: true }),
  participant({ displayName: 'Gus', kind: 'guest', actorId: 'g1', role: 'guest-moderator', online: true }),
  participant({ displayName: 'Mia', role: 'member', online: true, permissions: 0 }),
  participant({ displayName: 'Max', role: 'member', online: true, inCall: true, permissions: Permission.SkipLobby }),
  participant({ displayName: 'Design', kind: 'group', actorId: 'design' }),
  participant({ displayName: 'Gwen', kind: 'guest', actorId: 'g2', role: 'guest', online: true, inCall: true }),
  participant({ displayName: 'Emil', kind: 'email', actorId: 'emil@example.org', role: 'guest' }),
]);

const names = (shown: readonly { name: string }[]) => shown.map((row) => row.name).sort();
const filtered = (filters: Partial<RosterFilters>, lobbyEnabled = true) =>
  names(applyRosterFilters(rows, filterMasks({ ...NO_FILTERS, ...filters }, lobbyEnabled)));

describe('roster filters', () => {
  it('show every row, the same array, when nothing is chosen', () => {
    expect(applyRosterFilters(rows, filterMasks(NO_FILTERS, true))).toBe(rows);
    expect(masksNarrow(filterMasks(NO_FILTERS, true))).toBe(false);
  });

  it('sort roles into moderators (owner, moderator, guest moderator), members and guests', () => {
    expect(filtered({ moderators: true })).toEqual(['Gus', 'Mona', 'Olga']);
    expect(filtered({ members: true })).toEqual(['Design', 'Max', 'Mia']);
    // Guests by kind: the guest moderator is a guest too.
    expect(filtered({ guests: true })).toEqual(['Emil', 'Gus', 'Gwen']);
  });

  it('combine roles with OR and states with AND', () => {
    expect(filtered({ moderators: true, guests: true })).toEqual(['Emil', 'Gus', 'Gwen', 'Mona', 'Olga']);
    expect(filtered({ online: true })).toEqual(['Gus', 'Gwen', 'Max', 'Mia', 'Mona']);
    expect(filtered({ online: true, inCall: true })).toEqual(['Gwen', 'Max', 'Mona']);
    expect(filtered({ members: true, guests: true, inCall: true })).toEqual(['Gwen', 'Max']);
  });

  it('count "in the lobby" only while the lobby is on: online, not moderators, without "skip the lobby"', () => {
    expect(filtered({ inLobby: true })).toEqual(['Gwen', 'Mia']);
    expect(filtered({ inLobby: true }, false)).toEqual(names(rows));
    expect(masksNarrow(filterMasks({ ...NO_FILTERS, inLobby: true }, false))).toBe(false);
  });

  it('combine with the search and keep the order', () => {
    const masks = filterMasks({ ...NO_FILTERS, online: true }, false);
    expect(shownRosterRows(rows, 'm', masks).map((row) => row.name)).toEqual(['Mona', 'Max', 'Mia']);
    // The same question twice gives the same array: nothing downstream re-renders.
    expect(shownRosterRows(rows, 'm', masks)).toBe(shownRosterRows(rows, 'm', { ...masks }));
  });
});
