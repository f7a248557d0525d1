import type { Browser, Page } from '@playwright/test';
import { chooseAction, expect, openRoster, test, uniqueName, type SeededConversation } from './fixtures';

/** The guest's keep-alive pulls every 5 s: what it notices, the page says within this. */
const NOTICED_WITHIN = { timeout: 10_000 };

/** A guest in their own browser (own cookies: the identity a ban is bound to) who joined by the link. */
async function guestJoins(browser: Browser, conversation: SeededConversation, name: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`/call/${conversation.token}`);
  // Talk hides the conversation's name from someone who has not joined: the page's own heading.
  await expect(page.getByRole('heading', { level: 1, name: 'Join a conversation' })).toBeVisible();
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByText(`You joined as ${name}`, { exact: true })).toBeVisible();
  return page;
}

test.describe('bans', () => {
  // Two browsers, and a wait for the banned guest's keep-alive (seconds, never fixed sleeps).
  test.describe.configure({ timeout: 60_000 });

  test('a moderator bans a guest with a note, sees the ban under "Bans", and lifts it', async ({ page, browser, seedAs, talkApi }) => {
    const alice = seedAs('alice');
    const conversation = await alice.createConversation({ name: uniqueName('Town hall'), kind: 'public' });

    if (talkApi === 'v1') {
      // A server without ban-v1 (Talk before 20, here the v1 server): nothing about bans is offered.
      await alice.addParticipant(conversation.token, 'bob');
      const roster = await openRoster(page, 'alice', conversation);
      await roster.actionsFor('Bob').click();
      const menu = page.getByRole('menu', { name: 'Actions for Bob' });
      await expect(menu.getByRole('menuitem')).toHaveText(['Promote to moderator', 'Remove from conversation']);
      await expect(menu.getByRole('menuitem', { name: 'Ban from conversation' })).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Bans', exact: true })).toHaveCount(0);
      return;
    }

    const guestPage = await guestJoins(browser, conversation, 'Mallory');
    const roster = await openRoster(page, 'alice', conversation);
    await expect(roster.row('Mallory')).toBeVisible();

    await chooseAction(page, 'Mallory', 'Ban from conversation');
    const question = page.getByRole('alertdialog', { name: 'Ban Mallory?' });
    await question.getByRole('textbox', { name: 'Internal note' }).fill('Posted spam links');
    await expect(question).toContainText('17 of 4,000 characters');
    await question.getByRole('button', { name: 'Ban', exact: true }).click();

    await expect(question).toBeHidden();
    await expect(page.getByRole('status', { name: 'Notices' })).toContainText('Mallory is banned from the conversation.');
    await expect(roster.row('Mallory')).toHaveCount(0);
    await expect(page.getByText('1 participant', { exact: true })).toBeVisible();

    await page.getByRole('button', { name: 'Bans', exact: true }).click();
    const banned = page.getByRole('dialog', { name: 'Banned' });
    const ban = banned.getByRole('listitem').filter({ hasText: 'Mallory' });
    await expect(ban).toContainText('Posted spam links');
    await expect(ban).toContainText('Banned by Alice on');

    // The guest's session ended with the ban; joining again from the same browser is refused for good.
    await expect(guestPage.getByRole('alert')).toHaveText('A moderator removed you from this conversation.', NOTICED_WITHIN);
    await guestPage.getByRole('button', { name: 'Join again' }).click();
    await guestPage.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(guestPage.getByRole('alert')).toContainText('You have been banned from this conversation.');
    await expect(guestPage.getByRole('button', { name: 'Join', exact: true })).toHaveCount(0);

    await banned.getByRole('button', { name: 'Unban Mallory' }).click();
    await expect(banned.getByRole('status')).toHaveText('Mallory is no longer banned and may join again.');
    await expect(banned.getByText('Nobody is banned from this conversation.')).toBeVisible();

    // The same browser may come back now.
    await guestPage.reload();
    await guestPage.getByLabel('Your name').fill('Mallory');
    await guestPage.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(guestPage.getByText('You joined as Mallory', { exact: true })).toBeVisible();
    await guestPage.context().close();
  });
});
