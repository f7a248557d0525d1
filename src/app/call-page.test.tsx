import { render, screen } from '@testing-library/react';
import { createMemoryRouter } from 'react-router-dom';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { joinServer } from '../test/join-server';
import { stubFetch } from '../test/ocs';
import { App } from './App';
import { useIdentity } from './identity';
import { appRoutes } from './router';
import { createAppServices } from './services';

function renderApp(path: string) {
  const services = createAppServices({
    retry: false,
    createRouter: () => createMemoryRouter(appRoutes, { initialEntries: [path] }),
  });
  render(<App services={services} />);
  return services;
}

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
    const { calls } = stubFetch(joinServer('v4', { token: 'officehours', displayName: 'Open office hours' }).route);
    const { router } = renderApp('/call/officehours');

    expect(await screen.findByRole('heading', { level: 1, name: 'Open office hours' })).toBeInTheDocument();
    expect(screen.getByLabelText('Your name')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Join' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/call/officehours');
    expect(screen.getByRole('link', { name: 'Sign in with an account' })).toHaveAttribute(
      'href',
      '/login?next=%2Fcall%2Fofficehours',
    );
    // A guest sends no credentials: the cookie of the join will say who they are.
    expect(calls.every((call) => call.headers.get('Authorization') === null)).toBe(true);
  });

  it('joins a signed-in person under their account', async () => {
    useIdentity.setState({ credentials: { account: 'dave', password: 'demo' } });
    const server = joinServer('v1', { token: 'designteam', displayName: 'Design team', type: 2 });
    server.memberAs = 3;
    stubFetch(server.route);
    renderApp('/call/designteam');

    expect(await screen.findByRole('heading', { level: 1, name: 'Design team' })).toBeInTheDocument();
    expect(screen.getByText('Signed in as')).toHaveTextContent('Signed in as dave');
    expect(screen.queryByLabelText('Your name')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Join' })).toBeInTheDocument();
  });
});
