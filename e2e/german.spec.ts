import { expect, test } from '@playwright/test';
import { uniqueName } from './fixtures';

// A German browser: the whole journey must come out in German without anyone choosing anything.
test.use({ locale: 'de-DE' });

test.describe('in German', () => {
  test('a German browser gets German pages, and the chooser switches to English and back', async ({ page }) => {
    await page.goto('/');

    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page).toHaveTitle('Anmelden · rollcall');

    await page.getByLabel('Konto').fill('alice');
    await page.getByLabel('Passwort').fill('demo');
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();

    await expect(page.getByRole('heading', { name: 'Unterhaltungen' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible();
    await page.getByRole('searchbox', { name: 'Unterhaltungen durchsuchen' }).fill('team');
    await expect(page.getByRole('status').filter({ hasText: 'passen' })).toHaveText(/^1 von \d+ Unterhaltungen passen\.$/);

    await page.getByRole('link', { name: 'Design team', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Unterhaltung verlassen' })).toBeVisible();
    await expect(page.getByRole('switch', { name: 'Lobby' })).toBeVisible();

    await page.getByRole('combobox', { name: 'Sprache' }).selectOption({ label: 'English' });

    await expect(page.getByRole('button', { name: 'Leave conversation' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    // The choice outlives the page, over the browser's language.
    await page.reload();
    await expect(page.getByRole('button', { name: 'Leave conversation' })).toBeVisible();

    await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Deutsch' });
    await page.getByRole('link', { name: 'rollcall' }).click();
    await expect(page.getByRole('heading', { name: 'Unterhaltungen' })).toBeVisible();
  });

  test('a guest joins a public conversation in German', async ({ page }) => {
    await page.goto('/call/officehours');

    await expect(page.getByRole('heading', { level: 1, name: 'Einer Unterhaltung beitreten' })).toBeVisible();
    await page.getByRole('button', { name: 'Beitreten', exact: true }).click();
    await expect(page.getByText('Gib deinen Namen ein.')).toBeVisible();

    const name = uniqueName('Anna');
    await page.getByLabel('Dein Name').fill(name);
    await page.getByRole('button', { name: 'Beitreten', exact: true }).click();

    await expect(page.getByText(`Du bist als ${name} beigetreten`, { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Verlassen', exact: true }).click();
    await expect(page.getByText('Du hast die Unterhaltung verlassen.')).toBeVisible();
  });

  test('a wrong password is refused in German', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Konto').fill('alice');
    await page.getByLabel('Passwort').fill('not-the-password');
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText('Falsches Konto oder Passwort.');
  });
});
