import { screen, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { demoServer, type DemoServer } from '../test/demo-server';
import { useIdentity } from './identity';
import { giveTheRosterAViewport } from '../test/roster-viewport';
import { renderAppAt } from '../test/render-app';

giveTheRosterAViewport();

/** The app at the conversation `token`, answered by a fresh demo server unless one is given. */
function renderRoomPage(token: string, server?: DemoServer) {
  if (!server) demoServer();
  return renderAppAt(`/rooms/${token}`);
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

  it('asks for the participants without waiting for the conversation, and for each only once', async () => {
    const server = demoServer();
    const room = server.hold({ method: 'GET', path: `${server.talkBase}/room/designteam` });
    renderRoomPage('designteam', server);

    await room.arrived;
    // The route started both: the participants are on their way while the conversation is still unanswered.
    await vi.waitFor(() => expect(server.calls({ method: 'GET', path: /\/room\/designteam\/participants$/ })).toHaveLength(1));
    room.release();

    expect(await screen.findByText('5 participants')).toBeInTheDocument();
    expect(server.calls({ method: 'GET', path: `${server.talkBase}/room/designteam` })).toHaveLength(1);
    expect(server.calls({ method: 'GET', path: /\/room\/designteam\/participants$/ })).toHaveLength(1);
  });

  it('gives a conversation that is not there a page of its own, with a way back and nothing to retry', async () => {
    renderRoomPage('nosuchroom');

    expect(await screen.findByRole('heading', { level: 1, name: 'Conversation not found' })).toBeInTheDocument();
    expect(screen.getByText('This conversation does not exist, or you are not one of its participants.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Conversations' })).toHaveAttribute('href', '/');
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
    expect(document.title).toBe('Conversation not found · rollcall');
  });
});
