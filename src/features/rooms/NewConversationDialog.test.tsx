import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useParams } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { demoServer, type DemoServer } from '../../test/demo-server';
import { renderPage } from '../../test/render';
import { ConversationsPage } from './ConversationsPage';
import { roomsQueries } from './queries';

// The viewer is alice, in the seeded conversations of server/db/seed.ts.

/** The bodies of the creations the app sent. */
const creations = (server: DemoServer) =>
  server.calls({ method: 'POST', path: `${server.talkBase}/room` }).map((request) => JSON.parse(request.body ?? 'null') as unknown);

/** alice's conversation named `name`, as the server lists it. */
async function conversationNamed(server: DemoServer, name: string) {
  const rooms = await server.as('alice').ocs<{ token: string; name: string; type: number; hasPassword: boolean }[]>('GET', `${server.talkBase}/room`);
  return rooms.find((room) => room.name === name);
}

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
      const server = demoServer(version);
      const { services } = renderConversations();
      const user = userEvent.setup();
      await screen.findByRole('link', { name: 'Design team' });

      const dialog = await openDialog(user);
      expect(dialog.getByRole('radio', { name: 'Group' })).toBeChecked();
      expect(dialog.queryByLabelText('Password')).not.toBeInTheDocument();

      await user.type(dialog.getByRole('textbox', { name: 'Name' }), '  Launch plan  ');
      expect(dialog.getByText('15 of 255 characters')).toBeInTheDocument();
      await user.click(dialog.getByRole('radio', { name: 'Public' }));
      expect(dialog.getByRole('radiogroup', { name: 'Kind' })).toBeInTheDocument();
      await user.type(dialog.getByLabelText('Password'), 'open sesame');
      await user.click(dialog.getByRole('button', { name: 'Create' }));

      expect(await screen.findByRole('heading', { name: /^Roster of / })).toBeInTheDocument();
      const created = await conversationNamed(server, 'Launch plan');
      expect(created).toMatchObject({ type: 3, hasPassword: true });
      const token = created?.token ?? '';
      expect(screen.getByRole('heading', { name: `Roster of ${token}` })).toBeInTheDocument();
      // Closing is asynchronous: the dialog unmounts after its exit.
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      // Talk 19 ignores a password sent with the creation: on v4 it is set by the password route after it.
      if (version === 'v1') {
        expect(creations(server)).toEqual([{ roomType: 3, roomName: 'Launch plan', password: 'open sesame' }]);
      } else {
        expect(creations(server)).toEqual([{ roomType: 3, roomName: 'Launch plan' }]);
        const passwordSet = server.calls({ method: 'PUT', path: `${server.talkBase}/room/${token}/password` });
        expect(passwordSet.map((request) => JSON.parse(request.body ?? 'null') as unknown)).toEqual([{ password: 'open sesame' }]);
      }
      // The roster page finds the new conversation in the cache without asking again.
      expect(services.queryClient.getQueryData(roomsQueries.detail(services.talkClient, token).queryKey)).toMatchObject({
        token,
        name: 'Launch plan',
        type: 'public',
        hasPassword: true,
        canModerate: true,
      });
    },
  );

  it('sends no password for a group conversation, even one typed before switching back', async () => {
    const server = demoServer();
    renderConversations();
    const user = userEvent.setup();

    const dialog = await openDialog(user);
    await user.type(dialog.getByRole('textbox', { name: 'Name' }), 'Team');
    await user.click(dialog.getByRole('radio', { name: 'Public' }));
    await user.type(dialog.getByLabelText('Password'), 'secret');
    await user.click(dialog.getByRole('radio', { name: 'Group' }));
    await user.click(dialog.getByRole('button', { name: 'Create' }));

    await screen.findByRole('heading', { name: /^Roster of / });
    expect(creations(server)).toEqual([{ roomType: 2, roomName: 'Team' }]);
    expect(await conversationNamed(server, 'Team')).toMatchObject({ type: 2, hasPassword: false });
  });

  it('explains a refusal in the dialog and keeps what was typed', async () => {
    const server = demoServer();
    // The dialog checks what the demo server would refuse before sending; a real server may have rules of its own.
    server.failNext({ method: 'POST', path: `${server.talkBase}/room` }, { status: 400, message: 'A conversation needs a name' });
    renderConversations();
    const user = userEvent.setup();

    const dialog = await openDialog(user);
    await user.type(dialog.getByRole('textbox', { name: 'Name' }), 'Quarterly review');
    await user.click(dialog.getByRole('button', { name: 'Create' }));

    expect(await dialog.findByRole('alert')).toHaveTextContent('The server refused the request: A conversation needs a name');
    expect(dialog.getByRole('textbox', { name: 'Name' })).toHaveValue('Quarterly review');
    expect(screen.getByRole('dialog', { name: 'New conversation' })).toBeInTheDocument();
  });

  it('does not leave a public conversation open to its link when its password is refused (v4)', async () => {
    const server = demoServer('v4');
    // A real server's password policy answers 400 with its hint; the demo server has no policy.
    server.failNext(
      { method: 'PUT', path: new RegExp(`^${server.talkBase}/room/[a-z0-9]+/password$`) },
      { status: 400, message: 'Password needs to be at least 10 characters long' },
    );
    renderConversations();
    const user = userEvent.setup();

    const dialog = await openDialog(user);
    await user.type(dialog.getByRole('textbox', { name: 'Name' }), 'Open house');
    await user.click(dialog.getByRole('radio', { name: 'Public' }));
    await user.type(dialog.getByLabelText('Password'), 'short');
    await user.click(dialog.getByRole('button', { name: 'Create' }));

    expect(await dialog.findByRole('alert')).toHaveTextContent(
      'The server refused the request: Password needs to be at least 10 characters long',
    );
    expect(dialog.getByRole('textbox', { name: 'Name' })).toHaveValue('Open house');
    expect(await conversationNamed(server, 'Open house')).toBeUndefined();
  });

  it('says in words when the server does not let the person create conversations', async () => {
    const server = demoServer('v1');
    // Nextcloud can keep accounts from creating conversations (Talk's "can-create" setting); the demo lets everyone.
    server.failNext({ method: 'POST', path: `${server.talkBase}/room` }, { status: 403, data: [] });
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
    const server = demoServer();
    renderConversations();
    const user = userEvent.setup();

    const dialog = await openDialog(user);
    await user.type(dialog.getByRole('textbox', { name: 'Name' }), '   ');
    await user.click(dialog.getByRole('button', { name: 'Create' }));

    expect(dialog.getByText('Enter a name for the conversation.')).toBeInTheDocument();
    expect(dialog.getByRole('textbox', { name: 'Name' })).toHaveAttribute('aria-invalid', 'true');
    expect(creations(server)).toEqual([]);
  });

  it('Cancel closes the dialog, forgets the draft and returns focus to the button', async () => {
    demoServer();
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
