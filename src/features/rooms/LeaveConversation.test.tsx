import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { demoServer, type DemoServer } from '../../test/demo-server';
import { renderPage } from '../../test/render';
import { ConversationsPage } from './ConversationsPage';
import { LeaveConversation } from './LeaveConversation';

// The viewer is alice. In the seeded design team (server/db/seed.ts) she is the owner and bob a moderator.

/** bob is demoted, so that alice is the design team's last moderator. */
async function makeAliceTheLastModerator(server: DemoServer) {
  const participants = await server.as('alice').ocs<{ actorId: string; attendeeId: number }[]>('GET', `${server.talkBase}/room/designteam/participants`);
  const bob = participants.find((participant) => participant.actorId === 'bob');
  await server.as('alice').ocs('DELETE', `${server.talkBase}/room/designteam/moderators`, { params: { attendeeId: bob?.attendeeId ?? 0 } });
}

const leaves = (server: DemoServer) => server.calls({ method: 'DELETE' });

/** The conversation list at `/`, and a stand-in roster page carrying the leave button. */
function renderAt(path: string) {
  return renderPage(
    <Routes>
      <Route path="/" element={<ConversationsPage />} />
      <Route path="/rooms/:token" element={<LeaveConversation token="designteam" />} />
    </Routes>,
    { path },
  );
}

describe.each(['v4', 'v1'] as const)('LeaveConversation (%s)', (version) => {
  it('asks, leaves, and goes back to a conversation list without the conversation', async () => {
    const server = demoServer(version);
    renderAt('/');
    const user = userEvent.setup();

    // The list was seen before opening the conversation, so it is in the cache.
    await user.click(await screen.findByRole('link', { name: 'Design team' }));
    await user.click(await screen.findByRole('button', { name: 'Leave conversation' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Leave this conversation?' });
    await user.click(within(dialog).getByRole('button', { name: 'Leave' }));

    expect(await screen.findByRole('heading', { name: 'Conversations' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Design team' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open office hours' })).toBeInTheDocument();
    const leave = server.requests.findIndex((request) => request.method === 'DELETE');
    expect(server.requests[leave]?.path).toBe(`${server.talkBase}/room/designteam/participants/self`);
    const rooms = await server.as('alice').ocs<{ token: string }[]>('GET', `${server.talkBase}/room`);
    expect(rooms.map((room) => room.token)).not.toContain('designteam');
    // The list was invalidated: it is asked for again after leaving.
    await vi.waitFor(() =>
      expect(server.requests.slice(leave + 1).some((request) => request.method === 'GET' && request.path === `${server.talkBase}/room`)).toBe(true),
    );
  });
});

describe('LeaveConversation', () => {
  it('explains in the dialog that the last moderator cannot leave', async () => {
    const server = demoServer();
    await makeAliceTheLastModerator(server);
    renderAt('/rooms/designteam');
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'Leave conversation' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Leave this conversation?' });
    await user.click(within(dialog).getByRole('button', { name: 'Leave' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'You are the last moderator. Promote someone else before leaving.',
    );
    expect(screen.getByRole('alertdialog', { name: 'Leave this conversation?' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Conversations' })).not.toBeInTheDocument();
  });

  it('Cancel closes the question without leaving, and the next question starts without the old refusal', async () => {
    const server = demoServer();
    await makeAliceTheLastModerator(server);
    renderAt('/rooms/designteam');
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'Leave conversation' }));
    let dialog = await screen.findByRole('alertdialog', { name: 'Leave this conversation?' });
    await user.click(within(dialog).getByRole('button', { name: 'Leave' }));
    await within(dialog).findByRole('alert');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    await vi.waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Leave conversation' })).toHaveFocus());
    await user.click(screen.getByRole('button', { name: 'Leave conversation' }));
    dialog = await screen.findByRole('alertdialog', { name: 'Leave this conversation?' });
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    expect(leaves(server).filter((request) => request.path.endsWith('/participants/self'))).toHaveLength(1);
  });
});
