import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CAPABILITIES_PATH, CURRENT_USER_PATH } from '../../../contract/wire';
import { demoServer } from '../../test/demo-server';
import { createTestServices, renderPage } from '../../test/render';
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
      expect(onSignedIn).toHaveBeenCalledWith({ account: 'alice', password: 'demo' }, { id: 'alice', displayName: 'Alice' }),
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
