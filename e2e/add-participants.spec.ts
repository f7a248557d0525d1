import type { Locator } from '@playwright/test';
import { expect, openRoster, test, uniqueName } from './fixtures';

/** The element is what a person sees at its own centre: nothing clips or covers it there. */
function isUncovered(element: Locator): Promise<boolean> {
  return element.evaluate((node) => {
    const box = node.getBoundingClientRect();
    const seen = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return seen !== null && node.contains(seen);
  });
}

test.describe('the "Add participants" dialog', () => {
  test('opens in the search, keeps fast typing, shows every suggestion with a count', async ({ page, seedAs }) => {
    const conversation = await seedAs('alice').createConversation({ name: uniqueName('Crowd') });
    await openRoster(page, 'alice', conversation);

    await page.getByRole('button', { name: 'Add participants' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add participants' });
    const search = dialog.getByRole('combobox', { name: 'Search users, groups or emails' });
    await expect(search).toBeFocused();

    // Typed as fast as the keyboard sends: no key may be lost.
    await search.pressSequentially('carol dave');
    await expect(search).toHaveValue('carol dave');

    // The demo's webinar accounts give Talk's most, twenty, for one letter: all of them can be reached.
    await search.fill('a');
    const list = page.getByRole('listbox');
    await expect(list.getByRole('option')).toHaveCount(20);
    await expect(dialog.getByText('20 suggestions; type more to narrow them')).toBeVisible();
    // Several rows in sight at once, not cut off by the dialog: what is at the fourth option's place is that option.
    const fourth = list.getByRole('option').nth(3);
    await expect.poll(() => isUncovered(fourth)).toBe(true);
    const last = list.getByRole('option').last();
    await last.scrollIntoViewIfNeeded();
    await expect.poll(() => isUncovered(last)).toBe(true);
  });

  test('says who is already a participant, and "now public" only when it became public', async ({ page, seedAs }) => {
    const alice = seedAs('alice');
    const conversation = await alice.createConversation({ name: uniqueName('Reunion') });
    await alice.addParticipant(conversation.token, 'carol');
    await openRoster(page, 'alice', conversation);
    await expect(page.getByText('2 participants', { exact: true })).toBeVisible();

    await page.getByRole('button', { name: 'Add participants' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add participants' });
    const search = dialog.getByRole('combobox', { name: 'Search users, groups or emails' });
    const results = dialog.getByRole('status').filter({ hasText: /Added|already/ });
    // A typed address is offered at once, and offered again once the server's search for it answers: a click
    // between the two was lost once on a loaded machine, so the address is chosen from the settled list, as a
    // person would once it stopped changing.
    const typeAndChoose = async (address: string) => {
      const answered = page.waitForResponse(
        (response) => response.url().includes('/autocomplete/') && new URL(response.url()).searchParams.get('search') === address,
      );
      await search.fill(address);
      await answered;
      await expect(page.getByRole('listbox')).not.toHaveAttribute('aria-busy', 'true');
      await page.getByRole('option', { name: new RegExp(address) }).click();
    };

    await search.fill('carol');
    const carol = page.getByRole('option', { name: /Carol/ });
    await expect(carol).toContainText('Already a participant');
    await carol.click();
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(results).toHaveText('Carol is already a participant.');

    const first = `${uniqueName('sam').replace(' ', '.')}@example.org`;
    await typeAndChoose(first);
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(results).toHaveText(`Added ${first}. The conversation is now public, so that they can join by its link.`);

    // Public already: the second invitation says nothing of it, whatever type the server answers with.
    const second = `${uniqueName('kim').replace(' ', '.')}@example.org`;
    await typeAndChoose(second);
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(results).toHaveText(`Added ${second}.`);
  });
});
