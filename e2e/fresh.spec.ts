import { request, type APIRequestContext } from '@playwright/test';
import {
  AFTER_THE_POLL,
  DEMO_PASSWORD,
  POLL_MS,
  expect,
  openRoster,
  rosterOf,
  signIn,
  test,
  uniqueName,
  type TalkApi,
} from './fixtures';

/** What someone else changes reaches an open page without a reload, at the page's next poll (POLL_MS). */

const TALK = '/ocs/v2.php/apps/spreed/api';

/** Bob at his own browser, doing through the API what fixtures.ts's seeder does not: the lobby and roles. */
async function bobAt(baseURL: string | undefined, talkApi: TalkApi, token: string) {
  const api: APIRequestContext = await request.newContext({
    baseURL,
    extraHTTPHeaders: {
      'OCS-APIRequest': 'true',
      Accept: 'application/json',
      Authorization: `Basic ${Buffer.from(`bob:${DEMO_PASSWORD}`).toString('base64')}`,
    },
  });
  const room = `${TALK}/${talkApi}/room/${token}`;
  const ok = async (response: Awaited<ReturnType<APIRequestContext['get']>>, what: string) => {
    if (!response.ok()) throw new Error(`${what}: HTTP ${response.status()} ${await response.text()}`);
    return ((await response.json()) as { ocs: { data: unknown } }).ocs.data;
  };
  /** How the moderators route names a user: by attendee id in v4, by user id in v1. */
  const moderatorTarget = async (userId: string): Promise<Record<string, string | number>> => {
    if (talkApi === 'v1') return { participant: userId };
    const participants = (await ok(await api.get(`${room}/participants`), 'list participants')) as {
      actorId: string;
      attendeeId: number;
    }[];
    const attendee = participants.find((participant) => participant.actorId === userId);
    if (!attendee) throw new Error(`${userId} is not in ${token}`);
    return { attendeeId: attendee.attendeeId };
  };
  return {
    dispose: () => api.dispose(),
    async promote(userId: string) {
      await ok(await api.post(`${room}/moderators`, { data: await moderatorTarget(userId) }), `promote ${userId}`);
    },
    async demote(userId: string) {
      await ok(await api.delete(`${room}/moderators`, { params: await moderatorTarget(userId) }), `demote ${userId}`);
    },
    async turnLobbyOn() {
      await ok(await api.put(`${room}/webinar/lobby`, { data: { state: 1 } }), 'lobby on');
    },
  };
}

test.describe('current without reloads', () => {
  test('Alice’s open page stops offering moderation once Bob turns the lobby on and demotes her', async ({
    page,
    seedAs,
    talkApi,
    baseURL,
  }) => {
    const conversation = await seedAs('bob').createConversation({ name: uniqueName('Planning') });
    await seedAs('bob').addParticipant(conversation.token, 'alice');
    const bob = await bobAt(baseURL, talkApi, conversation.token);
    await bob.promote('alice');

    await page.clock.install();
    await openRoster(page, 'alice', conversation);
    const lobby = page.getByRole('switch', { name: 'Lobby' });
    await expect(lobby).toBeEnabled();
    await expect(lobby).not.toBeChecked();
    await expect(page.getByRole('button', { name: 'Add participants' })).toBeVisible();

    await bob.turnLobbyOn();
    await bob.demote('alice');
    await bob.dispose();

    await page.clock.fastForward(POLL_MS.conversation);
    await expect(lobby).toBeDisabled(AFTER_THE_POLL);
    await expect(lobby).toBeChecked();
    await expect(page.getByText('Only moderators can change the lobby.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Add participants' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Actions for / })).toHaveCount(0);
  });

  test('a conversation Alice is added to appears in her list', async ({ page, seedAs }) => {
    await page.clock.install();
    await signIn(page, 'alice');
    const name = uniqueName('Added while looking');
    await expect(page.getByRole('link', { name, exact: true })).toHaveCount(0);

    const conversation = await seedAs('bob').createConversation({ name });
    await seedAs('bob').addParticipant(conversation.token, 'alice');

    await page.clock.fastForward(POLL_MS.conversationList);
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible(AFTER_THE_POLL);
  });

  test('while the server cannot be reached the page says its data may be out of date', async ({ page, seedAs }) => {
    const alice = seedAs('alice');
    const conversation = await alice.createConversation({ name: uniqueName('Outage') });
    await alice.addParticipant(conversation.token, 'bob');
    await page.clock.install();
    const roster = await openRoster(page, 'alice', conversation);
    const presence = roster.row('Bob').getByText(/^(Online|Offline)$/);
    await expect(presence).toBeVisible();
    const outOfDate = page.getByRole('status').filter({ hasText: 'Can’t reach the server. What you see may be out of date.' });
    await expect(outOfDate).toHaveCount(0);

    // The server goes away: every API request fails as a lost connection does.
    await page.route('**/ocs/**', (route) => route.abort('internetdisconnected'));

    await page.clock.fastForward(POLL_MS.conversation);
    await expect(outOfDate).toBeVisible(AFTER_THE_POLL);
    // What is known stays on screen, but no row claims to know who is online.
    await expect(roster.row('Bob')).toBeVisible();
    await expect(presence).toBeHidden();

    await page.unroute('**/ocs/**');

    // The next poll (or a retry of the failed one, which comes sooner) finds the server back.
    await page.clock.fastForward(POLL_MS.conversation);
    await expect(outOfDate).toHaveCount(0, AFTER_THE_POLL);
    await expect(presence).toBeVisible();
    await expect(rosterOf(page).list).toBeVisible();
  });
});
