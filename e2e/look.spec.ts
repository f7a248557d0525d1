/**
 * The look, in the light and the dark scheme: every page and the main dialogs pass axe (WCAG 2 A and AA, colour
 * contrast included), and the primary colour is the server's (its theming capability; rollcall's own where the
 * server has none, as the v1 seed server).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DEMO_PASSWORD, chooseAction, expect, openRoster, signIn, test, uniqueName, type TalkApi } from './fixtures';

const CAPABILITIES = '/ocs/v2.php/cloud/capabilities';
/** rollcall's own primary colour (src/app/app.css), for servers without a theme. */
const ROLLCALL_PRIMARY = 'rgb(11, 92, 173)';

/** The primary colour the page should show, as computed styles give it: the server's, or rollcall's own. */
async function expectedPrimary(page: Page): Promise<string> {
  const response = await page.request.get(CAPABILITIES, { headers: { 'OCS-APIRequest': 'true', Accept: 'application/json' } });
  const body = (await response.json()) as { ocs: { data: { capabilities: { theming?: { color?: string } } } } };
  const hex = body.ocs.data.capabilities.theming?.color;
  if (!hex) return ROLLCALL_PRIMARY;
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

/** The server's theme is applied after its capabilities arrive: axe must judge the page as it ends up. */
async function waitForTheLook(page: Page, talkApi: TalkApi) {
  await expect
    .poll(() => page.evaluate(() => document.documentElement.style.getPropertyValue('--color-primary')))
    .toBe(talkApi === 'v4' ? '#00679e' : '');
}

/** No WCAG 2 A/AA violation on what is on screen now; the failures listed by rule and element when there are. */
async function expectAccessible(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    // Ariakit's focus guards around the portalled menu (aria-hidden spans that hand the focus on the moment they
    // get it, so Tab from the menu continues after its button): axe cannot tell them from a hidden control.
    .exclude('[data-focus-trap]')
    .analyze();
  const found = violations.map((violation) => ({
    rule: violation.id,
    elements: violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
  }));
  expect(found, `axe on ${what}`).toEqual([]);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`in the ${colorScheme} scheme`, () => {
    test.use({ colorScheme });

    test('the primary button is drawn in the server colour, and the page follows the scheme', async ({ page, talkApi }) => {
      await page.goto('/login');
      await waitForTheLook(page, talkApi);
      const signInButton = page.getByRole('button', { name: 'Sign in', exact: true });
      await expect(signInButton).toHaveCSS('background-color', await expectedPrimary(page));
      // The scheme reaches the page: a dark background in dark, a light one in light.
      const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      const [r = 0, g = 0, b = 0] = background.match(/\d+/g)!.map(Number);
      expect((r + g + b) / 3 < 128).toBe(colorScheme === 'dark');

      await signIn(page, 'alice');
      await expect(page.getByRole('button', { name: 'New conversation' })).toHaveCSS(
        'background-color',
        await expectedPrimary(page),
      );
    });

    test('the sign-in page, the conversations and a page that does not exist pass axe', async ({ page, talkApi }) => {
      await page.goto('/login');
      await waitForTheLook(page, talkApi);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      // The refusal of an empty form is part of the page too. The page with it holds everything the page without
      // it does, so one run judges both.
      await expectAccessible(page, 'the sign-in page with its refusal');

      await signIn(page, 'alice');
      await expectAccessible(page, 'the conversations');

      await page.getByRole('button', { name: 'New conversation' }).click();
      await expect(page.getByRole('dialog', { name: 'New conversation' })).toBeVisible();
      await expectAccessible(page, 'the "New conversation" dialog');
      await page.keyboard.press('Escape');

      await page.goto('/nowhere');
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
      await expectAccessible(page, 'the page for an unknown address');
    });

    test('the roster, its menu and its dialogs pass axe', async ({ page, seedAs, talkApi }) => {
      // Eight axe runs over a full page: on a busy machine they take most of the usual minute.
      test.slow();
      const alice = seedAs('alice');
      const conversation = await alice.createConversation({ name: uniqueName('Look'), kind: 'public' });
      await alice.addParticipant(conversation.token, 'bob');
      await openRoster(page, 'alice', conversation);
      await waitForTheLook(page, talkApi);
      // The roster itself is judged at the end, with a notice over it: that state holds all of this one.

      await page.getByRole('button', { name: 'Actions for Bob', exact: true }).click();
      await expect(page.getByRole('menu', { name: 'Actions for Bob' })).toBeVisible();
      await expectAccessible(page, 'the row menu');
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'Add participants' }).click();
      const add = page.getByRole('dialog', { name: 'Add participants' });
      await add.getByRole('combobox', { name: 'Search users, groups or emails' }).fill('car');
      await expect(page.getByRole('listbox').getByRole('option', { name: /Carol/ })).toBeVisible();
      await expectAccessible(page, 'the "Add participants" dialog with suggestions');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await expect(add).toBeHidden();

      await chooseAction(page, 'Bob', 'Remove from conversation');
      await expect(page.getByRole('alertdialog', { name: 'Remove Bob?' })).toBeVisible();
      await expectAccessible(page, 'the "Remove Bob?" confirmation');
      await page.getByRole('button', { name: 'Cancel' }).click();

      if (talkApi === 'v4') {
        await chooseAction(page, 'Bob', 'Permissions');
        await expect(page.getByRole('dialog', { name: 'Permissions for Bob' })).toBeVisible();
        await expectAccessible(page, 'the "Permissions for Bob" dialog');
        await page.keyboard.press('Escape');

        await chooseAction(page, 'Bob', 'Ban from conversation');
        await expect(page.getByRole('alertdialog', { name: 'Ban Bob?' })).toBeVisible();
        await expectAccessible(page, 'the "Ban Bob?" confirmation');
        await page.keyboard.press('Escape');
      }

      await page.getByRole('button', { name: 'Leave conversation' }).click();
      await expect(page.getByRole('alertdialog')).toBeVisible();
      await expectAccessible(page, 'the leave confirmation');
      await page.keyboard.press('Escape');

      // A notice after an action, with its "Undo".
      await chooseAction(page, 'Bob', 'Promote to moderator');
      await expect(page.getByRole('status').filter({ hasText: 'Bob is now a moderator.' })).toBeVisible();
      await expectAccessible(page, 'the roster with a notice');
    });

    test("a guest's join page passes axe, before and after joining", async ({ page, seedAs, talkApi }) => {
      const conversation = await seedAs('alice').createConversation({ name: uniqueName('Look, guests'), kind: 'public' });
      await page.goto(`/call/${conversation.token}`);
      // Talk names the conversation only to its participants: the page has its own heading until the guest joins.
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByLabel('Your name')).toBeVisible();
      await waitForTheLook(page, talkApi);
      await expectAccessible(page, 'the join page');

      await page.getByLabel('Your name').fill('Guest of the look');
      await page.getByRole('button', { name: 'Join' }).click();
      await expect(page.getByText('You joined as Guest of the look')).toBeVisible();
      await expectAccessible(page, 'the join page once joined');
    });

    test('the lobby waiting screen passes axe', async ({ page, seedAs, talkApi }) => {
      const conversation = await seedAs('alice').createConversation({ name: uniqueName('Look, lobby'), kind: 'public' });
      // The lobby on, with a start time, as its moderator sets it through the API.
      const lobby = await page.request.put(`/ocs/v2.php/apps/spreed/api/${talkApi}/room/${conversation.token}/webinar/lobby`, {
        headers: {
          'OCS-APIRequest': 'true',
          Accept: 'application/json',
          Authorization: `Basic ${Buffer.from(`alice:${DEMO_PASSWORD}`).toString('base64')}`,
        },
        data: { state: 1, timer: Math.floor(Date.now() / 1000) + 2 * 3600 },
      });
      expect(lobby.status(), await lobby.text()).toBe(200);

      await page.goto(`/call/${conversation.token}`);
      await page.getByLabel('Your name').fill('Early guest');
      await page.getByRole('button', { name: 'Join' }).click();
      await expect(page.getByRole('heading', { name: 'Waiting in the lobby' })).toBeVisible();
      await waitForTheLook(page, talkApi);
      await expectAccessible(page, 'the lobby waiting screen');
    });
  });
}
