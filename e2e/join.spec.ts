import type { APIRequestContext, Browser, BrowserContext, Page } from '@playwright/test';
import {
  DEMO_PASSWORD,
  POLL_MS,
  chooseAction,
  expect,
  openRoster,
  signIn,
  test,
  uniqueName,
  type Account,
  type SeededConversation,
  type TalkApi,
} from './fixtures';

/** Most guests arrive from a link on a phone. */
const PHONE = { width: 360, height: 740 };

/** The keep-alive pulls every 5 s and the lobby is checked every 3 s: what the page notices, it says within this. */
const NOTICED_WITHIN = { timeout: 10_000 };
/** Rosters under 1,000 people refresh every 10 s (src/features/roster/refetch-policy.ts). */
const ROSTER_REFRESH = { timeout: 15_000 };

const OFFICE_HOURS: SeededConversation = { token: 'officehours', name: 'Open office hours' };

/** A person in their own browser (own cookies, so a guest is a new guest), on a phone-sized screen. */
async function newPerson(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: PHONE });
  return { context, page: await context.newPage() };
}

/** The join page's parts (`/call/:token`), by the accessible names src/features/join/JoinPage.tsx gives them. */
function joinPage(page: Page) {
  return {
    name: page.getByLabel('Your name'),
    password: page.getByLabel('Password'),
    join: page.getByRole('button', { name: 'Join', exact: true }),
    joinedAs: (name: string) => page.getByText(`You joined as ${name}`, { exact: true }),
    lobby: page.getByRole('heading', { name: 'Waiting in the lobby' }),
  };
}

/** Talk hides a conversation's name from whoever has not joined it: the join page's own heading until then. */
const HIDDEN_NAME_HEADING = 'Join a conversation';

async function joinAsGuestInPage(page: Page, conversation: SeededConversation, name: string): Promise<void> {
  await page.goto(`/call/${conversation.token}`);
  await expect(page.getByRole('heading', { level: 1, name: HIDDEN_NAME_HEADING })).toBeVisible();
  const join = joinPage(page);
  await join.name.fill(name);
  await join.join.click();
}

/** Nothing sticks out sideways on a phone: no horizontal scrolling. */
async function expectFitsThePhone(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
}

/** Turns a conversation's lobby on through the API, as its moderator, optionally with a start time. */
async function setLobbyThroughApi(
  request: APIRequestContext,
  talkApi: TalkApi,
  account: Account,
  token: string,
  lobby: { on: boolean; opensAt?: Date },
): Promise<void> {
  const response = await request.put(`/ocs/v2.php/apps/spreed/api/${talkApi}/room/${token}/webinar/lobby`, {
    headers: {
      'OCS-APIRequest': 'true',
      Accept: 'application/json',
      Authorization: `Basic ${Buffer.from(`${account}:${DEMO_PASSWORD}`).toString('base64')}`,
    },
    data: {
      state: lobby.on ? 1 : 0,
      ...(lobby.opensAt ? { timer: Math.floor(lobby.opensAt.getTime() / 1000) } : {}),
    },
  });
  expect(response.status(), await response.text()).toBe(200);
}

