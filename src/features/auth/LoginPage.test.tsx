import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CAPABILITIES_PATH, CURRENT_USER_PATH } from '../../../contract/wire';
import { LOGIN_FLOW_LIFETIME_SECONDS } from '../../../contract/login-flow';
import { demoServer, type DemoServer } from '../../test/demo-server';
import { createTestServices, renderPage } from '../../test/render';
import { activateLocale } from '../../lib/i18n';
import { LoginPage } from './LoginPage';

function renderLoginPage() {
  const onSignedIn = vi.fn();
  const describeError = vi.fn((error: unknown) => `Described: ${(error as Error).name}`);
  renderPage(<LoginPage onSignedIn={onSignedIn} describeError={describeError} />, {
    services: createTestServices(null),
  });
  return { onSignedIn, describeError };
}

async function signIn(account: string, password: string) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Account'), account);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('LoginPage', () => {
  it('says a wrong password in words and keeps the typed account', async () => {
    demoServer();
    const { onSignedIn } = renderLoginPage();
    expect(screen.getByRole('heading', { name: 'Sign in' })).toBeInTheDocument();

    await signIn('alice', 'not-the-password');

    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong account or password.');
    expect(screen.getByLabelText('Account')).toHaveValue('alice');
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('after too many wrong passwords, says why in the app’s words (not “wrong password”), the focus in the password field', async () => {
    const server = demoServer();
    for (let guess = 1; guess <= 10; guess++) {
      await expect(server.as('alice', `guess ${guess}`).ocs('GET', CURRENT_USER_PATH)).rejects.toThrow(/401/);
    }
    const { describeError } = renderLoginPage();

    await signIn('alice', 'demo');

    expect(await screen.findByRole('alert')).toHaveTextContent('Described: TooManyAttemptsError');
    expect(describeError).toHaveBeenCalledWith(expect.objectContaining({ status: 429 }));
    await vi.waitFor(() => expect(screen.getByLabelText('Password')).toHaveFocus());
  });

  it('puts the focus back in the password field after a refusal, its text selected and the reason its description', async () => {
    demoServer();
    renderLoginPage();

    await signIn('alice', 'not-the-password');

    const password = screen.getByLabelText<HTMLInputElement>('Password');
    await vi.waitFor(() => expect(password).toHaveFocus());
    expect(password).toHaveAccessibleDescription('Wrong account or password.');
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect([password.selectionStart, password.selectionEnd]).toEqual([0, 'not-the-password'.length]);

    // Typing replaces the wrong password, and the account is still there for the next try.
    await userEvent.setup().keyboard('demo');
    expect(password).toHaveValue('demo');
    expect(screen.getByLabelText('Account')).toHaveValue('alice');
  });

  it('checks the credentials against the room list and hands them on with the account they belong to', async () => {
    const server = demoServer('v1');
    const { onSignedIn } = renderLoginPage();

    await signIn(' alice ', 'demo');

    await vi.waitFor(() =>
      expect(onSignedIn).toHaveBeenCalledWith(
        { account: 'alice', password: 'demo' },
        { id: 'alice', displayName: 'Alice' },
        { viaLoginFlow: false },
      ),
    );
    expect(server.requests.map((request) => request.path).sort()).toEqual(
      [CAPABILITIES_PATH, CURRENT_USER_PATH, '/ocs/v2.php/apps/spreed/api/v1/room'].sort(),
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('explains a network failure with the words the app gives it', async () => {
    demoServer().failWhile({ path: /^\// }, { network: 'offline' });
    const { describeError } = renderLoginPage();

    await signIn('alice', 'demo');

    expect(await screen.findByRole('alert')).toHaveTextContent('Described: NetworkError');
    expect(describeError).toHaveBeenCalled();
    expect(screen.getByLabelText('Account')).toHaveValue('alice');
  });
});

/** The window the page opens: the address it is sent to, whether it was closed, and its `opener`. */
function fakeWindow() {
  const opened = { closed: false, opener: window as unknown, location: { href: '' }, close: vi.fn(() => (opened.closed = true)) };
  return opened;
}

/** The person grants access on the server's page, in the other window (a browser posting its form). */
async function grantAccess(server: DemoServer, loginUrl: string, password = 'demo') {
  const token = new URL(loginUrl).pathname.split('/').pop() ?? '';
  const response = await server.app.fetch(
    new Request(loginUrl, { method: 'POST', body: new URLSearchParams({ token, account: 'alice', password }) }),
  );
  expect(response.status).toBe(password === 'demo' ? 200 : 403);
}

const WAITING = 'Waiting for you to grant access in the other window…';

describe('LoginPage: Sign in with Nextcloud', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it('opens the server’s grant page in a new window, waits, and signs in with the app password it is given', async () => {
    const server = demoServer();
    const popup = fakeWindow();
    const open = vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window);
    const { onSignedIn } = renderLoginPage();

    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign in with Nextcloud' }));

    expect(open).toHaveBeenCalledTimes(1);
    expect(await screen.findByRole('status')).toHaveTextContent(WAITING);
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    expect(popup.location.href).toMatch(/^http:\/\/localhost\/index\.php\/login\/v2\/flow\/[A-Za-z0-9]+$/);
    // The server's page cannot reach back into this one.
    expect(popup.opener).toBeNull();

    await grantAccess(server, popup.location.href, 'wrong');
    await grantAccess(server, popup.location.href);

    await vi.waitFor(() =>
      expect(onSignedIn).toHaveBeenCalledWith(
        { account: 'alice', password: expect.stringMatching(/^[A-Za-z0-9]{72}$/) },
        { id: 'alice', displayName: 'Alice' },
        { viaLoginFlow: true },
      ),
      // The page asks every 2 s.
      { timeout: 5000 },
    );
    // The account password never went through the page: only the app password did.
    expect(server.requests.some((request) => request.body?.includes('demo') ?? false)).toBe(false);
  });

  it('speaks German: the button, the wait and "Abbrechen"', async () => {
    demoServer();
    vi.spyOn(window, 'open').mockReturnValue(fakeWindow() as unknown as Window);
    renderLoginPage();
    await act(() => activateLocale('de'));
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'Mit Nextcloud anmelden' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Warte darauf, dass du im anderen Fenster den Zugriff gewährst …');
    await user.click(screen.getByRole('button', { name: 'Abbrechen' }));
    expect(screen.getByRole('button', { name: 'Mit Nextcloud anmelden' })).toHaveFocus();
  });

  it('stops waiting on "Cancel": the window closes and the button is back, with the focus', async () => {
    demoServer();
    const popup = fakeWindow();
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window);
    renderLoginPage();
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'Sign in with Nextcloud' }));
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));

    expect(popup.close).toHaveBeenCalled();
    expect(screen.getByRole('status')).toHaveTextContent('');
    expect(screen.getByRole('button', { name: 'Sign in with Nextcloud' })).toHaveFocus();
  });

  it('says so when the browser blocked the window, and offers the grant page as a link', async () => {
    const server = demoServer();
    vi.spyOn(window, 'open').mockReturnValue(null);
    const { onSignedIn } = renderLoginPage();

    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign in with Nextcloud' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Your browser blocked the new window.');
    const link = screen.getByRole('link', { name: 'Open the Nextcloud sign-in page' });
    expect(link).toHaveFocus();
    expect(link).toHaveAttribute('target', '_blank');
    expect(screen.getByRole('status')).toHaveTextContent(WAITING);

    await grantAccess(server, link.getAttribute('href') ?? '');
    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalled(), { timeout: 5000 });
  });

  it('says so when the request expires before access is granted, and starts again on the button', async () => {
    demoServer();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.spyOn(window, 'open').mockImplementation(() => fakeWindow() as unknown as Window);
    const { onSignedIn } = renderLoginPage();
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'Sign in with Nextcloud' }));
    expect(await screen.findByRole('status')).toHaveTextContent(WAITING);
    vi.setSystemTime(Date.now() + LOGIN_FLOW_LIFETIME_SECONDS * 1000);

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The sign-in request expired before access was granted. Press “Sign in with Nextcloud” to start again.',
    );
    const again = screen.getByRole('button', { name: 'Sign in with Nextcloud' });
    expect(again).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent('');

    await user.click(again);
    expect(await screen.findByRole('status')).toHaveTextContent(WAITING);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('says so when the window is closed without granting access, and offers to start again', async () => {
    const server = demoServer();
    const popup = fakeWindow();
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window);
    const { onSignedIn } = renderLoginPage();

    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign in with Nextcloud' }));
    expect(await screen.findByRole('status')).toHaveTextContent(WAITING);
    const polls = () => server.calls({ method: 'POST', path: '/index.php/login/v2/poll' }).length;
    popup.closed = true;

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The Nextcloud window was closed before access was granted. Press “Sign in with Nextcloud” to start again.',
    );
    expect(screen.getByRole('button', { name: 'Sign in with Nextcloud' })).toHaveFocus();
    expect(polls()).toBeGreaterThanOrEqual(2);
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('still signs in when the window was closed right after granting access', async () => {
    const server = demoServer();
    const popup = fakeWindow();
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window);
    const { onSignedIn } = renderLoginPage();

    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign in with Nextcloud' }));
    expect(await screen.findByRole('status')).toHaveTextContent(WAITING);
    await grantAccess(server, popup.location.href);
    popup.closed = true;

    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalled(), { timeout: 5000 });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('explains in words a server that does not offer it, and closes the window it opened', async () => {
    demoServer().failNext({ method: 'POST', path: '/index.php/login/v2' }, { status: 404 });
    const popup = fakeWindow();
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window);
    const { describeError } = renderLoginPage();

    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign in with Nextcloud' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Described: LoginFlowUnavailableError');
    expect(describeError).toHaveBeenCalled();
    expect(popup.close).toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Sign in with Nextcloud' })).toHaveFocus();
  });
});
