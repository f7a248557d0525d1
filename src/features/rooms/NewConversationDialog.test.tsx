import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useParams } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ocsResponse, stubFetch } from '../../test/ocs';
import { renderPage } from '../../test/render';
import { roomsServer } from '../../test/rooms-server';
import { ConversationsPage } from './ConversationsPage';
import { roomsQueries } from './queries';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Stands in for the roster page, which another part of the app provides. */
function RosterStandIn() {
  const { token } = useParams();
  return <h1>Roster of {token}</h1>;
}

function renderConversations() {
  return renderPage(
    <Routes>
      <Route path="/" element={<ConversationsPage />} />
      <Route path="/rooms/:token" element={<RosterStandIn />} />
    </Routes>,
  );
}

async function openDialog(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: 'New conversation' }));
  return within(await screen.findByRole('dialog', { name: 'New conversation' }));
}

describe('New conversation', () => {
  it.each(['v4', 'v1'] as const)(
    'creates a public conversation with a password and opens its roster (%s)',
    async (version) => {
      const server = roomsServer(version, []);
      const { calls } = stubFetch(server.route);
      const { services } = renderConversations();
      const user = userEvent.setup();
      await screen.findByText('You are not in any conversation yet.');

      const dialog = await openDialog(user);
      expect(dialog.getByRole('radio', { name: 'Group' })).toBeChecked();
      expect(dialog.queryByLabelText('Password')).not.toBeInTheDocument();

      await user.type(dialog.getByRole('textbox', { name: 'Name' }), '  Launch plan  ');
      expect(dialog.getByText('15 of 255 characters')).toBeInTheDocument();
      await user.click(dialog.getByRole('radio', { name: 'Public' }));
      expect(dialog.getByRole('radiogroup', { name: 'Kind' })).toBeInTheDocument();
      await user.type(dialog.getByLabelText('Password'), 'open sesame');
      await user.click(dialog.getByRole('button', { name: 'Create' }));

      expect(await screen.findByRole('heading', { name: 'Roster of new1' })).toBeInTheDocument();
      // Closing is asynchronous: the dialog unmounts after its exit.
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      const create = calls.find((call) => call.method === 'POST');
      expect(JSON.parse(create?.body ?? 'null')).toEqual({ roomType: 3, roomName: 'Launch plan', password: 'open sesame' });
      // The roster page finds the new conversation in the cache without asking again.
      expect(services.queryClient.getQueryData(roomsQueries.detail(services.talkClient, 'new1').queryKey)).toMatchObject({
        token: 'new1',
        name: 'Launch plan',
        type: 'public',
        hasPassword: true,
        canModerate: true,
      });
    },
  );

  it('sends no password for a group conversation, even one typed before switching back', async () => {
    const server = roomsServer('v4', []);
    const { calls } = stubFetch(server.route);
    renderConversations();
    const user = userEvent.setup();

    const dialog = await openDialog(user);
    await user.type(dialog.getByRole('textbox', { name: 'Name' }), 'Team');
    await user.click(dialog.getByRole('radio', { name: 'Public' }));
    await user.type(dialog.getByLabelText('Password'), 'secret');
    await user.click(dialog.getByRole('radio', { name: 'Group' }));
    await user.click(dialog.getByRole('button', { name: 'Create' }));

    await screen.findByRole('heading', { name: 'Roster of new1' });
    const create = calls.find((call) => call.method === 'POST');
    expect(JSON.parse(create?.body ?? 'null')).toEqual({ roomType: 2, roomName: 'Team' });
  });

  it('explains a refusal in the dialog and keeps what was typed', async () => {
    const server = roomsServer('v4', []);
    server.intercept = (request) =>
      request.method === 'POST' ? ocsResponse(null, 400, 'A conversation needs a name') : undefined;
    stubFetch(server.route);
    renderConversations();
    const user = userEvent.setup();

    const dialog = await openDialog(user);
    await user.type(dialog.getByRole('textbox', { name: 'Name' }), 'Quarterly review');
    await user.click(dialog.getByRole('button', { name: 'Create' }));

    expect(await dialog.findByRole('alert')).toHaveTextContent('The server refused the request: A conversation needs a name');
    expect(dialog.getByRole('textbox', { name: 'Name' })).toHaveValue('Quarterly review');
    expect(screen.getByRole('dialog', { name: 'New conversation' })).toBeInTheDocument();
  });

  it('says in words when the server does not let the person create conversations', async () => {
    const server = roomsServer('v1', []);
    server.intercept = (request) => (request.method === 'POST' ? ocsResponse([], 403, '') : undefined);
    stubFetch(server.route);
    renderConversations();
    const user = userEvent.setup();

    const dialog = await openDialog(user);
    await user.type(dialog.getByRole('textbox', { name: 'Name' }), 'Mine');
    await user.click(dialog.getByRole('button', { name: 'Create' }));

    expect(await dialog.findByRole('alert')).toHaveTextContent(
      'You are not allowed to create conversations on this server.',
    );
    expect(dialog.getByRole('textbox', { name: 'Name' })).toHaveValue('Mine');
  });

  it('asks for a name instead of sending a blank one', async () => {
    const { calls } = stubFetch(roomsServer('v4', []).route);
    renderConversations();
    const user = userEvent.setup();

    const dialog = await openDialog(user);
    await user.type(dialog.getByRole('textbox', { name: 'Name' }), '   ');
    await user.click(dialog.getByRole('button', { name: 'Create' }));

    expect(dialog.getByText('Enter a name for the conversation.')).toBeInTheDocument();
    expect(dialog.getByRole('textbox', { name: 'Name' })).toHaveAttribute('aria-invalid', 'true');
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
  });

  it('Cancel closes the dialog, forgets the draft and returns focus to the button', async () => {
    stubFetch(roomsServer('v4', []).route);
    renderConversations();
    const user = userEvent.setup();

    let dialog = await openDialog(user);
    await user.type(dialog.getByRole('textbox', { name: 'Name' }), 'Draft');
    await user.click(dialog.getByRole('button', { name: 'Cancel' }));

    await vi.waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'New conversation' })).toHaveFocus());
    dialog = await openDialog(user);
    expect(dialog.getByRole('textbox', { name: 'Name' })).toHaveValue('');
  });
});
