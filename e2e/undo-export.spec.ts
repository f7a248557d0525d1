import { readFile } from 'node:fs/promises';
import { chooseAction, expect, openRoster, test, uniqueName } from './fixtures';

test.describe('undo and export in the roster', () => {
  test('a moderator undoes a promotion and a removal; removing a guest says it cannot be undone', async ({
    page,
    seedAs,
    joinAsGuest,
  }) => {
    const alice = seedAs('alice');
    const conversation = await alice.createConversation({ name: uniqueName('Undo'), kind: 'public' });
    await alice.addParticipant(conversation.token, 'bob');
    await alice.addParticipant(conversation.token, 'carol');
    await joinAsGuest(conversation.token, 'Grace');
    const roster = await openRoster(page, 'alice', conversation);
    const notices = page.getByRole('status', { name: 'Notices' });
    const notice = (text: string) => notices.locator('.ui-notice').filter({ hasText: text });

    await chooseAction(page, 'Bob', 'Promote to moderator');
    await expect(notice('Bob is now a moderator.')).toBeVisible();
    await expect(roster.row('Bob').getByText('Moderator', { exact: true })).toBeVisible();
    await notice('Bob is now a moderator.').getByRole('button', { name: 'Undo' }).click();
    await expect(notice('Bob is a member again.')).toBeVisible();
    await expect(roster.row('Bob').getByText('Member', { exact: true })).toBeVisible();

    await chooseAction(page, 'Carol', 'Remove from conversation');
    await page.getByRole('alertdialog', { name: 'Remove Carol?' }).getByRole('button', { name: 'Remove' }).click();
    await expect(notice('Carol was removed from the conversation.')).toBeVisible();
    await expect(roster.row('Carol')).toHaveCount(0);
    await notice('Carol was removed from the conversation.').getByRole('button', { name: 'Undo' }).click();
    await expect(notice('Carol is back in the conversation.')).toBeVisible();
    await expect(roster.row('Carol').getByText('Member', { exact: true })).toBeVisible();

    await chooseAction(page, 'Grace', 'Remove from conversation');
    const confirm = page.getByRole('alertdialog', { name: 'Remove Grace?' });
    await expect(confirm).toContainText('This cannot be undone: a guest cannot be added back');
    await confirm.getByRole('button', { name: 'Remove' }).click();
    await expect(notice('Grace was removed from the conversation.')).toBeVisible();
    await expect(roster.row('Grace')).toHaveCount(0);
    await expect(notice('Grace was removed from the conversation.').getByRole('button', { name: 'Undo' })).toHaveCount(0);
  });

  test('anyone who sees the roster exports what it shows as CSV', async ({ page, seedAs, talkApi }) => {
    const alice = seedAs('alice');
    const conversation = await alice.createConversation({ name: uniqueName('Export: "team"') });
    await alice.addParticipant(conversation.token, 'bob');
    await alice.addParticipant(conversation.token, 'carol');
    const roster = await openRoster(page, 'carol', conversation);
    await expect(roster.row('Bob')).toBeVisible();
    await roster.search.fill('bo');
    await expect(roster.row('Alice')).toHaveCount(0);

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const download = await downloading;
    // The quotes and the colon are not allowed in file names.
    expect(download.suggestedFilename()).toBe(`${conversation.name.replace(/[:"]/g, '_')}-participants.csv`);
    await expect(page.getByText(/^Exported 1 participant to /)).toBeVisible();

    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('name,role,type,account or email,online,in call,permissions');
    // v4 says what each may do; v1 has no permissions, so that column stays empty.
    expect(lines[1]).toMatch(talkApi === 'v4' ? /^Bob,Member,user,bob,no,no,Start a call; Join a call; .+$/ : /^Bob,Member,user,bob,no,no,$/);
    expect(lines.slice(2)).toEqual(['']);
  });
});
