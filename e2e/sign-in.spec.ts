import { expect, test } from '@playwright/test';

test.describe('signing in', () => {
  test('a moderator signs in and finds their conversations', async ({ page }) => {
    await page.goto('/');

    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

    await page.getByLabel('Account').fill('alice');
    await page.getByLabel('Password').fill('demo');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    await expect(page.getByRole('heading', { name: 'Conversations' })).toBeVisible();
    await expect(page).toHaveURL(/\/$/);
    for (const name of ['Design team', 'Open office hours', 'All-hands webinar']) {
      await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
    }

    await page.getByRole('searchbox', { name: 'Search conversations' }).fill('webinar');

    await expect(page.getByRole('link', { name: 'All-hands webinar', exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Design team', exact: true })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Open office hours', exact: true })).toHaveCount(0);
  });

  test('a wrong password is explained, the focus is back in the password field and the account stays typed', async ({ page }) => {
    await page.goto('/login');

    await page.getByLabel('Account').fill('alice');
    await page.getByLabel('Password').fill('not-the-password');
    const refusal = page.waitForResponse((response) => response.status() === 401);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    // A Basic challenge would make a browser show its own login box over the page; the app's requests say they
    // come from a script, so the server challenges with DummyBasic, which browsers ignore.
    expect((await refusal).headers()['www-authenticate']).toMatch(/^DummyBasic /);
    await expect(page.getByRole('alert')).toHaveText('Wrong account or password.');
    const password = page.getByLabel('Password');
    await expect(password).toBeFocused();
    await expect(password).toHaveAccessibleDescription('Wrong account or password.');
    await expect(page.getByLabel('Account')).toHaveValue('alice');
    await expect(page).toHaveURL(/\/login$/);

    // Typing replaces the wrong password: the next try is one word and Enter away.
    await page.keyboard.type('demo');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Conversations' })).toBeVisible();
  });
});
