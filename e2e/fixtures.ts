/**
 * What the journeys share: signing in through the page, and seeding through the Talk API (their own
 * conversations, members and guests) so that no spec depends on what another one did to the shared server.
 */
import { randomBytes } from 'node:crypto';
import {
  expect,
  request,
  test as base,
  type APIRequestContext,
  type APIResponse,
  type Locator,
  type Page,
} from '@playwright/test';

/** The demo accounts of the README; every password is `demo`. */
export type Account = 'alice' | 'bob' | 'carol' | 'dave' | 'eve';
export const DEMO_PASSWORD = 'demo';

/** Which Talk API the project's server speaks: `talk-v4` or `talk-v1` (playwright.config.ts). */
export type TalkApi = 'v4' | 'v1';

const OCS_HEADERS = { 'OCS-APIRequest': 'true', Accept: 'application/json' };
const TALK = '/ocs/v2.php/apps/spreed/api';

const ROOM_TYPE = { group: 2, public: 3 } as const;

/**
 * How often an open page asks again (src/features/rooms/queries.ts, src/features/roster/refetch-policy.ts).
 * Journeys that wait for someone else's change install the page's clock before it loads and move it on by one
 * interval instead of waiting it out: the poll is then due and runs at once, and a page that did not poll (or
 * polled less often) would still never show the change.
 */
export const POLL_MS = {
  /** The conversation itself: role, lobby, type. */
  conversation: 10_000,
  /** The list of conversations. */
  conversationList: 15_000,
  /** A roster of under 1,000 people. */
  smallRoster: 10_000,
} as const;
/** What follows a poll moved on to: a request and a render, on a loaded machine. */
export const AFTER_THE_POLL = { timeout: 10_000 };

export interface SeededConversation {
  token: string;
  name: string;
}

/** A person acting through the API, for setting the scene before the journey starts. */
export interface TalkSeeder {
  createConversation(options: { name: string; kind?: keyof typeof ROOM_TYPE }): Promise<SeededConversation>;
  addParticipant(token: string, id: string, source?: 'users' | 'groups' | 'emails'): Promise<void>;
}

/** A guest who opened the conversation's link in their own browser, joined, and chose a name. */
export interface Guest {
  name: string;
  /** One signaling pull, as the guest's browser does every few seconds (a silent session ends after 100 s). */
  keepAlive(): Promise<void>;
}

/** Seeds as the given account. */
export type SeedAs = (account: Account) => TalkSeeder;

interface Fixtures {
  talkApi: TalkApi;
  seedAs: SeedAs;
  /** Joins a public conversation as a new guest with this display name. */
  joinAsGuest: (token: string, name: string) => Promise<Guest>;
}

async function ocsData(response: APIResponse, what: string): Promise<unknown> {
  if (!response.ok()) throw new Error(`${what}: HTTP ${response.status()} ${await response.text()}`);
  return ((await response.json()) as { ocs: { data: unknown } }).ocs.data;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  talkApi: async ({}, use, testInfo) => {
    const api = testInfo.project.name.replace(/^talk-/, '');
    if (api !== 'v4' && api !== 'v1') throw new Error(`No Talk API in the project name “${testInfo.project.name}”`);
    await use(api);
  },

  seedAs: async ({ baseURL, talkApi }, use) => {
    const contexts: APIRequestContext[] = [];
    await use((account) => {
      const contextPromise = request
        .newContext({
          baseURL,
          extraHTTPHeaders: {
            ...OCS_HEADERS,
            Authorization: `Basic ${Buffer.from(`${account}:${DEMO_PASSWORD}`).toString('base64')}`,
          },
        })
        .then((context) => {
          contexts.push(context);
          return context;
        });
      const room = `${TALK}/${talkApi}/room`;
      return {
        async createConversation({ name, kind = 'group' }) {
          const api = await contextPromise;
          const data = (await ocsData(
            await api.post(room, { data: { roomType: ROOM_TYPE[kind], roomName: name } }),
            `create “${name}”`,
          )) as { token: string };
          return { token: data.token, name };
        },
        async addParticipant(token, id, source = 'users') {
          const api = await contextPromise;
          await ocsData(
            await api.post(`${room}/${token}/participants`, { data: { newParticipant: id, source } }),
            `add ${source} ${id} to ${token}`,
          );
        },
      };
    });
    await Promise.all(contexts.map((context) => context.dispose()));
  },

  joinAsGuest: async ({ baseURL, talkApi }, use) => {
    const contexts: APIRequestContext[] = [];
    await use(async (token, name) => {
      // Its own cookie jar: the guest's identity is the session cookie the server sets on joining.
      const guest = await request.newContext({ baseURL, extraHTTPHeaders: OCS_HEADERS });
      contexts.push(guest);
      const joined = await guest.post(`${TALK}/${talkApi}/room/${token}/participants/active`, { data: {} });
      await ocsData(joined, `guest joins ${token}`);
      // The guest name route is v1 on every server.
      const named = await guest.post(`${TALK}/v1/guest/${token}/name`, { data: { displayName: name } });
      await ocsData(named, `guest names itself ${name}`);
      const signaling = `${TALK}/${talkApi === 'v4' ? 'v3' : 'v1'}/signaling/${token}`;
      return {
        name,
        async keepAlive() {
          await ocsData(await guest.get(signaling), `signaling pull in ${token}`);
        },
      };
    });
    await Promise.all(contexts.map((context) => context.dispose()));
  },
});

export { expect };

/** A conversation name no other test (or retry) uses, so the conversations tests create are told apart. */
export function uniqueName(prefix: string): string {
  return `${prefix} ${randomBytes(3).toString('hex')}`;
}

/**
 * Signs in through the sign-in page. Without `next` it waits for the conversation list; with it, the page
 * goes on to `next` and the caller waits for what it expects there.
 */
export async function signIn(page: Page, account: Account, next = '/'): Promise<void> {
  await page.goto(next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Account').fill(account);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  if (next === '/') await expect(page.getByRole('heading', { name: 'Conversations' })).toBeVisible();
}

/** Signs in and opens a conversation's roster by its address. */
export async function openRoster(page: Page, account: Account, conversation: SeededConversation): Promise<Roster> {
  await signIn(page, account, `/rooms/${conversation.token}`);
  await expect(page.getByRole('heading', { name: conversation.name, level: 1 })).toBeVisible();
  const roster = rosterOf(page);
  await expect(roster.list).toBeVisible();
  return roster;
}

/** The roster as a person sees it: the list labelled "Participants" and its rows. */
export interface Roster {
  list: Locator;
  search: Locator;
  /** The row of the participant with exactly this display name. */
  row(name: string): Locator;
  actionsFor(name: string): Locator;
}

export function rosterOf(page: Page): Roster {
  const list = page.getByRole('list', { name: 'Participants' });
  const row = (name: string) =>
    list.getByRole('listitem').filter({ has: page.getByText(name, { exact: true }) });
  return {
    list,
    search: page.getByRole('searchbox', { name: 'Search participants' }),
    row,
    actionsFor: (name) => page.getByRole('button', { name: `Actions for ${name}`, exact: true }),
  };
}

/** Chooses an item of a row's "Actions for NAME" menu. */
export async function chooseAction(page: Page, name: string, item: string): Promise<void> {
  await rosterOf(page).actionsFor(name).click();
  await page.getByRole('menu', { name: `Actions for ${name}` }).getByRole('menuitem', { name: item }).click();
}
