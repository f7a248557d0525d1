import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { DEMO_PASSWORD, chooseAction, expect, openRoster, test, uniqueName, type TalkApi } from './fixtures';

/** The guest's page checks the lobby every 3 s. */
const NOTICED_WITHIN = { timeout: 10_000 };

async function turnLobbyOn(request: APIRequestContext, talkApi: TalkApi, token: string): Promise<void> {
  const response = await request.put(`/ocs/v2.php/apps/spreed/api/${talkApi}/room/${token}/webinar/lobby`, {
    headers: {
      'OCS-APIRequest': 'true',
      Accept: 'application/json',
      Authorization: `Basic ${Buffer.from(`alice:${DEMO_PASSWORD}`).toString('base64')}`,
    },
    data: { state: 1 },
  });
  expect(response.status(), await response.text()).toBe(200);
}

/** A guest opens the link in their own browser, names themselves and joins: the lobby holds them. */
async function guestWaits(browser: Browser, token: string, name: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`/call/${token}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Waiting in the lobby' })).toBeVisible();
  return page;
}

/** The notice that says `message`, in the page's one stack of notices. */
const notice = (page: Page, message: string) =>
  page.getByRole('status', { name: 'Notices' }).locator('.ui-notice').filter({ hasText: message });

test.describe('lobby admission and permissions', () => {
  test.describe.configure({ timeout: 60_000 });

  test('a moderator lets a waiting guest in, chooses what a member may do, and sets the defaults', async ({
    page,
    browser,
    request,
    seedAs,
    talkApi,
  }) => {
    const alice = seedAs('alice');
    const conversation = await alice.createConversation({ name: uniqueName('Admission'), kind: 'public' });
    await alice.addParticipant(conversation.token, 'carol');
    await turnLobbyOn(request, talkApi, conversation.token);
    const guestName = uniqueName('Walter');
    const guest = await guestWaits(browser, conversation.token, guestName);

    const roster = await openRoster(page, 'alice', conversation);
    await expect(roster.row(guestName).getByText('In the lobby', { exact: true })).toBeVisible();

    if (talkApi === 'v1') {
      // A v1 server has no permissions: nothing about them is offered, and nothing is broken.
      await roster.actionsFor(guestName).click();
      const menu = page.getByRole('menu', { name: `Actions for ${guestName}` });
      await expect(menu.getByRole('menuitem', { name: 'Remove from conversation' })).toBeVisible();
      await expect(menu.getByRole('menuitem', { name: 'Let in' })).toHaveCount(0);
      await expect(menu.getByRole('menuitem', { name: 'Permissions' })).toHaveCount(0);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('button', { name: 'Default permissions' })).toHaveCount(0);
      await guest.context().close();
      return;
    }

    // Let in: the guest's page leaves the waiting screen by itself.
    await chooseAction(page, guestName, 'Let in');
    await expect(notice(page, `${guestName} was let in.`)).toBeVisible();
    await expect(guest.getByText(`You joined as ${guestName}`, { exact: true })).toBeVisible(NOTICED_WITHIN);
    await expect(guest.getByRole('heading', { name: 'Waiting in the lobby' })).toHaveCount(0);
    await expect(roster.row(guestName).getByText('In the lobby', { exact: true })).toHaveCount(0);
    await guest.context().close();

    // One member's permissions: no more messages, then undone.
    const carolsBox = async (label: string) => {
      await expect(roster.row('Carol')).not.toHaveAttribute('aria-busy', 'true');
      await chooseAction(page, 'Carol', 'Permissions');
      return page.getByRole('dialog', { name: 'Permissions for Carol' }).getByRole('checkbox', { name: label });
    };
    const sendMessages = await carolsBox('Send messages');
    await expect(sendMessages).toBeChecked();
    await sendMessages.uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(notice(page, 'Carol’s permissions were changed.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Actions for Carol' })).toBeFocused();
    await expect(await carolsBox('Send messages')).not.toBeChecked();
    await page.getByRole('button', { name: 'Cancel' }).click();

    await notice(page, 'Carol’s permissions were changed.').getByRole('button', { name: 'Undo' }).click();
    await expect(notice(page, 'Carol’s permissions are as they were.')).toBeVisible();
    await expect(await carolsBox('Send messages')).toBeChecked();
    await page.getByRole('button', { name: 'Cancel' }).click();

    // The conversation's defaults.
    await page.getByRole('button', { name: 'Default permissions' }).click();
    const defaults = page.getByRole('dialog', { name: 'Default permissions' });
    await defaults.getByRole('checkbox', { name: 'Publish video' }).uncheck();
    await defaults.getByRole('button', { name: 'Save' }).click();
    await expect(notice(page, 'The default permissions were changed.')).toBeVisible();
    await page.getByRole('button', { name: 'Default permissions' }).click();
    await expect(defaults.getByRole('checkbox', { name: 'Publish video' })).not.toBeChecked();
    await expect(defaults.getByRole('checkbox', { name: 'Publish audio' })).toBeChecked();
    await defaults.getByRole('button', { name: 'Cancel' }).click();
    // Carol follows the defaults: her dialog shows them too.
    await expect(await carolsBox('Publish video')).not.toBeChecked();
  });
});
