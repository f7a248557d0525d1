import { AFTER_THE_POLL, POLL_MS, chooseAction, expect, openRoster, rosterOf, signIn, test, uniqueName, type Roster, type TalkApi } from './fixtures';
import type { Page } from '@playwright/test';

/** Opens a row's "Actions for NAME" menu, expects exactly these items in this order, and closes it with Escape. */
async function expectMenuItems(page: Page, name: string, items: string[]) {
  await rosterOf(page).actionsFor(name).click();
  const menu = page.getByRole('menu', { name: `Actions for ${name}` });
  await expect(menu.getByRole('menuitem')).toHaveText(items);
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
}

/** A current (v4) server has per-person permissions: its menus offer them too, before "Remove". */
const permissionsItem = (talkApi: TalkApi) => (talkApi === 'v4' ? ['Permissions'] : []);
/** Servers with bans (v4 here, with `ban-v1`) also offer to ban members and guests (e2e/bans.spec.ts). */
const banItem = (talkApi: TalkApi) => (talkApi === 'v4' ? ['Ban from conversation'] : []);

async function expectRole(roster: Roster, name: string, role: string) {
  await expect(roster.row(name).getByText(role, { exact: true })).toBeVisible();
}

test.describe('moderating the roster', () => {
  test('a moderator promotes, demotes and removes a member', async ({ page, seedAs, talkApi }) => {
    const alice = seedAs('alice');
    const conversation = await alice.createConversation({ name: uniqueName('Moderation') });
    await alice.addParticipant(conversation.token, 'bob');
    await alice.addParticipant(conversation.token, 'carol');
    const roster = await openRoster(page, 'alice', conversation);

    await expect(page.getByText('3 participants', { exact: true })).toBeVisible();
    await expectRole(roster, 'Alice', 'Owner');
    await expectRole(roster, 'Bob', 'Member');
    await expectRole(roster, 'Carol', 'Member');
    // Nobody acts on themselves from the roster (leaving is its own button).
    await expect(roster.actionsFor('Alice')).toHaveCount(0);
    await expectMenuItems(page, 'Bob', ['Promote to moderator', ...permissionsItem(talkApi), 'Remove from conversation', ...banItem(talkApi)]);

    await chooseAction(page, 'Bob', 'Promote to moderator');
    await expect(page.getByRole('status').filter({ hasText: 'Bob is now a moderator.' })).toBeVisible();
    await expectRole(roster, 'Bob', 'Moderator');
    await expectMenuItems(page, 'Bob', ['Demote to member', 'Remove from conversation']);

    await chooseAction(page, 'Bob', 'Demote to member');
    await expect(page.getByRole('status').filter({ hasText: 'Bob is now a member.' })).toBeVisible();
    await expectRole(roster, 'Bob', 'Member');

    await chooseAction(page, 'Bob', 'Remove from conversation');
    const confirm = page.getByRole('alertdialog', { name: 'Remove Bob?' });
    await expect(confirm).toContainText(`Bob will no longer be a participant of “${conversation.name}”.`);
    await confirm.getByRole('button', { name: 'Remove' }).click();

    await expect(confirm).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'Bob was removed from the conversation.' })).toBeVisible();
    await expect(roster.row('Bob')).toHaveCount(0);
    await expect(page.getByText('2 participants', { exact: true })).toBeVisible();
    await expectRole(roster, 'Carol', 'Member');
  });

  test('a moderator promotes, demotes and removes a guest', async ({ page, seedAs, joinAsGuest, talkApi }) => {
    const conversation = await seedAs('alice').createConversation({ name: uniqueName('Open house'), kind: 'public' });
    // The guest opened the link in their own browser and chose a name.
    const guest = await joinAsGuest(conversation.token, 'Grace');
    const roster = await openRoster(page, 'alice', conversation);

    await expect(page.getByText('2 participants', { exact: true })).toBeVisible();
    await expectRole(roster, 'Grace', 'Guest');
    await expect(roster.row('Grace').getByText('Online', { exact: true })).toBeVisible();
    await expectMenuItems(page, 'Grace', ['Promote to moderator', ...permissionsItem(talkApi), 'Remove from conversation', ...banItem(talkApi)]);

    await chooseAction(page, 'Grace', 'Promote to moderator');
    await expect(page.getByRole('status').filter({ hasText: 'Grace is now a guest moderator.' })).toBeVisible();
    await expectRole(roster, 'Grace', 'Guest moderator');

    await guest.keepAlive();
    await chooseAction(page, 'Grace', 'Demote to member');
    await expect(page.getByRole('status').filter({ hasText: 'Grace is now a guest.' })).toBeVisible();
    await expectRole(roster, 'Grace', 'Guest');

    await chooseAction(page, 'Grace', 'Remove from conversation');
    await page.getByRole('alertdialog', { name: 'Remove Grace?' }).getByRole('button', { name: 'Remove' }).click();
    const removed = page.getByRole('status').filter({ hasText: 'Grace was removed from the conversation.' });
    await expect(removed).toBeVisible();
    await expect(roster.row('Grace')).toHaveCount(0);
    await expect(page.getByText('1 participant', { exact: true })).toBeVisible();
  });

  test('a moderator adds an account and a group', async ({ page, seedAs, talkApi }) => {
    const conversation = await seedAs('alice').createConversation({ name: uniqueName('Planning') });
    const roster = await openRoster(page, 'alice', conversation);
    await expect(page.getByText('1 participant', { exact: true })).toBeVisible();

    await page.getByRole('button', { name: 'Add participants' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add participants' });
    const search = dialog.getByRole('combobox', { name: 'Search users, groups or emails' });
    const picks = dialog.getByRole('list', { name: 'To add' });

    await search.fill('dave');
    await page.getByRole('option', { name: /Dave/ }).click();
    await expect(picks).toContainText('Dave');
    await search.fill('design');
    await page.getByRole('option', { name: /Design.*Group/ }).click();
    await expect(picks).toContainText('Design');

    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(dialog.getByRole('status')).toContainText('Added Dave.');
    await expect(dialog.getByRole('status')).toContainText('Added Design.');
    await dialog.getByRole('button', { name: 'Close', exact: true }).first().click();
    await expect(dialog).toBeHidden();

    // The group brings its members (alice, bob, carol); v4 also lists the group itself, v1 lists people only.
    for (const name of ['Dave', 'Bob', 'Carol']) await expectRole(roster, name, 'Member');
    if (talkApi === 'v4') {
      await expect(roster.row('Design').getByText('Group', { exact: true })).toBeVisible();
      await expect(page.getByText('5 participants', { exact: true })).toBeVisible();
    } else {
      await expect(page.getByText('4 participants', { exact: true })).toBeVisible();
    }
  });

  test('a moderator turns the lobby on and off; a member waits, then is let in by themselves', async ({
    page,
    browser,
    seedAs,
  }) => {
    const alice = seedAs('alice');
    const conversation = await alice.createConversation({ name: uniqueName('Launch rehearsal') });
    await alice.addParticipant(conversation.token, 'bob');

    await openRoster(page, 'alice', conversation);
    const lobby = page.getByRole('switch', { name: 'Lobby' });
    await expect(lobby).not.toBeChecked();
    await lobby.click();
    await expect(lobby).toBeChecked();
    // Moderators still see everyone.
    await expect(rosterOf(page).row('Bob')).toBeVisible();

    // Bob, a member, opens the conversation in his own browser and waits.
    const bobContext = await browser.newContext();
    // His page checks the conversation every so often (POLL_MS): his clock is moved on to that check rather than
    // waited for.
    await bobContext.clock.install();
    const bobPage = await bobContext.newPage();
    await signIn(bobPage, 'bob', `/rooms/${conversation.token}`);
    await expect(bobPage.getByRole('heading', { name: 'Waiting in the lobby' })).toBeVisible();
    const bobRoster = rosterOf(bobPage);
    await expect(bobRoster.list).toBeHidden();
    await expect(bobPage.getByRole('switch', { name: 'Lobby' })).toBeDisabled();
    await expect(bobPage.getByText('Only moderators can change the lobby.')).toBeVisible();

    await lobby.click();
    await expect(lobby).not.toBeChecked();
    // Bob's page keeps checking: he is let in without doing anything.
    await bobPage.clock.fastForward(POLL_MS.conversation);
    await expect(bobRoster.row('Alice')).toBeVisible(AFTER_THE_POLL);
    await expect(bobPage.getByRole('heading', { name: 'Waiting in the lobby' })).toBeHidden();
    await expect(bobRoster.row('Bob').getByText('Member', { exact: true })).toBeVisible();

    await bobContext.close();
  });

  test('a member sees the roster but no moderation', async ({ page, seedAs }) => {
    const alice = seedAs('alice');
    const conversation = await alice.createConversation({ name: uniqueName('Reading room') });
    await alice.addParticipant(conversation.token, 'carol');
    await signIn(page, 'carol');
    await page.getByRole('searchbox', { name: 'Search conversations' }).fill(conversation.name);
    await page.getByRole('link', { name: conversation.name, exact: true }).click();

    const roster = rosterOf(page);
    await expectRole(roster, 'Alice', 'Owner');
    await expectRole(roster, 'Carol', 'Member');
    await expect(page.getByRole('button', { name: /^Actions for / })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Add participants' })).toHaveCount(0);
  });
});
