import { expect, openRoster, test, uniqueName } from './fixtures';

test.describe('filters and bulk actions', () => {
  test('a moderator filters the roster, selects several and promotes and removes them at once', async ({
    page,
    seedAs,
    joinAsGuest,
    talkApi,
  }) => {
    const alice = seedAs('alice');
    const conversation = await alice.createConversation({ name: uniqueName('Bulk'), kind: 'public' });
    await alice.addParticipant(conversation.token, 'bob');
    await alice.addParticipant(conversation.token, 'carol');
    await joinAsGuest(conversation.token, 'Grace');
    const roster = await openRoster(page, 'alice', conversation);
    const filters = page.getByRole('group', { name: 'Filter participants' });
    const toolbar = page.getByRole('toolbar', { name: 'Selection' });

    await expect(page.getByText('4 participants', { exact: true })).toBeVisible();
    await filters.getByRole('checkbox', { name: 'Guests' }).check();
    await expect(page.getByText('1 of 4 participants', { exact: true })).toBeVisible();
    await expect(roster.row('Grace').getByText('Online', { exact: true })).toBeVisible();
    await filters.getByRole('checkbox', { name: 'Guests' }).uncheck();

    await filters.getByRole('checkbox', { name: 'Members' }).check();
    await expect(page.getByText('2 of 4 participants', { exact: true })).toBeVisible();
    await page.getByRole('checkbox', { name: 'Select all shown' }).check();
    await expect(toolbar.getByText('2 selected')).toBeVisible();
    await expect(toolbar.getByRole('button', { name: 'Demote' })).toHaveAttribute('aria-disabled', 'true');
    await expect(page.getByText('None of the selected can be demoted.')).toBeVisible();
    if (talkApi === 'v1') await expect(toolbar.getByRole('button', { name: 'Permissions' })).toHaveCount(0);

    await toolbar.getByRole('button', { name: 'Promote' }).click();
    await expect(page.getByText('Promoted 2 of 2 selected.')).toBeVisible();
    await expect(page.getByRole('status', { name: 'Notices' })).toContainText('Promoted 2 participants.');
    // Moderators now: the "Members" filter no longer shows them, and they stay selected.
    await expect(page.getByText('0 of 4 participants', { exact: true })).toBeVisible();
    await filters.getByRole('checkbox', { name: 'Members' }).uncheck();
    await expect(roster.row('Bob').getByText('Moderator', { exact: true })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'Select all shown' })).toBeChecked({ indeterminate: true });

    await page.getByRole('checkbox', { name: 'Select Grace' }).check();
    await expect(toolbar.getByText('3 selected')).toBeVisible();
    await toolbar.getByRole('button', { name: 'Remove' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Remove 3 participants?' });
    await expect(confirm).toContainText('removing a guest cannot be undone');
    await confirm.getByRole('button', { name: 'Remove' }).click();

    await expect(page.getByText('Removed 3 of 3 selected.')).toBeVisible();
    await expect(page.getByText('1 participant', { exact: true })).toBeVisible();
    await expect(page.getByRole('status', { name: 'Notices' })).toContainText(
      'Removed 3 participants. The guest among them cannot be added back.',
    );
    // Those who left are no longer selected: nothing is.
    await expect(toolbar).toHaveCount(0);
    await expect(page.getByRole('checkbox', { name: 'Select all shown' })).not.toBeChecked();
  });
});
