import { expect, test } from '@playwright/test';
import { uniqueName } from './fixtures';

// A German browser: the whole journey must come out in German without anyone choosing anything.
test.use({ locale: 'de-DE' });

test.describe('in German', () => {
  test('a German browser gets German pages, the chooser switches to English and back, and the webinar roster reads in German', async ({
    page,
  }) => {
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

    // The seeded webinar of 10,000, read only (it is shared by every spec of a project): count, roles, filters
    // and menu in German.
    await page.getByRole('link', { name: 'All-hands webinar', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'All-hands webinar', level: 1 })).toBeVisible();
    // German digit grouping: a dot, not a comma.
    await expect(page.getByText('10.000 Teilnehmende', { exact: true })).toBeVisible({ timeout: 15_000 });
    const list = page.getByRole('list', { name: 'Teilnehmende' });
    const row = (name: string) => list.getByRole('listitem').filter({ has: page.getByText(name, { exact: true }) });
    await expect(row('Alice').getByText('Eigentümer', { exact: true })).toBeVisible();
    await expect(row('Alice').getByText('Du', { exact: true })).toBeVisible();

    const filters = page.getByRole('group', { name: 'Teilnehmende filtern' });
    for (const name of ['Moderatoren', 'Mitglieder', 'Gäste', 'Online', 'Im Anruf']) {
      await expect(filters.getByRole('checkbox', { name, exact: true })).toBeVisible();
    }
    await page.getByRole('searchbox', { name: 'Teilnehmende durchsuchen' }).fill('bob');
    await expect(page.getByText('1 von 10.000 Teilnehmende', { exact: true })).toBeVisible();
    await expect(row('Bob').getByText('Moderator', { exact: true })).toBeVisible();

    // Opening the menu changes nothing; Escape closes it unchosen.
    await page.getByRole('button', { name: 'Aktionen für Bob', exact: true }).click();
    const menu = page.getByRole('menu', { name: 'Aktionen für Bob' });
    await expect(menu.getByRole('menuitem', { name: 'Moderatorrechte entziehen' })).toBeVisible();
    await expect(menu.getByRole('menuitem', { name: 'Aus der Unterhaltung entfernen' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();

    await expect(page.getByRole('button', { name: 'CSV exportieren' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Teilnehmende hinzufügen' })).toBeVisible();
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
