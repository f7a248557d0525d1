import { expect, test } from '@playwright/test';
import { APP_PASSWORD_PATH } from '../contract/login-flow';
import { CURRENT_USER_PATH } from '../contract/wire';

test.describe('signing in with Nextcloud (Login Flow v2)', () => {
  test('access granted in a second window signs the console in; signing out revokes the app password', async ({ page, context, request }) => {
    await page.goto('/login');

    const appPassword = page.waitForResponse(
      (response) => response.url().endsWith('/index.php/login/v2/poll') && response.status() === 200,
    );
    const popupOpened = context.waitForEvent('page');
    await page.getByRole('button', { name: 'Sign in with Nextcloud' }).click();
    const popup = await popupOpened;
    await expect(page.getByRole('status')).toHaveText('Waiting for you to grant access in the other window…');

    // The server's own page, in the other window: the password is typed there, never into rollcall.
    await expect(popup.getByRole('heading', { name: 'Grant access' })).toBeVisible();
    await popup.getByLabel('Account').fill('alice');
    await popup.getByLabel('Password').fill('not-the-password');
    await popup.getByRole('button', { name: 'Grant access' }).click();
    await expect(popup.getByRole('alert')).toHaveText('Wrong account or password.');
    await expect(popup.getByLabel('Account')).toHaveValue('alice');
    await popup.getByLabel('Password').fill('demo');
    await popup.getByRole('button', { name: 'Grant access' }).click();
    await expect(popup.getByText('Access granted. You can close this window.')).toBeVisible();

    await expect(page.getByRole('heading', { name: 'Conversations' })).toBeVisible();
    await expect(page.getByText('Signed in as')).toContainText('Alice');
    const { loginName, appPassword: password } = (await (await appPassword).json()) as { loginName: string; appPassword: string };
    const asApp = { Authorization: `Basic ${Buffer.from(`${loginName}:${password}`).toString('base64')}`, 'OCS-APIRequest': 'true', Accept: 'application/json' };
    expect((await request.get(CURRENT_USER_PATH, { headers: asApp })).status()).toBe(200);

    const revoked = page.waitForResponse((response) => response.url().endsWith(APP_PASSWORD_PATH) && response.request().method() === 'DELETE');
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect((await revoked).status()).toBe(200);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

    expect((await request.get(CURRENT_USER_PATH, { headers: asApp })).status()).toBe(401);
  });
});