test.describe('joining a conversation', () => {
  // Several people, and waits for the keep-alive and roster refreshes (seconds each, never fixed sleeps).
  test.describe.configure({ timeout: 60_000 });

  test('a guest chooses a name and joins, and the moderator sees that name in the roster', async ({ page, browser }) => {
    const guestName = uniqueName('Guest');
    const guest = await newPerson(browser);
    const join = joinPage(guest.page);

    await guest.page.goto(`/call/${OFFICE_HOURS.token}`);
    // Talk hides the name until one joins: the page has a heading (and a tab title) of its own meanwhile.
    await expect(guest.page.getByRole('heading', { level: 1, name: HIDDEN_NAME_HEADING })).toBeVisible();
    await expect(guest.page).toHaveTitle(`${HIDDEN_NAME_HEADING} · rollcall`);
    // A guest has no account: no sign-in in the way, and no password for this conversation.
    await expect(guest.page).toHaveURL(/\/call\/officehours$/);
    await expect(join.password).toHaveCount(0);
    await expect(join.name).toHaveAccessibleDescription('0 of 64 characters');
    await join.name.fill(guestName);
    await join.join.click();

    await expect(join.joinedAs(guestName)).toBeVisible();
    // In, the guest learns the name.
    await expect(guest.page.getByRole('heading', { level: 1, name: OFFICE_HOURS.name })).toBeVisible();
    await expect(guest.page).toHaveTitle(`${OFFICE_HOURS.name} · rollcall`);
    await expect(guest.page.getByRole('button', { name: 'Change name' })).toBeVisible();
    await expect(guest.page.getByRole('button', { name: 'Leave' })).toBeVisible();
    await expectFitsThePhone(guest.page);

    // bob owns the conversation; his roster refreshes by itself.
    const roster = await openRoster(page, 'bob', OFFICE_HOURS);
    await roster.search.fill(guestName);
    await expect(roster.row(guestName)).toBeVisible(ROSTER_REFRESH);
    await expect(roster.row(guestName).getByText('Guest', { exact: true })).toBeVisible();

    // The next visit starts with the name, and does not join by itself. A reload of the same tab takes its own
    // session back without asking whether to join here.
    await guest.page.reload();
    await expect(join.name).toHaveValue(guestName);
    await expect(join.joinedAs(guestName)).toHaveCount(0);
    await join.join.click();
    await expect(join.joinedAs(guestName)).toBeVisible();
    await expect(guest.page.getByRole('dialog', { name: 'Already in this conversation' })).toHaveCount(0);

    await guest.page.getByRole('button', { name: 'Leave' }).click();
    await expect(guest.page.getByText('You left the conversation.')).toBeVisible();
    await expect(join.name).toHaveValue(guestName);
    await guest.context.close();
  });

  test('a guest changes their name, and the roster shows the new one', async ({ page, browser, seedAs }) => {
    const conversation = await seedAs('alice').createConversation({ name: uniqueName('Renaming'), kind: 'public' });
    const firstName = uniqueName('Rita');
    const newName = uniqueName('Rita R.');
    const guest = await newPerson(browser);
    await joinAsGuestInPage(guest.page, conversation, firstName);
    await expect(joinPage(guest.page).joinedAs(firstName)).toBeVisible();
    // The moderator's clock is moved on to her roster's next poll rather than waited for.
    await page.clock.install();
    const roster = await openRoster(page, 'alice', conversation);
    await expect(roster.row(firstName)).toBeVisible(ROSTER_REFRESH);

    await guest.page.getByRole('button', { name: 'Change name' }).click();
    const dialog = guest.page.getByRole('dialog', { name: 'Change your name' });
    await expect(dialog.getByLabel('Your name')).toHaveValue(firstName);
    await dialog.getByLabel('Your name').fill(newName);
    await dialog.getByRole('button', { name: 'Save' }).click();

    await expect(dialog).toBeHidden();
    await expect(joinPage(guest.page).joinedAs(newName)).toBeVisible();
    await page.clock.fastForward(POLL_MS.smallRoster);
    await expect(roster.row(newName)).toBeVisible(ROSTER_REFRESH);
    await expect(roster.row(firstName)).toHaveCount(0);
    await guest.context.close();
  });

  test('a wrong password is refused in words and the name stays; the right one lets the guest in', async ({ browser }) => {
    const guestName = uniqueName('Guest');
    const guest = await newPerson(browser);
    const join = joinPage(guest.page);
    await guest.page.goto('/call/boardroom');
    await expect(guest.page.getByRole('heading', { level: 1, name: HIDDEN_NAME_HEADING })).toBeVisible();

    await join.name.fill(guestName);
    await join.password.fill('not-the-password');
    await join.join.click();

    await expect(guest.page.getByRole('alert')).toHaveText('The password is wrong. Check it and try again.');
    await expect(join.name).toHaveValue(guestName);
    await expect(join.password).toBeFocused();

    await join.password.fill('boardroom');
    await join.join.click();

    await expect(join.joinedAs(guestName)).toBeVisible();
    await expect(guest.page.getByRole('heading', { level: 1, name: 'Board room' })).toBeVisible();
    await expect(guest.page.getByRole('alert')).toHaveCount(0);
    await guest.context.close();
  });

  test('the same account in a second browser is asked; "Join here" takes over and the first says so', async ({ browser }) => {
    const first = await newPerson(browser);
    const second = await newPerson(browser);
    const designTeam = { token: 'designteam', name: 'Design team' };

    await signIn(first.page, 'dave', `/call/${designTeam.token}`);
    await expect(first.page.getByRole('heading', { level: 1, name: designTeam.name })).toBeVisible();
    // An account joins under its own name: there is none to choose.
    await expect(joinPage(first.page).name).toHaveCount(0);
    await joinPage(first.page).join.click();
    await expect(joinPage(first.page).joinedAs('Dave')).toBeVisible();

    await signIn(second.page, 'dave', `/call/${designTeam.token}`);
    await expect(second.page.getByRole('heading', { level: 1, name: designTeam.name })).toBeVisible();
    await joinPage(second.page).join.click();

    const question = second.page.getByRole('dialog', { name: 'Already in this conversation' });
    await expect(question).toBeVisible();
    await question.getByRole('button', { name: 'Cancel' }).click();
    await expect(question).toBeHidden();
    await expect(joinPage(second.page).joinedAs('Dave')).toHaveCount(0);

    await joinPage(second.page).join.click();
    await question.getByRole('button', { name: 'Join here' }).click();

    await expect(joinPage(second.page).joinedAs('Dave')).toBeVisible();
    await expect(first.page.getByRole('alert')).toHaveText('You joined this conversation from another window.', NOTICED_WITHIN);
    await expect(joinPage(first.page).joinedAs('Dave')).toHaveCount(0);
    // The second window keeps its place.
    await expect(joinPage(second.page).joinedAs('Dave')).toBeVisible();

    await second.page.getByRole('button', { name: 'Leave' }).click();
    await expect(second.page.getByText('You left the conversation.')).toBeVisible();
    await first.context.close();
    await second.context.close();
  });

  test('a guest waits in the lobby and is let in without a reload when a moderator lifts it', async ({
    page,
    browser,
    request,
    seedAs,
    talkApi,
  }) => {
    const conversation = await seedAs('alice').createConversation({ name: uniqueName('Lobby'), kind: 'public' });
    await setLobbyThroughApi(request, talkApi, 'alice', conversation.token, { on: true });
    const guestName = uniqueName('Walter');
    const guest = await newPerson(browser);

    await joinAsGuestInPage(guest.page, conversation, guestName);

    const join = joinPage(guest.page);
    await expect(join.lobby).toBeVisible();
    await expect(join.joinedAs(guestName)).toHaveCount(0);
    // No start time was set: no countdown.
    await expect(guest.page.getByRole('timer')).toHaveCount(0);
    await expectFitsThePhone(guest.page);

    await openRoster(page, 'alice', conversation);
    const lobby = page.getByRole('switch', { name: 'Lobby' });
    await expect(lobby).toBeChecked();
    await lobby.click();
    await expect(lobby).not.toBeChecked();

    await expect(join.joinedAs(guestName)).toBeVisible(NOTICED_WITHIN);
    await expect(join.lobby).toHaveCount(0);
    await guest.context.close();
  });

  test('a lobby with a start time shows it in local time and counts down to it', async ({
    browser,
    request,
    seedAs,
    talkApi,
  }) => {
    const conversation = await seedAs('alice').createConversation({ name: uniqueName('Launch'), kind: 'public' });
    const opensAt = new Date(Date.now() + 2 * 3600_000);
    await setLobbyThroughApi(request, talkApi, 'alice', conversation.token, { on: true, opensAt });
    const guest = await newPerson(browser);

    await joinAsGuestInPage(guest.page, conversation, uniqueName('Guest'));

    await expect(joinPage(guest.page).lobby).toBeVisible();
    const expectedStart = await guest.page.evaluate(
      (epochMs) => new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' }).format(epochMs),
      Math.floor(opensAt.getTime() / 1000) * 1000,
    );
    await expect(guest.page.getByText('Scheduled start:')).toHaveText(`Scheduled start: ${expectedStart}`);
    const countdown = guest.page.getByRole('timer');
    await expect(countdown).toHaveText(/^0[12]:\d\d:\d\d$/);
    const shown = await countdown.textContent();
    // Live: it changes by itself, second by second.
    await expect(countdown).not.toHaveText(shown ?? '');
    await guest.context.close();
  });

  test('a moderator removes a joined guest, and the guest’s page says so', async ({ page, browser, seedAs }) => {
    const conversation = await seedAs('alice').createConversation({ name: uniqueName('Removal'), kind: 'public' });
    const guestName = uniqueName('Gus');
    const guest = await newPerson(browser);
    await joinAsGuestInPage(guest.page, conversation, guestName);
    await expect(joinPage(guest.page).joinedAs(guestName)).toBeVisible();

    const roster = await openRoster(page, 'alice', conversation);
    await expect(roster.row(guestName)).toBeVisible(ROSTER_REFRESH);
    // Talk answers the removed guest's next pull as it answers any ended session, a replaced one included (409):
    // the page must find out that the guest is no longer a participant before it explains.
    const endedPull = guest.page.waitForResponse((response) => response.url().includes('/signaling/') && response.status() === 409);
    await chooseAction(page, guestName, 'Remove from conversation');
    const confirm = page.getByRole('alertdialog', { name: `Remove ${guestName}?` });
    await confirm.getByRole('button', { name: 'Remove' }).click();
    await expect(roster.row(guestName)).toHaveCount(0);

    await endedPull;
    await expect(guest.page.getByRole('alert')).toHaveText('A moderator removed you from this conversation.', NOTICED_WITHIN);
    await expect(joinPage(guest.page).joinedAs(guestName)).toHaveCount(0);
    await expect(guest.page.getByRole('button', { name: 'Join again' })).toBeVisible();
    await guest.context.close();
  });

  test('a link to nothing says so in words', async ({ browser }) => {
    const guest = await newPerson(browser);
    await guest.page.goto('/call/nosuchroom');
    await expect(guest.page.getByRole('alert')).toHaveText('This conversation does not exist or the link is wrong.');
    await guest.context.close();
  });
});
