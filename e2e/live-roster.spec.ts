import { AFTER_THE_POLL, POLL_MS, expect, openRoster, test, uniqueName } from './fixtures';

/** A roster of under 1,000 people shows a change made elsewhere at its next poll (POLL_MS). */

test.describe('a roster stays current without a reload', () => {
  test('Bob adds people to his conversation while Alice has its roster open, and she sees them come in', async ({ page, seedAs }) => {
    const conversation = await seedAs('bob').createConversation({ name: uniqueName('Live roster') });
    await seedAs('bob').addParticipant(conversation.token, 'alice');
    await page.clock.install();
    const roster = await openRoster(page, 'alice', conversation);
    await expect(page.getByText('2 participants', { exact: true })).toBeVisible();
    await expect(roster.row('Carol')).toBeHidden();

    await seedAs('bob').addParticipant(conversation.token, 'carol');

    await page.clock.fastForward(POLL_MS.smallRoster);
    await expect(roster.row('Carol')).toBeVisible(AFTER_THE_POLL);
    await expect(page.getByText('3 participants', { exact: true })).toBeVisible();

    await seedAs('bob').addParticipant(conversation.token, 'dave');

    await page.clock.fastForward(POLL_MS.smallRoster);
    await expect(roster.row('Dave')).toBeVisible(AFTER_THE_POLL);
    await expect(page.getByText('4 participants', { exact: true })).toBeVisible();
  });
});
