import { expect, test } from './fixtures';

// A German browser, and the seeded webinar of 10,000: read only, as it is shared by every spec of a project.
test.use({ locale: 'de-DE' });

test.describe('the roster in German', () => {
  test('a moderator reads the webinar roster in German: count, roles, filters and menu', async ({ page }) => {
    await page.goto('/login?next=%2Frooms%2Fallhands');
    await page.getByLabel('Konto').fill('alice');
    await page.getByLabel('Passwort').fill('demo');
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();

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
});
