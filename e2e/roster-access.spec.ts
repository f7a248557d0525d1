import type { Dialog, Locator, Page } from '@playwright/test';
import { chooseAction, expect, openRoster, rosterOf, signIn, test, uniqueName, type SeedAs, type TalkApi } from './fixtures';

/** A member's menu after "Promote to moderator": "Permissions" on a current (v4) server, else "Remove". */
const secondItem = (talkApi: TalkApi) => (talkApi === 'v4' ? 'Permissions' : 'Remove from conversation');

/** Seeds a group conversation of alice (owner) with bob, carol and dave as members. */
async function conversationOfFour(seedAs: SeedAs, prefix: string) {
  const alice = seedAs('alice');
  const conversation = await alice.createConversation({ name: uniqueName(prefix) });
  for (const member of ['bob', 'carol', 'dave']) await alice.addParticipant(conversation.token, member);
  return conversation;
}

test.describe('the roster for everyone', () => {
  test('works from the keyboard alone', async ({ page, seedAs, talkApi }) => {
    const conversation = await conversationOfFour(seedAs, 'Keyboard');
    const roster = await openRoster(page, 'alice', conversation);
    // Nobody is online: the owner first, then the members by name.
    await expect(roster.list.getByRole('listitem')).toHaveCount(4);

    await roster.search.focus();
    await page.keyboard.press('Tab');
    await expect(roster.row('Alice')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(roster.row('Bob')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(roster.row('Carol')).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(roster.row('Bob')).toBeFocused();
    await page.keyboard.press('End');
    await expect(roster.row('Dave')).toBeFocused();
    // The focused row is on screen, even where the list reaches below the window.
    await expect(roster.row('Dave')).toBeInViewport({ ratio: 1 });
    await page.keyboard.press('Home');
    await expect(roster.row('Alice')).toBeFocused();
    await page.keyboard.press('ArrowDown');

    // From the row, Tab reaches its checkbox, then its actions; Enter opens the menu on its first item.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('checkbox', { name: 'Select Bob' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(roster.actionsFor('Bob')).toBeFocused();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: 'Actions for Bob' });
    await expect(menu.getByRole('menuitem', { name: 'Promote to moderator' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: secondItem(talkApi) })).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(menu.getByRole('menuitem', { name: 'Promote to moderator' })).toBeFocused();

    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(roster.actionsFor('Bob')).toBeFocused();

    // And the menu's items do what they say.
    await page.keyboard.press('Enter');
    await expect(menu.getByRole('menuitem', { name: 'Promote to moderator' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(roster.row('Bob').getByText('Moderator', { exact: true })).toBeVisible();
  });

  test('a menu reopened right after Escape opens on its first item, every time', async ({ page, seedAs, talkApi }) => {
    // Some sixty key presses and checks: a loaded machine needs more than the usual 30 s for them.
    test.slow();
    const conversation = await conversationOfFour(seedAs, 'Reopen');
    const roster = await openRoster(page, 'alice', conversation);
    const menu = page.getByRole('menu', { name: 'Actions for Bob' });
    const promote = menu.getByRole('menuitem', { name: 'Promote to moderator' });
    const second = menu.getByRole('menuitem', { name: secondItem(talkApi) });

    await roster.actionsFor('Bob').focus();
    await page.keyboard.press('Enter');
    await expect(promote).toBeFocused();
    for (let round = 1; round <= 8; round++) {
      // Closed and opened again as fast as keys go, with nothing waited for in between.
      await page.keyboard.press('Escape');
      await page.keyboard.press('Enter');
      // Whatever the Escape left for later frames has run by now: the menu is still open, and its arrows work.
      await animationFrames(page, 3);
      await expect(promote, `round ${round}`).toBeFocused();
      await page.keyboard.press('ArrowDown');
      await expect(second, `round ${round}`).toBeFocused();
      await page.keyboard.press('ArrowUp');
      await expect(promote, `round ${round}`).toBeFocused();
    }
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(roster.actionsFor('Bob')).toBeFocused();
  });

  test('the remove confirmation keeps focus inside and gives it back on Cancel', async ({ page, seedAs }) => {
    const conversation = await conversationOfFour(seedAs, 'Focus');
    const roster = await openRoster(page, 'alice', conversation);

    await chooseAction(page, 'Carol', 'Remove from conversation');
    const confirm = page.getByRole('alertdialog', { name: 'Remove Carol?' });
    const cancel = confirm.getByRole('button', { name: 'Cancel' });
    const remove = confirm.getByRole('button', { name: 'Remove' });
    // The harmless choice has focus first.
    await expect(cancel).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(remove).toBeFocused();
    // However far Tab goes, in either direction, focus never reaches the page behind, and comes round again.
    // (Past the last button it may leave the page for the browser's own controls, as with a native modal dialog.)
    await pressUntilFocused(page, 'Tab', cancel, confirm);
    await pressUntilFocused(page, 'Tab', remove, confirm);
    await pressUntilFocused(page, 'Shift+Tab', cancel, confirm);
    await pressUntilFocused(page, 'Shift+Tab', remove, confirm);
    await pressUntilFocused(page, 'Shift+Tab', cancel, confirm);

    await page.keyboard.press('Enter');
    await expect(confirm).toBeHidden();
    await expect(roster.actionsFor('Carol')).toBeFocused();
    await expect(roster.row('Carol').getByText('Member', { exact: true })).toBeVisible();
    await expect(page.getByText('4 participants', { exact: true })).toBeVisible();

    // Escape is a "no" too, with the same return of focus.
    await chooseAction(page, 'Carol', 'Remove from conversation');
    await expect(cancel).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(confirm).toBeHidden();
    await expect(roster.actionsFor('Carol')).toBeFocused();
    await expect(roster.row('Carol')).toBeVisible();
  });

  test.describe('on a phone', () => {
    test.use({ viewport: { width: 360, height: 740 } });

    test('the roster fits 360 px and its actions work', async ({ page, seedAs }) => {
      const conversation = await conversationOfFour(seedAs, 'Phone');
      await signIn(page, 'alice');
      await page.getByRole('searchbox', { name: 'Search conversations' }).fill(conversation.name);
      await page.getByRole('link', { name: conversation.name, exact: true }).click();

      const roster = rosterOf(page);
      await expect(page.getByRole('heading', { name: conversation.name, level: 1 })).toBeVisible();
      await expect(roster.row('Dave')).toBeVisible();
      // Nothing runs off the side of the screen: no sideways scrolling, every control within the width.
      await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      for (const control of [
        page.getByRole('button', { name: 'Add participants' }),
        page.getByRole('switch', { name: 'Lobby' }),
        page.getByRole('button', { name: 'Leave conversation' }),
        roster.search,
        roster.row('Alice'),
        roster.actionsFor('Bob'),
        roster.actionsFor('Dave'),
      ]) {
        await expectWithinWidth(control, 360);
      }

      await roster.search.fill('dav');
      await expect(roster.list.getByRole('listitem')).toHaveCount(1);
      await roster.actionsFor('Dave').click();
      const menu = page.getByRole('menu', { name: 'Actions for Dave' });
      const promote = menu.getByRole('menuitem', { name: 'Promote to moderator' });
      await expect(promote).toBeInViewport({ ratio: 1 });
      await promote.click();
      await expect(roster.row('Dave').getByText('Moderator', { exact: true })).toBeVisible();

      await page.getByRole('button', { name: 'Add participants' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add participants' });
      const search = dialog.getByRole('combobox', { name: 'Search users, groups or emails' });
      await expect(search).toBeInViewport({ ratio: 1 });
      await expectWithinWidth(dialog, 360);
    });
  });

  test('display names are shown as text, never run as markup', async ({ page, seedAs, joinAsGuest }) => {
    const markup = '<img src=x onerror=alert(1)>';
    const dialogs: string[] = [];
    page.on('dialog', (dialog: Dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const alice = seedAs('alice');
    const conversation = await alice.createConversation({ name: uniqueName(`${markup} night`), kind: 'public' });
    await joinAsGuest(conversation.token, markup);

    await signIn(page, 'alice');
    await page.getByRole('searchbox', { name: 'Search conversations' }).fill('onerror');
    await page.getByRole('link', { name: conversation.name, exact: true }).click();
    await expect(page.getByRole('heading', { name: conversation.name, level: 1 })).toBeVisible();

    const roster = rosterOf(page);
    await expect(roster.row(markup)).toBeVisible();
    await expect(roster.row(markup).getByText('Guest', { exact: true })).toBeVisible();
    await chooseAction(page, markup, 'Remove from conversation');
    const confirm = page.getByRole('alertdialog', { name: `Remove ${markup}?` });
    await expect(confirm).toContainText(`${markup} will no longer be a participant of “${conversation.name}”.`);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm).toBeHidden();

    // Had any of it been markup, the broken image's handler would have run by now.
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    expect(dialogs).toEqual([]);
  });
});

/**
 * Presses `key` until `target` has focus (at most a few times round the dialog), checking after every press that
 * focus is in the dialog or has left the page (the browser's own controls), never on anything behind it.
 */
async function pressUntilFocused(page: Page, key: string, target: Locator, dialog: Locator) {
  for (let presses = 1; presses <= 6; presses++) {
    await page.keyboard.press(key);
    const focus = await dialog.evaluate((element) => {
      const active = element.ownerDocument.activeElement;
      if (active === null || active === element.ownerDocument.body) return 'outside the page';
      return element.contains(active) ? 'in the dialog' : `behind the dialog: ${active.outerHTML.slice(0, 80)}`;
    });
    expect(focus, `focus after ${presses} × ${key}`).not.toMatch(/^behind/);
    if (await target.evaluate((element) => element === element.ownerDocument.activeElement)) return;
  }
  await expect(target, `reached with ${key}`).toBeFocused();
}

async function expectWithinWidth(locator: Locator, width: number) {
  await expect(locator).toBeVisible();
  const box = await locator.boundingBox();
  expect(box, 'laid out').not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(width);
}

/** Waits for the page to draw `count` frames: what it had scheduled for the frames before has run by then. */
async function animationFrames(page: Page, count: number) {
  await page.evaluate(
    (frames) =>
      new Promise<void>((resolve) => {
        const next = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => next(left - 1)));
        next(frames);
      }),
    count,
  );
}
