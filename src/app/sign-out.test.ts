import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_PASSWORD_PATH, LOGIN_FLOW_PATH, type LoginFlowCredentials, type LoginFlowStart } from '../../contract/login-flow';
import { CURRENT_USER_PATH } from '../../contract/wire';
import { demoServer, type DemoServer } from '../test/demo-server';
import { createTestServices } from '../test/render';
import { renderAppAt } from '../test/render-app';
import { useIdentity } from './identity';
import { SIGN_OUT_WORDS, signOutAndRevoke } from './sign-out';

/** An app password for alice, obtained the way the sign-in page does, with the grant made on the server's page. */
async function appPasswordFor(server: DemoServer): Promise<string> {
  const started = (await (await server.app.request(LOGIN_FLOW_PATH, { method: 'POST' })).json()) as LoginFlowStart;
  const loginToken = new URL(started.login).pathname.split('/').pop() ?? '';
  await server.app.request(new URL(started.login).pathname, {
    method: 'POST',
    body: new URLSearchParams({ token: loginToken, account: 'alice', password: 'demo' }),
  });
  const polled = await server.app.request('/index.php/login/v2/poll', { method: 'POST', body: new URLSearchParams({ token: started.poll.token }) });
  return ((await polled.json()) as LoginFlowCredentials).appPassword;
}

const ALICE = { id: 'alice', displayName: 'Alice' };

afterEach(() => useIdentity.setState({ credentials: null, user: null, viaLoginFlow: false, signOutWarning: null }));

describe('signing out', () => {
  it('revokes an app password the sign-in page obtained: it is refused from then on', async () => {
    const server = demoServer();
    const appPassword = await appPasswordFor(server);
    useIdentity.getState().signIn({ account: 'alice', password: appPassword }, ALICE, { viaLoginFlow: true });

    await signOutAndRevoke(createTestServices(null).talkClient);

    expect(useIdentity.getState()).toMatchObject({ credentials: null, signOutWarning: null });
    expect(server.calls({ method: 'DELETE', path: APP_PASSWORD_PATH })).toHaveLength(1);
    await expect(server.as('alice', appPassword).ocs('GET', CURRENT_USER_PATH)).rejects.toThrow(/answered 401/);
  });

  it('leaves an app password typed into the form alone (scripts may use it too)', async () => {
    const server = demoServer();
    const appPassword = await appPasswordFor(server);
    useIdentity.getState().signIn({ account: 'alice', password: appPassword }, ALICE, { viaLoginFlow: false });

    await signOutAndRevoke(createTestServices(null).talkClient);

    expect(useIdentity.getState().credentials).toBeNull();
    expect(server.calls({ method: 'DELETE', path: APP_PASSWORD_PATH })).toHaveLength(0);
    await expect(server.as('alice', appPassword).ocs('GET', CURRENT_USER_PATH)).resolves.toMatchObject({ id: 'alice' });
  });

  it('signs out all the same when the server cannot be reached, and says the app password still works', async () => {
    const server = demoServer();
    const appPassword = await appPasswordFor(server);
    useIdentity.getState().signIn({ account: 'alice', password: appPassword }, ALICE, { viaLoginFlow: true });
    server.failNext({ method: 'DELETE', path: APP_PASSWORD_PATH }, { network: 'offline' });

    await signOutAndRevoke(createTestServices(null).talkClient);

    expect(useIdentity.getState()).toMatchObject({ credentials: null, signOutWarning: SIGN_OUT_WORDS.revokeFailed });
    await expect(server.as('alice', appPassword).ocs('GET', CURRENT_USER_PATH)).resolves.toMatchObject({ id: 'alice' });
  });

  it('from the header: lands on the sign-in page, which says the app password could not be revoked', async () => {
    const server = demoServer();
    const appPassword = await appPasswordFor(server);
    useIdentity.getState().signIn({ account: 'alice', password: appPassword }, ALICE, { viaLoginFlow: true });
    server.failNext({ method: 'DELETE', path: APP_PASSWORD_PATH }, { status: 500 });
    renderAppAt('/');

    await userEvent.setup().click(await screen.findByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByText(SIGN_OUT_WORDS.revokeFailed)).toBeInTheDocument();
  });
});
