import type { Request } from '@playwright/test';
import { expect, openRoster, test, uniqueName } from './fixtures';

const isParticipantsList = (request: Request) => request.method() === 'GET' && /\/room\/[^/]+\/participants\?/.test(request.url());

test('Alice reloads her conversation: one participants request, asked for before the page has even been parsed, fills the roster', async ({
  page,
  seedAs,
}) => {
  const conversation = await seedAs('alice').createConversation({ name: uniqueName('Early roster') });
  await seedAs('alice').addParticipant(conversation.token, 'bob');
  const roster = await openRoster(page, 'alice', conversation);
  await expect(roster.row('Bob')).toBeVisible();

  const asked: Request[] = [];
  page.on('request', (request) => {
    if (isParticipantsList(request)) asked.push(request);
  });
  await page.reload();

  await expect(roster.row('Bob')).toBeVisible();
  await expect(page.getByText('2 participants', { exact: true })).toBeVisible();
  expect(asked.map((request) => new URL(request.url()).pathname)).toEqual([
    expect.stringMatching(new RegExp(`/room/${conversation.token}/participants$`)),
  ]);
  // Ordering, not timing: the page's first script asked, not the app (whose scripts run after parsing).
  const order = await page.evaluate(() => {
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const list = performance.getEntriesByType('resource').find((entry) => entry.name.includes('/participants?'));
    return { asked: list?.startTime ?? null, parsed: navigation.domInteractive };
  });
  expect(order.asked).not.toBeNull();
  expect(order.asked!).toBeLessThan(order.parsed);
});
