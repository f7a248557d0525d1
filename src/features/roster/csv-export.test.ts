import { describe, expect, it, vi } from 'vitest';
import { ALL_PERMISSIONS, Permission } from '../../lib/api';
import {
  BYTE_ORDER_MARK,
  buildCsvParts,
  csvCells,
  csvField,
  csvFile,
  csvFileName,
  csvLine,
  permissionNames,
} from './csv-export';
import { toRosterRow } from './roster-rows';
import { bytesOf } from '../../test/blob';
import { participant } from '../../test/talk-fixtures';

describe('csvField', () => {
  it('leaves plain text as it is', () => {
    expect(csvField('Bob Smith')).toBe('Bob Smith');
    expect(csvField('')).toBe('');
    expect(csvField('José 😀')).toBe('José 😀');
  });

  it('quotes fields with a comma, a quote or a line break, doubling the quotes', () => {
    expect(csvField('Smith, Bob')).toBe('"Smith, Bob"');
    expect(csvField('Bob "the builder"')).toBe('"Bob ""the builder"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
  });

  it('neutralises what a spreadsheet would run as a formula: an apostrophe first, inside quotes', () => {
    expect(csvField('=HYPERLINK("http://evil.example","click")')).toBe(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csvField('+1 555')).toBe(`"'+1 555"`);
    expect(csvField('-2+3')).toBe(`"'-2+3"`);
    expect(csvField('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvField('\tcmd')).toBe(`"'\tcmd"`);
    expect(csvField('\rcmd')).toBe(`"'\rcmd"`);
    // Only the start counts.
    expect(csvField('Bob = Builder')).toBe('Bob = Builder');
  });
});

describe('permissionNames', () => {
  it('names the granted permissions in Talk’s order, and nothing in v1', () => {
    expect(permissionNames(Permission.Chat | Permission.StartCall | Permission.Custom)).toBe('Start a call; Send messages');
    expect(permissionNames(ALL_PERMISSIONS)).toBe(
      'Start a call; Join a call; Skip the lobby; Publish audio; Publish video; Share the screen; Send messages',
    );
    expect(permissionNames(0)).toBe('');
    expect(permissionNames(null)).toBe('');
  });
});

describe('csvCells', () => {
  it('says what the row shows: name, role label, kind, account or address, yes/no, permissions', () => {
    expect(
      csvCells(toRosterRow(participant({ displayName: 'Bob', role: 'moderator', online: true, inCall: true, permissions: Permission.JoinCall }))),
    ).toEqual(['Bob', 'Moderator', 'user', 'bob', 'yes', 'yes', 'Join a call']);
    expect(csvCells(toRosterRow(participant({ kind: 'email', actorId: 'frank@example.org', displayName: '', role: 'guest' })))).toEqual([
      'frank@example.org',
      'Guest',
      'email',
      'frank@example.org',
      'no',
      'no',
      '',
    ]);
    // A guest's actor id is a session hash: no account, no address.
    expect(csvCells(toRosterRow(participant({ kind: 'guest', actorId: 'f00d', displayName: 'Gina', role: 'guest', online: true })))).toEqual([
      'Gina',
      'Guest',
      'guest',
      '',
      'yes',
      'no',
      '',
    ]);
    expect(csvCells(toRosterRow(participant({ kind: 'group', actorId: 'support', displayName: 'Support' })))[2]).toBe('group');
  });
});

describe('csvFileName', () => {
  it('is the conversation name followed by -participants.csv', () => {
    expect(csvFileName('Open office hours')).toBe('Open office hours-participants.csv');
  });

  it('replaces what file systems refuse, and is never empty or hidden', () => {
    expect(csvFileName('a/b\\c:d*e?f"g<h>i|j')).toBe('a_b_c_d_e_f_g_h_i_j-participants.csv');
    expect(csvFileName('tab\there\nnewline')).toBe('tab_here_newline-participants.csv');
    expect(csvFileName('...hidden')).toBe('hidden-participants.csv');
    expect(csvFileName('trailing. ')).toBe('trailing-participants.csv');
    expect(csvFileName('   ')).toBe('conversation-participants.csv');
    expect(csvFileName('x'.repeat(500))).toBe(`${'x'.repeat(120)}-participants.csv`);
  });
});

/** The parts as the file's text, the byte order mark kept. */
const textOf = async (parts: readonly Blob[]) =>
  new TextDecoder('utf-8', { ignoreBOM: true }).decode(await bytesOf(csvFile(parts)));

describe('buildCsvParts', () => {
  const rows = Array.from({ length: 5 }, (_, index) =>
    toRosterRow(participant({ actorId: `user${index}`, displayName: `User ${index}` })),
  );

  it('starts with the byte order mark and the header, CRLF after every line', async () => {
    const parts = await buildCsvParts(rows.slice(0, 1));
    expect([...(await bytesOf(csvFile(parts))).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = await textOf(parts);
    expect(text.startsWith(BYTE_ORDER_MARK)).toBe(true);
    expect(text).toBe(
      `${BYTE_ORDER_MARK}name,role,type,account or email,online,in call,permissions\r\nUser 0,Member,user,user0,no,no,\r\n`,
    );
  });

  it('has only the header for no rows', async () => {
    expect(await textOf(await buildCsvParts([]))).toBe(`${BYTE_ORDER_MARK}name,role,type,account or email,online,in call,permissions\r\n`);
  });

  it('builds in chunks, yielding between them and reporting progress after each', async () => {
    const events: string[] = [];
    const parts = await buildCsvParts(rows, {
      chunkSize: 2,
      sliceMs: Number.POSITIVE_INFINITY,
      yieldToBrowser: async () => {
        events.push('yield');
      },
      onProgress: (done, total) => events.push(`${done}/${total}`),
    });
    expect(events).toEqual(['2/5', 'yield', '4/5', 'yield', '5/5']);
    expect(parts).toHaveLength(4);
    expect(await textOf(parts)).toBe(BYTE_ORDER_MARK + csvLine(['name', 'role', 'type', 'account or email', 'online', 'in call', 'permissions']) +
      rows.map((row) => csvLine(csvCells(row))).join(''));
  });

  it('ends a chunk early once it has taken its time slice', async () => {
    const many = Array.from({ length: 1_000 }, (_, index) => toRosterRow(participant({ displayName: 'Bob', actorId: `many${index}` })));
    const done: number[] = [];
    // A slice of 0 ms: every clock check ends the chunk (every 200 rows).
    await buildCsvParts(many, { sliceMs: 0, yieldToBrowser: async () => undefined, onProgress: (count) => done.push(count) });
    expect(done).toEqual([200, 400, 600, 800, 1_000]);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const yieldToBrowser = vi.fn(async () => controller.abort(new Error('left the page')));
    await expect(buildCsvParts(rows, { chunkSize: 2, yieldToBrowser, signal: controller.signal })).rejects.toThrow('left the page');
    expect(yieldToBrowser).toHaveBeenCalledTimes(1);
  });
});
