import { describe, expect, it } from 'vitest';
import { participant } from '../../test/talk-fixtures';
import { toSortedRosterRows } from './roster-rows';
import { SEARCH_INDEX_CHUNK, filterRosterRows, prepareRosterSearch, searchTextOf } from './roster-search';

describe('roster search', () => {
  it('filter by name, account id and email, ignoring case and accents', () => {
    const rows = toSortedRosterRows([
      participant({ displayName: 'José Núñez', actorId: 'jnunez' }),
      participant({ displayName: 'Anna', actorId: 'anna.k' }),
      participant({ displayName: '', kind: 'email', actorId: 'pat@example.com', role: 'guest' }),
      participant({ displayName: 'Pat Guest', kind: 'guest', actorId: '', role: 'guest' }),
    ]);
    const names = (search: string) => filterRosterRows(rows, search).map((row) => row.name);

    expect(names('jose')).toEqual(['José Núñez']);
    expect(names('  NUNEZ ')).toEqual(['José Núñez']);
    expect(names('jnun')).toEqual(['José Núñez']);
    expect(names('ANNA.K')).toEqual(['Anna']);
    expect(names('example.com')).toEqual(['pat@example.com']);
    expect(names('pat')).toEqual(['Pat Guest', 'pat@example.com']);
    expect(names('nobody')).toEqual([]);
    expect(filterRosterRows(rows, '  ')).toBe(rows);
  });

  it('narrow a search as it is typed without missing anyone, and widen it again', () => {
    const rows = toSortedRosterRows([
      participant({ displayName: 'Anna' }),
      participant({ displayName: 'Annabel' }),
      participant({ displayName: 'Hannah' }),
      participant({ displayName: 'Bob' }),
    ]);
    const names = (search: string) => filterRosterRows(rows, search).map((row) => row.name);

    expect(names('an')).toEqual(['Anna', 'Annabel', 'Hannah']);
    expect(names('ann')).toEqual(['Anna', 'Annabel', 'Hannah']);
    expect(names('anna')).toEqual(['Anna', 'Annabel', 'Hannah']);
    expect(names('annab')).toEqual(['Annabel']);
    expect(names('nnah')).toEqual(['Hannah']);
    expect(names('b')).toEqual(['Annabel', 'Bob']);
    // The same search twice gives the same array: nothing downstream re-renders.
    expect(filterRosterRows(rows, 'b')).toBe(filterRosterRows(rows, 'B '));
  });

  it('match within one participant only, never across two neighbours in the list', () => {
    const rows = toSortedRosterRows([
      participant({ displayName: 'Ann', actorId: 'ann' }),
      participant({ displayName: 'Bo', actorId: 'bo' }),
      participant({ displayName: 'Nanna', actorId: 'nanna' }),
    ]);
    const names = (search: string) => filterRosterRows(rows, search).map((row) => row.name);

    // Every row holding the text, however often it holds it, in the list's order.
    expect(names('n')).toEqual(['Ann', 'Nanna']);
    expect(names('na')).toEqual(['Nanna']);
    // The end of one row's text and the start of the next's do not make a match.
    expect(names('annbo')).toEqual([]);
    expect(names('ann\u0000bo')).toEqual([]);
    expect(names('obo')).toEqual([]);
    // The last row's end is found too.
    expect(names('nna')).toEqual(['Nanna']);
    expect(filterRosterRows([], 'a')).toEqual([]);
  });

  it('build its index a chunk at a time when asked to stop, and find rows on both sides of a chunk boundary', () => {
    // Names that sort in the order they are made, so the edge rows land on both sides of a chunk boundary.
    const nameOf = (i: number) => `Person ${String(i).padStart(5, '0')}`;
    const people = Array.from({ length: 12_345 }, (_, i) => participant({ displayName: nameOf(i), actorId: `p${i}` }));
    people[SEARCH_INDEX_CHUNK - 1] = participant({ displayName: `${nameOf(SEARCH_INDEX_CHUNK - 1)} Edge Before`, actorId: 'edge-a' });
    people[SEARCH_INDEX_CHUNK] = participant({ displayName: `${nameOf(SEARCH_INDEX_CHUNK)} Edge After`, actorId: 'edge-b' });
    people[12_344] = participant({ displayName: `${nameOf(12_344)} Edge Last`, actorId: 'edge-c' });
    const rows = toSortedRosterRows(people);
    expect(rows[SEARCH_INDEX_CHUNK - 1]!.participant.actorId).toBe('edge-a');
    expect(rows[SEARCH_INDEX_CHUNK]!.participant.actorId).toBe('edge-b');

    let steps = 0;
    const oneStep = () => steps++ === 0;
    expect(prepareRosterSearch(rows, oneStep)).toBe(false);
    steps = 0;
    expect(prepareRosterSearch(rows, oneStep)).toBe(false);
    // A search before the index is complete completes it.
    expect(filterRosterRows(rows, 'edge').map((row) => row.participant.actorId)).toEqual(['edge-a', 'edge-b', 'edge-c']);
    expect(prepareRosterSearch(rows, () => false)).toBe(true);
    // The same rows as looking through each row's text one by one.
    for (const search of ['person 1234', 'p12343', '99', 'e', 'before\nedge-a', '9\np1']) {
      expect(filterRosterRows(rows, search)).toEqual(rows.filter((row) => searchTextOf(row).includes(search)));
    }
    expect(filterRosterRows(rows, 'person 1234')).toHaveLength(5);
    // A row's text never runs into the next one's, not even at a chunk boundary.
    expect(filterRosterRows(rows, 'edge-b\u0000')).toEqual([]);
    expect(filterRosterRows(rows, 'edge-a\u0000person 02000')).toEqual([]);
    expect(filterRosterRows(rows, 'edge-a\nperson 02000')).toEqual([]);
  });
});
