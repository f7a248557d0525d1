import { expect, rosterOf, signIn, test, uniqueName } from './fixtures';

// Pages with structure: every page is announced by its heading, an unknown conversation is a page of its own,
// and what a conversation offers fits its kind. Read only, except for the conversation the second test creates.

test.describe('pages with structure', () => {
  test('the focus moves to the heading of each page navigated to: signed in, a conversation opened, and back', async ({
    page,
  }) => {
    await page.goto('/login');
    await page.getByLabel('Account').fill('alice');
    await page.getByLabel('Password').fill('demo');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Conversations', level: 1 })).toBeFocused();

    await page.getByRole('link', { name: 'Design team', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Design team', level: 1 })).toBeFocused();

    await page.goBack();
    await expect(page.getByRole('heading', { name: 'Conversations', level: 1 })).toBeFocused();

    await page.goForward();
    await expect(page.getByRole('heading', { name: 'Design team', level: 1 })).toBeFocused();
    // Tab goes on from the heading into the page, not back to the top of the document.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('heading', { name: 'Design team', level: 1 })).not.toBeFocused();
    await expect(page.locator('main').locator(':focus')).toHaveCount(1);
  });

  test('a new conversation takes the focus to its heading once it opens', async ({ page }) => {
    const name = uniqueName('Planning');
    await signIn(page, 'alice');

    await page.getByRole('button', { name: 'New conversation' }).click();
    const dialog = page.getByRole('dialog', { name: 'New conversation' });
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByRole('button', { name: 'Create' }).click();

    await expect(page.getByRole('heading', { name, level: 1 })).toBeFocused();
  });

  test('an unknown conversation has a page of its own that leads back to the conversations', async ({ page }) => {
    await signIn(page, 'alice', '/rooms/nosuchroom');

    await expect(page.getByRole('heading', { name: 'Conversation not found', level: 1 })).toBeVisible();
    await expect(page.getByText('This conversation does not exist, or you are not one of its participants.')).toBeVisible();
    await expect(page).toHaveTitle('Conversation not found · rollcall');
    await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0);

    await page.getByRole('link', { name: 'Conversations', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Conversations', level: 1 })).toBeFocused();
  });

  test('a one-to-one conversation offers no lobby, and the viewer is online in their own roster', async ({ page }) => {
    await signIn(page, 'alice', '/rooms/alicebob');

    const roster = rosterOf(page);
    await expect(roster.row('Alice').getByText('You', { exact: true })).toBeVisible();
    // The conversation's controls are drawn together: "Leave conversation" there means the lobby would be too.
    await expect(page.getByRole('button', { name: 'Leave conversation' })).toBeVisible();
    await expect(page.getByRole('switch', { name: 'Lobby' })).toHaveCount(0);
    await expect(page.getByLabel('Lobby start time')).toHaveCount(0);
    // Alice has no session in the conversation (she is reading its roster, not in its chat), yet she is here.
    await expect(roster.row('Alice').getByText('Online', { exact: true })).toBeVisible();

    // A group conversation does offer it.
    await page.getByRole('link', { name: 'rollcall', exact: true }).click();
    await page.getByRole('link', { name: 'Design team', exact: true }).click();
    await expect(page.getByRole('switch', { name: 'Lobby' })).toBeVisible();
  });
});
