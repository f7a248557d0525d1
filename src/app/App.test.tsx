import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TALK_V4_BASE } from '../../contract/wire';
import { demoServer } from '../test/demo-server';
import { useIdentity } from './identity';
import { renderAppAt } from '../test/render-app';
import { SERVER_THEME_KEY } from '../lib/theme';

// alice and the seeded conversations of server/db/seed.ts; she owns the design team.

beforeEach(() => {
  useIdentity.setState({ credentials: null });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the app', () => {
  it('sends signed-out visitors to sign in and brings them back where they were going', async () => {
    demoServer();
    const { router } = renderAppAt('/rooms/designteam?tab=x');

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(router.state.location.search).toBe('?next=%2Frooms%2Fdesignteam%3Ftab%3Dx');

    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Account'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'demo');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    await vi.waitFor(() => expect(router.state.location.pathname).toBe('/rooms/designteam'));
    expect(router.state.location.search).toBe('?tab=x');
    expect(useIdentity.getState().credentials).toEqual({ account: 'alice', password: 'demo' });
    expect(sessionStorage.getItem('rollcall.identity')).toContain('alice');
    // Only what the server is (its API generation, its look) outlives the tab; the password never does.
    const kept = Array.from({ length: localStorage.length }, (_, index) => localStorage.key(index)!);
    expect(kept.sort()).toEqual(['rollcall.server-theme', 'rollcall.talk-api']);
    for (const key of kept) expect(localStorage.getItem(key)).not.toContain('demo');
  });

  it('ignores a `next` that would leave the origin', async () => {
    demoServer();
    useIdentity.setState({ credentials: { account: 'alice', password: 'demo' } });
    const { router } = renderAppAt('/login?next=//evil.example/');

    await vi.waitFor(() => expect(router.state.location.pathname).toBe('/'));
  });

  it('signs out on a 401 anywhere and asks to sign in again', async () => {
    demoServer();
    // The password was changed elsewhere since these credentials were kept.
    useIdentity.setState({ credentials: { account: 'alice', password: 'changed' } });
    const { router } = renderAppAt('/');

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(useIdentity.getState().credentials).toBeNull();
    expect(router.state.location.pathname).toBe('/login');
  });

  it('explains a failed page in words and tries again on request', async () => {
    // React and the router log the error they caught; here it is the expected outcome.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    // A server in maintenance mode (or a proxy in front of it) answers 503; the demo server is never in maintenance.
    demoServer().failNext({ method: 'GET', path: `${TALK_V4_BASE}/room` }, { status: 503, message: 'Maintenance' });
    useIdentity.setState({ credentials: { account: 'alice', password: 'demo' } });
    renderAppAt('/');

    expect(await screen.findByRole('alert')).toHaveTextContent('The server failed to answer (HTTP 503)');
    // The layout stays, so signing out is still possible.
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();

    await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('link', { name: 'Design team' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('signing out forgets the credentials and the cached conversations', async () => {
    demoServer();
    useIdentity.setState({ credentials: { account: 'alice', password: 'demo' } });
    const { queryClient } = renderAppAt('/');
    expect(await screen.findByRole('link', { name: 'Design team' })).toBeInTheDocument();
    expect(screen.getByText('alice')).toBeInTheDocument();

    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(useIdentity.getState().credentials).toBeNull();
    // The server's look is nobody's data: the sign-in page reads it again at once.
    const left = queryClient.getQueryCache().getAll().map((query) => query.queryKey);
    expect(left).toEqual([SERVER_THEME_KEY]);
    expect(sessionStorage.getItem('rollcall.identity')).not.toContain('alice');
  });

  it('takes the focus to the heading of each page navigated to, but leaves the first page to the browser', async () => {
    demoServer();
    useIdentity.setState({ credentials: { account: 'alice', password: 'demo' } });
    const { router } = renderAppAt('/');
    const conversations = await screen.findByRole('heading', { level: 1, name: 'Conversations' });
    expect(conversations).not.toHaveFocus();

    await userEvent.setup().click(await screen.findByRole('link', { name: 'Design team' }));
    // The room page is a lazy chunk: compiling it on first use takes a while on a busy machine.
    const room = await screen.findByRole('heading', { level: 1, name: 'Design team' }, { timeout: 20_000 });
    await vi.waitFor(() => expect(room).toHaveFocus());

    await act(() => router.navigate(-1));
    await vi.waitFor(() => expect(screen.getByRole('heading', { level: 1, name: 'Conversations' })).toHaveFocus());
  }, 30_000);

  it('leaves the focus where the person put it while the next page was loading', async () => {
    const server = demoServer();
    useIdentity.setState({ credentials: { account: 'alice', password: 'demo' } });
    const room = server.hold({ method: 'GET', path: `${TALK_V4_BASE}/room/designteam` });
    const { router } = renderAppAt('/');
    await screen.findByRole('link', { name: 'Design team' });

    await act(() => router.navigate('/rooms/designteam'));
    await room.arrived;
    // The person tabs to "Sign out" while the conversation is still on its way.
    act(() => screen.getByRole('button', { name: 'Sign out' }).focus());
    room.release();

    expect(await screen.findByRole('heading', { level: 1, name: 'Design team' }, { timeout: 20_000 })).not.toHaveFocus();
    expect(screen.getByRole('button', { name: 'Sign out' })).toHaveFocus();
  }, 30_000);
});
