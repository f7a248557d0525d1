import { expect, rosterOf, signIn, test } from './fixtures';

// Read only: the seeded webinar is shared by every spec of a project and is left as the seed made it.
test.describe('a webinar of 10,000', () => {
  test('opens, its roster filters as one types, and the keyboard reaches every row', async ({ page }) => {
    await signIn(page, 'alice');
    await page.getByRole('searchbox', { name: 'Search conversations' }).fill('all-hands');
    await page.getByRole('link', { name: 'All-hands webinar', exact: true }).click();

    await expect(page.getByRole('heading', { name: 'All-hands webinar', level: 1 })).toBeVisible();
    await expect(page.getByText('10,000 participants', { exact: true })).toBeVisible({ timeout: 15_000 });
    const roster = rosterOf(page);
    const rows = roster.list.getByRole('listitem');
    await expect(rows.first()).toBeVisible();
    // The signed-in owner is online and in the call, so among the first.
    await expect(roster.row('Alice').getByText('Owner', { exact: true })).toBeVisible();
    // Refetches of a list this long are decoded and compared in a worker, off the page's main thread.
    await expect.poll(() => page.workers().some((worker) => worker.url().includes('participants.worker'))).toBe(true);

    // One person among ten thousand.
    await roster.search.fill('alice');
    await expect(page.getByText('1 of 10,000 participants', { exact: true })).toBeVisible();
    await expect(rows).toHaveCount(1);
    await expect(roster.row('Alice')).toBeVisible();

    // A common first name: many matches, and only matches.
    await roster.search.fill('yara');
    await expect(page.getByText(/^[\d,]+ of 10,000 participants$/)).toBeVisible();
    await expect(rows.first()).toContainText(/yara/i);
    await expect(rows.filter({ hasNotText: /yara/i })).toHaveCount(0);
    await expect.poll(() => rows.count()).toBeGreaterThan(1);

    // Another case, and an accent left out: "chloe" finds every Chloé.
    await roster.search.fill('CHLOE');
    await expect(rows.first()).toContainText('Chloé');
    await expect(rows.filter({ hasNotText: 'Chloé' })).toHaveCount(0);

    await roster.search.fill('nobody by this name');
    await expect(page.getByText('No participant matches “nobody by this name”.')).toBeVisible();
    await expect(rows).toHaveCount(0);

    await roster.search.clear();
    await expect(page.getByText('10,000 participants', { exact: true })).toBeVisible();
    await expect(roster.row('Alice')).toBeVisible();

    // From the search box into the list, and with one key to the last of ten thousand rows and back.
    await roster.search.focus();
    await page.keyboard.press('Tab');
    const focused = roster.list.getByRole('listitem').and(page.locator(':focus'));
    await expect(focused).toHaveAttribute('aria-posinset', '1');
    await expect(focused).toHaveAttribute('aria-setsize', '10000');

    await page.keyboard.press('End');
    await expect(focused).toHaveAttribute('aria-posinset', '10000');
    await expect(focused).toBeInViewport();
    await page.keyboard.press('ArrowUp');
    await expect(focused).toHaveAttribute('aria-posinset', '9999');
    await page.keyboard.press('Home');
    await expect(focused).toHaveAttribute('aria-posinset', '1');
    await expect(focused).toBeInViewport();
  });
});
