import { chooseAction, expect, openRoster, rosterOf, signIn, test, uniqueName } from './fixtures';

test.describe('conversations', () => {
  test('a moderator finds a conversation by search, opens its roster and finds a participant', async ({
    page,
    talkApi,
  }) => {
    // Read only: the seeded "Open office hours" is left as the seed made it. Other specs may have guests join it,
    // so the journey counts on the seeded people being there, not on nobody else being there.
    await signIn(page, 'alice');

    await page.getByRole('searchbox', { name: 'Search conversations' }).fill('office');
    await expect(page.getByRole('link', { name: 'Design team', exact: true })).toHaveCount(0);
    await page.getByRole('link', { name: 'Open office hours', exact: true }).click();

    await expect(page).toHaveURL(/\/rooms\/officehours$/);
    await expect(page.getByRole('heading', { name: 'Open office hours', level: 1 })).toBeVisible();
    await expect(page.getByText(/^\d+ participants$/)).toBeVisible();
    const roster = rosterOf(page);
    const roles = {
      Bob: 'Owner',
      Alice: 'Moderator',
      Eve: 'Member',
      'Gina (guest)': 'Guest',
      Hugo: 'Guest',
      Ines: 'Guest moderator',
    };
    for (const [name, role] of Object.entries(roles)) {
      await expect(roster.row(name).getByText(role, { exact: true })).toBeVisible();
    }
    // The email invitee has no name: v4 shows the address they were invited with; v1 sends no address, so the
    // row reads as a guest without a name.
    if (talkApi === 'v4') {
      await expect(roster.row('frank@example.org').getByText('Guest', { exact: true })).toBeVisible();
    } else {
      await expect(roster.list).toMatchAriaSnapshot('- listitem: Guest Guest · Offline');
    }

    await roster.search.fill('hugo');
    await expect(page.getByText(/^1 of \d+ participants$/)).toBeVisible();
    await expect(roster.list.getByRole('listitem')).toHaveCount(1);
    await expect(roster.row('Hugo')).toBeVisible();

    // Another person, another search.
    await roster.search.fill('eve');
    await expect(roster.list.getByRole('listitem')).toHaveCount(1);
    await expect(roster.row('Eve')).toBeVisible();

    await roster.search.fill('nobody here');
    await expect(page.getByText('No participant matches “nobody here”.')).toBeVisible();
    await expect(roster.list.getByRole('listitem')).toHaveCount(0);

    await roster.search.clear();
    for (const name of Object.keys(roles)) await expect(roster.row(name)).toBeVisible();
  });

  test('a moderator creates a conversation and lands in its roster', async ({ page }) => {
    const name = uniqueName('Retrospective');
    await signIn(page, 'alice');

    await page.getByRole('button', { name: 'New conversation' }).click();
    const dialog = page.getByRole('dialog', { name: 'New conversation' });
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByRole('radio', { name: 'Public' }).check();
    await dialog.getByRole('button', { name: 'Create' }).click();

    await expect(dialog).toBeHidden();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    await expect(page).toHaveURL(/\/rooms\/[a-z0-9]+$/);
    await expect(page.getByText('1 participant', { exact: true })).toBeVisible();
    const roster = rosterOf(page);
    await expect(roster.row('Alice').getByText('Owner', { exact: true })).toBeVisible();
    await expect(roster.row('Alice').getByText('You', { exact: true })).toBeVisible();

    // Back in the list, the new conversation is there, with its kind and the creator's role.
    await page.getByRole('link', { name: 'rollcall', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Search conversations' }).fill(name);
    const item = page.getByRole('listitem').filter({ has: page.getByRole('link', { name, exact: true }) });
    await expect(item).toBeVisible();
    await expect(item.getByText('Public', { exact: true })).toBeVisible();
    await expect(item.getByText('Your role: Owner')).toBeVisible();
  });

  test('a moderator creates a public conversation with a password, and a guest with its link is asked for it', async ({
    page,
    browser,
  }) => {
    const name = uniqueName('Town hall');
    await signIn(page, 'alice');

    await page.getByRole('button', { name: 'New conversation' }).click();
    const dialog = page.getByRole('dialog', { name: 'New conversation' });
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByRole('radio', { name: 'Public' }).check();
    await dialog.getByLabel('Password').fill('town hall 2026');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    const token = /\/rooms\/([a-z0-9]+)$/.exec(page.url())?.[1];
    expect(token).toBeTruthy();

    // A guest in a browser of their own opens the link.
    const guest = await browser.newContext();
    const guestPage = await guest.newPage();
    await guestPage.goto(`/call/${token}`);
    await guestPage.getByLabel('Your name').fill('Walk-in');
    await guestPage.getByLabel('Password').fill('wrong');
    await guestPage.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(guestPage.getByRole('alert')).toHaveText('The password is wrong. Check it and try again.');

    await guestPage.getByLabel('Password').fill('town hall 2026');
    await guestPage.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(guestPage.getByText('You joined as Walk-in', { exact: true })).toBeVisible();
    await guest.close();
  });

  test('the last moderator is told why they cannot leave, and leaves once someone else moderates', async ({
    page,
    seedAs,
  }) => {
    const alice = seedAs('alice');
    const conversation = await alice.createConversation({ name: uniqueName('Handover') });
    await alice.addParticipant(conversation.token, 'bob');
    await openRoster(page, 'alice', conversation);

    await page.getByRole('button', { name: 'Leave conversation' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Leave this conversation?' });
    await confirm.getByRole('button', { name: 'Leave' }).click();
    await expect(confirm.getByRole('alert')).toHaveText(
      'You are the last moderator. Promote someone else before leaving.',
    );
    // Still in the conversation.
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByRole('heading', { name: conversation.name, level: 1 })).toBeVisible();

    const roster = rosterOf(page);
    await chooseAction(page, 'Bob', 'Promote to moderator');
    await expect(roster.row('Bob').getByText('Moderator', { exact: true })).toBeVisible();

    await page.getByRole('button', { name: 'Leave conversation' }).click();
    await confirm.getByRole('button', { name: 'Leave' }).click();

    await expect(page.getByRole('heading', { name: 'Conversations' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Design team', exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: conversation.name, exact: true })).toHaveCount(0);
  });
});
