import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { demoServer } from '../test/demo-server';
import { useIdentity } from './identity';
import { renderAppAt } from '../test/render-app';

beforeAll(async () => {
  // The page is a lazy chunk; loaded once here, so the tests wait for the page and not for the module's transform.
  await import('./call-page');
});

beforeEach(() => {
  useIdentity.setState({ credentials: null });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the join page route', () => {
  it('opens for guests, with no sign-in in front of it, and offers signing in instead', async () => {
    const server = demoServer('v4');
    const { router } = renderAppAt('/call/officehours');

    // Talk hides the name from someone who has not joined: the page has its own heading.
    expect(await screen.findByLabelText('Your name')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Join a conversation' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Join' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/call/officehours');
    expect(screen.getByRole('link', { name: 'Sign in with an account' })).toHaveAttribute(
      'href',
      '/login?next=%2Fcall%2Fofficehours',
    );
    // A guest sends no credentials: the cookie of the join will say who they are.
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests.every((request) => request.headers.get('Authorization') === null)).toBe(true);
  });

  it('tells a guest when the server cannot be reached, and stops once it answers again', async () => {
    const server = demoServer('v4');
    const reconnect = server.failWhile({ path: /./ }, { network: 'offline' });
    renderAppAt('/call/officehours');

    expect(await screen.findByText('Can’t reach the server. What you see may be out of date.')).toHaveRole('status');

    reconnect();

    // The server's answer to the next try takes the banner away.
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByLabelText('Your name')).toBeInTheDocument();
    await vi.waitFor(() => expect(screen.queryByText(/Can’t reach the server/)).not.toBeInTheDocument());
  });

  it('joins a signed-in person under their account', async () => {
    useIdentity.setState({ credentials: { account: 'dave', password: 'demo' } });
    // dave is a member of the seeded design team; the older server answers v1 only.
    demoServer('v1');
    renderAppAt('/call/designteam');

    expect(await screen.findByRole('heading', { level: 1, name: 'Design team' })).toBeInTheDocument();
    expect(screen.getByText('Signed in as')).toHaveTextContent('Signed in as dave');
    expect(screen.queryByLabelText('Your name')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Join' })).toBeInTheDocument();
  });
});
