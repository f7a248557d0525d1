import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ocsResponse, stubFetch } from '../../test/ocs';
import { renderPage } from '../../test/render';
import { roomsServer, type RoomState } from '../../test/rooms-server';
import { ConversationsPage } from './ConversationsPage';
import { LeaveConversation } from './LeaveConversation';

afterEach(() => {
  vi.unstubAllGlobals();
});

const design: RoomState = { token: 'design1', displayName: 'Design team', participantType: 1 };
const office: RoomState = { token: 'office1', displayName: 'Open office hours', type: 3, participantType: 3 };

/** The conversation list at `/`, and a stand-in roster page carrying the leave button. */
function renderAt(path: string) {
  return renderPage(
    <Routes>
      <Route path="/" element={<ConversationsPage />} />
      <Route path="/rooms/:token" element={<LeaveConversation token="design1" />} />
    </Routes>,
    { path },
  );
}

describe.each(['v4', 'v1'] as const)('LeaveConversation (%s)', (version) => {
  it('asks, leaves, and goes back to a conversation list without the conversation', async () => {
    const server = roomsServer(version, [design, office]);
    const { calls } = stubFetch(server.route);
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
    const leaveIndex = calls.findIndex((call) => call.method === 'DELETE');
    expect(calls[leaveIndex]?.url).toMatch(/\/room\/design1\/participants\/self$/);
    // The list was invalidated: it is asked for again after leaving.
    await vi.waitFor(() =>
      expect(calls.slice(leaveIndex + 1).some((call) => call.method === 'GET' && call.url.endsWith('/room'))).toBe(true),
    );
  });
});

describe('LeaveConversation', () => {
  it('explains in the dialog that the last moderator cannot leave', async () => {
    const server = roomsServer('v4', [design]);
    server.intercept = (request) =>
      request.method === 'DELETE' ? ocsResponse(null, 400, 'You are the last moderator: promote someone else first') : undefined;
    stubFetch(server.route);
    renderAt('/rooms/design1');
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
    const server = roomsServer('v4', [design]);
    server.intercept = (request) => (request.method === 'DELETE' ? ocsResponse(null, 400, 'Last moderator') : undefined);
    const { calls } = stubFetch(server.route);
    renderAt('/rooms/design1');
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
    expect(calls.filter((call) => call.method === 'DELETE')).toHaveLength(1);
  });
});
