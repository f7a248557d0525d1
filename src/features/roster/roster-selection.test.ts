import { describe, expect, it } from 'vitest';
import { participant } from '../../test/talk-fixtures';
import { toSortedRosterRows, type RosterViewer } from './roster-rows';
import {
  allShownState,
  applicableCounts,
  applicableRows,
  isSelected,
  NO_SELECTION,
  selectedRowsOf,
  toggled,
  withAllShown,
  withoutRows,
} from './roster-selection';
import { bulkSummary, progressText, skipReason } from './bulk-words';

const viewer: RosterViewer = { id: 'mona', canModerate: true };
const rows = toSortedRosterRows([
  participant({ displayName: 'Olga', role: 'owner' }),
  participant({ displayName: 'Mona', role: 'moderator' }),
  participant({ displayName: 'Max', role: 'member' }),
  participant({ displayName: 'Mia', role: 'member' }),
  participant({ displayName: 'Design', kind: 'group', actorId: 'design' }),
]);
const byName = (name: string) => rows.find((row) => row.name === name)!;
const names = (selected: readonly { name: string }[]) => selected.map((row) => row.name);

describe('roster selection', () => {
  it('selects every shown row but the viewer, and reads as checked, mixed or unchecked', () => {
    const all = withAllShown(NO_SELECTION, rows, viewer);
    expect(isSelected(all, byName('Mona'))).toBe(false);
    expect(all.count).toBe(4);
    expect(allShownState(rows, all, viewer)).toBe('checked');
    expect(allShownState(rows, toggled(all, byName('Max'), false), viewer)).toBe('mixed');
    expect(allShownState(rows, NO_SELECTION, viewer)).toBe('unchecked');
    // Unselecting what is shown keeps what the filters hide; the selection itself is never changed in place.
    const shown = [byName('Max'), byName('Mia')];
    const rest = withoutRows(all, shown);
    expect(names(selectedRowsOf(rows, rest))).toEqual(['Olga', 'Design']);
    expect(rest.count).toBe(2);
    expect(all.count).toBe(4);
    expect(withoutRows(rest, [byName('Olga'), byName('Design')])).toBe(NO_SELECTION);
  });

  it('counts only selected people who are still there, in the roster order', () => {
    const [gone] = toSortedRosterRows([participant({ displayName: 'Gone' })]);
    let selection = toggled(NO_SELECTION, byName('Mia'), true);
    selection = toggled(toggled(selection, gone!, true), byName('Olga'), true);
    expect(selection.count).toBe(3);
    expect(names(selectedRowsOf(rows, selection))).toEqual(['Olga', 'Mia']);
  });

  it('tells for each action whom of the selected it applies to, and why not the others', () => {
    const applicable = applicableRows(rows.filter((row) => row.name !== 'Mona'), viewer);
    expect(names(applicable.promote).sort()).toEqual(['Max', 'Mia']);
    expect(applicable.demote).toEqual([]);
    expect(names(applicable.remove).sort()).toEqual(['Design', 'Max', 'Mia']);
    expect(skipReason('remove', byName('Olga'))).toBe('The owner cannot be removed.');
    expect(skipReason('promote', byName('Design'))).toBe('Groups and circles cannot be moderators.');
    expect(skipReason('demote', byName('Max'))).toBe('Not a moderator.');
  });

  it('counts for the toolbar what it would gather, permissions and "Let in" included where offered', () => {
    const held = toSortedRosterRows([
      participant({ displayName: 'Wanda', kind: 'guest', role: 'guest', actorId: 'w1', online: true, permissions: 246 }),
      participant({ displayName: 'Ivo', kind: 'guest', role: 'guest', actorId: 'i1', online: true, permissions: 254 }),
    ]);
    const everyone = [...rows, ...held];
    const lobbyViewer: RosterViewer = { ...viewer, managesPermissions: true, lobbyEnabled: true };
    for (const someone of [viewer, lobbyViewer]) {
      const gathered = applicableRows(everyone, someone);
      const counted = applicableCounts(everyone, someone);
      for (const action of ['promote', 'demote', 'remove', 'permissions', 'let-in'] as const) {
        expect(counted[action]).toBe(gathered[action].length);
      }
    }
    // Wanda waits in the lobby; Ivo may skip it already.
    expect(names(applicableRows(everyone, lobbyViewer)['let-in'])).toEqual(['Wanda']);
    expect(applicableCounts(everyone, lobbyViewer).permissions).toBe(4);
    expect(applicableCounts(everyone, viewer).permissions).toBe(0);
  });
});

describe('bulk words', () => {
  it('say progress and the summary with counts and grouped reasons', () => {
    expect(progressText('remove', 40, 1200)).toBe('Removing 40 of 1,200…');
    expect(
      bulkSummary('remove', {
        selected: 10,
        done: 6,
        skipped: [{ reason: 'The owner cannot be removed.', count: 1 }],
        refused: [{ reason: 'This participant has already left.', count: 2 }],
        notStarted: 1,
      }),
    ).toEqual({
      headline: 'Removed 6 of 10 selected.',
      details: [
        'Skipped 1: The owner cannot be removed.',
        'Not removed, 2: This participant has already left.',
        'Cancelled: 1 participant left as they were.',
      ],
    });
  });
});
