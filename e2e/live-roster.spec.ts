import { expect, openRoster, test, uniqueName } from './fixtures';

/** A change made elsewhere shows in a roster of under 1,000 people within this (src/features/roster/refetch-policy.ts). */
const SHOWN_WITHIN = { timeout: 15_000 };

test.describe('a roster stays current without a reload', () => {
  test('Bob adds people to his conversation while Alice has its roster open, and she sees them come in', async ({ page, seedAs }) => {
    const conversation = await seedAs('bob').createConversation({ name: uniqueName('Live roster') });
    await seedAs('bob').addParticipant(conversation.token, 'alice');
    const roster = await openRoster(page, 'alice', conversation);
    await expect(page.getByText('2 participants', { exact: true })).toBeVisible();
    await expect(roster.row('Carol')).toBeHidden();

    await seedAs('bob').addParticipant(conversation.token, 'carol');

    await expect(roster.row('Carol')).toBeVisible(SHOWN_WITHIN);
    await expect(page.getByText('3 participants', { exact: true })).toBeVisible();

    await seedAs('bob').addParticipant(conversation.token, 'dave');

    await expect(roster.row('Dave')).toBeVisible(SHOWN_WITHIN);
    await expect(page.getByText('4 participants', { exact: true })).toBeVisible();
  });
});
