import { render, screen, within } from '@testing-library/react';
import { createMemoryRouter } from 'react-router-dom';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { demoServer } from '../test/demo-server';
import { App } from './App';
import { useIdentity } from './identity';
import { appRoutes } from './router';
import { createAppServices } from './services';
import { giveTheRosterAViewport } from '../test/roster-viewport';

giveTheRosterAViewport();

function renderRoomPage(token: string) {
  demoServer();
  const services = createAppServices({
    retry: false,
    createRouter: () => createMemoryRouter(appRoutes, { initialEntries: [`/rooms/${token}`] }),
  });
  render(<App services={services} />);
  return services;
}

// The page is a lazy route: compiling it on first use can outlast findBy's wait on a busy machine.
beforeAll(() => import('./room-page'), 30_000);

beforeEach(() => {
  useIdentity.setState({ credentials: { account: 'alice', password: 'demo' } });
});

describe('the conversation page', () => {
  it('composes the heading, the lobby and leave controls, and the roster', async () => {
    // The seeded design team: alice owns it; bob, carol, dave and the group Design are in it.
    renderRoomPage('designteam');

    expect(await screen.findByRole('heading', { level: 1, name: 'Design team' })).toBeInTheDocument();
    expect(screen.getByRole('switch', { name: 'Lobby' })).not.toBeChecked();
    expect(screen.getByRole('button', { name: 'Leave conversation' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add participants' })).toBeInTheDocument();
    expect(await screen.findByText('5 participants')).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Participants' });
    // The signed-in account is told apart, and offered no actions on itself.
    const alice = within(list).getByText('Alice').closest('li') as HTMLElement;
    expect(within(alice).getByText('You')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Actions for Alice' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Actions for Bob' })).toBeInTheDocument();
  });

  it('explains a conversation that is not there', async () => {
    // React and the router log the error they caught; here it is the expected outcome.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    renderRoomPage('nosuchroom');

    expect(await screen.findByRole('alert')).toHaveTextContent('This does not exist');
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
  });
});
