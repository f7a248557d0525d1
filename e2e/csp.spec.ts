import type { BrowserContext, Page, Response } from '@playwright/test';
import { expect, rosterOf, signIn, test, uniqueName } from './fixtures';

/**
 * The app runs under the server's Content-Security-Policy (server/http/security-headers.ts): on every page, with
 * its dialogs open, the browser reports no violation, neither as a `securitypolicyviolation` event nor on the
 * console (where a blocked worker or style would also show).
 */
async function watchForViolations(context: BrowserContext): Promise<() => Promise<string[]>> {
  const consoleViolations: string[] = [];
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) consoleViolations.push(message.text());
  });
  // Added by the browser's debugging protocol, not by the page: the policy does not apply to it.
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  return async () => {
    const fromPages = await Promise.all(
      context.pages().map((page) => page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])),
    );
    return [...fromPages.flat(), ...consoleViolations];
  };
}

function expectSecurityHeaders(response: Response | null) {
  const headers = response!.headers();
  expect(headers['content-security-policy']).toContain("script-src 'self'");
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).not.toContain('unsafe-');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
}

/** Opens the dialog behind a button, expects it, and closes it with Escape. */
async function openAndClose(page: Page, button: string, dialog: { role: 'dialog' | 'alertdialog'; name: string }) {
  await page.getByRole('button', { name: button, exact: true }).click();
  const opened = page.getByRole(dialog.role, { name: dialog.name });
  await expect(opened).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(opened).toBeHidden();
}

test.describe('the Content-Security-Policy', () => {
  test('the sign-in page, the conversations and a conversation with its dialogs run without a violation', async ({
    page,
    context,
    seedAs,
    talkApi,
  }) => {
    const violations = await watchForViolations(context);
    expectSecurityHeaders(await page.goto('/login'));
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();

    await signIn(page, 'alice');
    await openAndClose(page, 'New conversation', { role: 'dialog', name: 'New conversation' });

    const alice = seedAs('alice');
    const conversation = await alice.createConversation({ name: uniqueName('Policy'), kind: 'public' });
    await alice.addParticipant(conversation.token, 'bob');
    expectSecurityHeaders(await page.goto(`/rooms/${conversation.token}`));
    await expect(page.getByRole('heading', { name: conversation.name, level: 1 })).toBeVisible();
    await expect(rosterOf(page).list).toBeVisible();
    // Avatars are same-origin images: they load under img-src 'self'.
    await expect.poll(() => page.locator('img[src*="/avatar/"]').evaluateAll((images) => images.filter((image) => (image as HTMLImageElement).naturalWidth > 0).length)).toBeGreaterThan(0);
    await openAndClose(page, 'Add participants', { role: 'dialog', name: 'Add participants' });
    if (talkApi === 'v4') {
      await openAndClose(page, 'Default permissions', { role: 'dialog', name: 'Default permissions' });
      await openAndClose(page, 'Bans', { role: 'dialog', name: 'Banned' });
    }
    await page.getByRole('button', { name: 'Actions for Bob', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Remove from conversation' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Remove Bob?' });
    await expect(confirm).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(confirm).toBeHidden();
    // The export is a `blob:` download: a navigation, which the policy leaves alone.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.csv$/);

    expect(await violations()).toEqual([]);
  });

  test('the join page, as a guest, runs without a violation', async ({ browser, seedAs }) => {
    const conversation = await seedAs('alice').createConversation({ name: uniqueName('Policy guests'), kind: 'public' });
    const context = await browser.newContext();
    try {
      const violations = await watchForViolations(context);
      const page = await context.newPage();
      expectSecurityHeaders(await page.goto(`/call/${conversation.token}`));
      await page.getByLabel('Your name').fill('Policy guest');
      await page.getByRole('button', { name: 'Join', exact: true }).click();
      await expect(page.getByText('You joined as Policy guest', { exact: true })).toBeVisible();
      expect(await violations()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('an unknown address answers 404 with the app, which shows its own page, without a violation', async ({ page, context }) => {
    const violations = await watchForViolations(context);
    await signIn(page, 'alice');
    const response = await page.goto('/no/such/page');
    expect(response!.status()).toBe(404);
    expectSecurityHeaders(response);
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    expect(await violations()).toEqual([]);
  });
});
