import { expect, openRoster, test, uniqueName } from './fixtures';

/**
 * A roster of under 1,000 people is polled every 10 s (src/features/roster/refetch-policy.ts). The page's clock is
 * installed before it loads and moved on by one interval instead of waiting it out: the poll runs at once, and a
 * roster that did not poll would still never show the change.
 */
const SMALL_ROSTER_POLL_MS = 10_000;
/** What follows the poll: a request and a render, on a loaded machine. */
const AFTER_THE_POLL = { timeout: 10_000 };

test.describe('a roster stays current without a reload', () => {
  test('Bob adds people to his conversation while Alice has its roster open, and she sees them come in', async ({ page, seedAs }) => {
    const conversation = await seedAs('bob').createConversation({ name: uniqueName('Live roster') });
    await seedAs('bob').addParticipant(conversation.token, 'alice');
    await page.clock.install();
    const roster = await openRoster(page, 'alice', conversation);
    await expect(page.getByText('2 participants', { exact: true })).toBeVisible();
    await expect(roster.row('Carol')).toBeHidden();

    await seedAs('bob').addParticipant(conversation.token, 'carol');

    await page.clock.fastForward(SMALL_ROSTER_POLL_MS);
    await expect(roster.row('Carol')).toBeVisible(AFTER_THE_POLL);
    await expect(page.getByText('3 participants', { exact: true })).toBeVisible();

    await seedAs('bob').addParticipant(conversation.token, 'dave');

    await page.clock.fastForward(SMALL_ROSTER_POLL_MS);
    await expect(roster.row('Dave')).toBeVisible(AFTER_THE_POLL);
    await expect(page.getByText('4 participants', { exact: true })).toBeVisible();
  });
});
