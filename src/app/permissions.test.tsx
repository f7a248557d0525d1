/**
 * Lobby admission and permissions on the conversation page, as a moderator uses them, against the demo server:
 * the roster's "Let in" and "Permissions", the room's "Default permissions", and the notices with "Undo".
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TALK_V4_BASE, type V4Participant, type V4Room } from '../../contract/wire';
import { demoServer, type DemoServer } from '../test/demo-server';
import { useIdentity } from './identity';
import { useNotices } from '../lib/notices';
import { giveTheRosterAViewport } from '../test/roster-viewport';
import { renderAppAt } from '../test/render-app';

giveTheRosterAViewport();

const room = (token: string) => `${TALK_V4_BASE}/room/${token}`;

function renderRoomPage(token: string, account = 'alice') {
  useIdentity.setState({ credentials: { account, password: 'demo' } });
  renderAppAt(`/rooms/${token}`);
}

// The page is a lazy route: compiling it on first use can outlast findBy's wait on a busy machine.
beforeAll(() => import('./room-page'), 30_000);

beforeEach(() => {
  useNotices.setState({ notices: [] });
});

function rowOf(name: string): HTMLElement {
  const row = within(screen.getByRole('list', { name: 'Participants' }))
    .getByText(name, { selector: '.roster-name-text' })
    .closest('li');
  if (!row) throw new Error(`no row for ${name}`);
  return row;
}

async function participant(server: DemoServer, token: string, name: string): Promise<V4Participant> {
  const list = await server.as('alice').ocs<V4Participant[]>('GET', `${room(token)}/participants`);
  const found = list.find((entry) => entry.displayName === name);
  if (!found) throw new Error(`${name} is not in ${token}`);
  return found;
}

async function openMenuItem(user: ReturnType<typeof userEvent.setup>, name: string, item: string) {
  await user.click(await screen.findByRole('button', { name: `Actions for ${name}` }));
  await user.click(within(await screen.findByRole('menu', { name: `Actions for ${name}` })).getByRole('menuitem', { name: item }));
}

const notices = () => screen.getByRole('status', { name: 'Notices' });

describe('lobby admission (v4)', () => {
  it('says who waits in the lobby, lets them in with one notice, and Undo holds them again', async () => {
    const server = demoServer();
    // The product launch has its lobby on; a guest opens its link and names themselves.
    const guest = server.as(null);
    await guest.ocs('POST', `${room('launch')}/participants/active`);
    await guest.ocs('POST', '/ocs/v2.php/apps/spreed/api/v1/guest/launch/name', { json: { displayName: 'Walter' } });
    renderRoomPage('launch');
    const user = userEvent.setup();

    expect(await within(await screen.findByRole('list', { name: 'Participants' })).findByText('Walter')).toBeInTheDocument();
    expect(within(rowOf('Walter')).getByText('In the lobby')).toBeInTheDocument();
    // Offline members are not waiting anywhere.
    expect(within(rowOf('Carol')).queryByText('In the lobby')).not.toBeInTheDocument();

    await openMenuItem(user, 'Walter', 'Let in');
    expect(await within(notices()).findByText('Walter was let in.')).toBeInTheDocument();
    await waitFor(() => expect(within(rowOf('Walter')).queryByText('In the lobby')).not.toBeInTheDocument());
    expect(await participant(server, 'launch', 'Walter')).toMatchObject({ permissions: 254 });

    await user.click(within(notices()).getByRole('button', { name: 'Undo' }));
    expect(await within(notices()).findByText('Walter’s permissions are as they were.')).toBeInTheDocument();
    expect(await participant(server, 'launch', 'Walter')).toMatchObject({ attendeePermissions: 0, permissions: 246 });
    expect(await within(rowOf('Walter')).findByText('In the lobby')).toBeInTheDocument();
  });
});

describe('permissions of one person (v4)', () => {
  it('starts from what they may do, saves the boxes, reopens with them, and Undo restores the previous ones', async () => {
    const server = demoServer();
    renderRoomPage('designteam');
    const user = userEvent.setup();

    await openMenuItem(user, 'Carol', 'Permissions');
    const dialog = await screen.findByRole('dialog', { name: 'Permissions for Carol' });
    const box = (name: string) => within(dialog).getByRole('checkbox', { name });
    // Members get everything but skipping the lobby from the server's default.
    for (const name of ['Start a call', 'Join a call', 'Publish audio', 'Publish video', 'Share the screen', 'Send messages']) {
      expect(box(name)).toBeChecked();
    }
    expect(box('Skip the lobby')).not.toBeChecked();

    await user.click(box('Send messages'));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(notices()).findByText('Carol’s permissions were changed.')).toBeInTheDocument();
    // The dialog gave focus back to the button that opened it.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Actions for Carol' })).toHaveFocus());
    expect(await participant(server, 'designteam', 'Carol')).toMatchObject({ attendeePermissions: 1 | 2 | 4 | 16 | 32 | 64 });

    // Reopened once the roster has the change (the row is busy until the refetch lands): the box stays unchecked.
    await waitFor(() => expect(rowOf('Carol')).not.toHaveAttribute('aria-busy'));
    await openMenuItem(user, 'Carol', 'Permissions');
    const reopened = await screen.findByRole('dialog', { name: 'Permissions for Carol' });
    expect(within(reopened).getByRole('checkbox', { name: 'Send messages' })).not.toBeChecked();
    await user.click(within(reopened).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    await user.click(within(notices()).getByRole('button', { name: 'Undo' }));
    expect(await within(notices()).findByText('Carol’s permissions are as they were.')).toBeInTheDocument();
    expect(await participant(server, 'designteam', 'Carol')).toMatchObject({ attendeePermissions: 0, permissions: 246 });
    // Opened again, the dialog starts from the restored permissions.
    await waitFor(() => expect(rowOf('Carol')).not.toHaveAttribute('aria-busy'));
    await openMenuItem(user, 'Carol', 'Permissions');
    const again = await screen.findByRole('dialog', { name: 'Permissions for Carol' });
    expect(within(again).getByRole('checkbox', { name: 'Send messages' })).toBeChecked();
  });

  it('"Reset to default" makes them follow the conversation again', async () => {
    const server = demoServer();
    const carol = await participant(server, 'designteam', 'Carol');
    await server.as('alice').ocs('PUT', `${room('designteam')}/attendees/permissions`, {
      json: { attendeeId: carol.attendeeId, method: 'set', permissions: 128 },
    });
    renderRoomPage('designteam');
    const user = userEvent.setup();

    await openMenuItem(user, 'Carol', 'Permissions');
    const dialog = await screen.findByRole('dialog', { name: 'Permissions for Carol' });
    expect(within(dialog).getByRole('checkbox', { name: 'Send messages' })).toBeChecked();
    expect(within(dialog).getByRole('checkbox', { name: 'Start a call' })).not.toBeChecked();
    await user.click(within(dialog).getByRole('button', { name: 'Reset to default' }));
    expect(await within(notices()).findByText('Carol follows the conversation’s default permissions again.')).toBeInTheDocument();
    expect(await participant(server, 'designteam', 'Carol')).toMatchObject({ attendeePermissions: 0, permissions: 246 });
  });

  it('explains a refusal in words and pushes no notice', async () => {
    const server = demoServer();
    renderRoomPage('designteam');
    const user = userEvent.setup();
    server.failNext({ method: 'PUT', path: `${room('designteam')}/attendees/permissions` }, { status: 400, data: { error: 'moderator' } });

    await openMenuItem(user, 'Dave', 'Permissions');
    await user.click(within(await screen.findByRole('dialog', { name: 'Permissions for Dave' })).getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Moderators always have every permission.');
    expect(within(notices()).queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument();
  });

  it('offers no permissions for a moderator: they always have every one', async () => {
    demoServer();
    renderRoomPage('designteam');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Actions for Bob' }));
    const items = within(await screen.findByRole('menu', { name: 'Actions for Bob' })).getAllByRole('menuitem');
    expect(items.map((item) => item.textContent)).toEqual(['Demote to member', 'Remove from conversation']);
  });
});

describe('default permissions (v4)', () => {
  it('edits the conversation\'s defaults, which the roster then shows; Undo puts the previous ones back', async () => {
    const server = demoServer();
    renderRoomPage('designteam');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Default permissions' }));
    const dialog = await screen.findByRole('dialog', { name: 'Default permissions' });
    expect(within(dialog).getByRole('checkbox', { name: 'Share the screen' })).toBeChecked();
    await user.click(within(dialog).getByRole('checkbox', { name: 'Share the screen' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(await within(notices()).findByText('The default permissions were changed.')).toBeInTheDocument();
    const changed = await server.as('alice').ocs<V4Room>('GET', room('designteam'));
    expect(changed.defaultPermissions).toBe(1 | 2 | 4 | 16 | 32 | 128);
    expect(await participant(server, 'designteam', 'Dave')).toMatchObject({ permissions: 1 | 2 | 4 | 16 | 32 | 128 });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Default permissions' })).toHaveFocus());

    await user.click(within(notices()).getByRole('button', { name: 'Undo' }));
    expect(await within(notices()).findByText('The default permissions are as they were.')).toBeInTheDocument();
    expect((await server.as('alice').ocs<V4Room>('GET', room('designteam'))).defaultPermissions).toBe(0);
  });

  it('is not offered to members', async () => {
    demoServer();
    renderRoomPage('designteam', 'carol');
    expect(await screen.findByRole('heading', { level: 1, name: 'Design team' })).toBeInTheDocument();
    expect(await screen.findByText('5 participants')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Default permissions' })).not.toBeInTheDocument();
  });
});

describe('a v1 server', () => {
  it('has no permissions, no "Let in" and no "Default permissions"', async () => {
    const server = demoServer('v1');
    const guest = server.as(null);
    await guest.ocs('POST', '/ocs/v2.php/apps/spreed/api/v1/room/launch/participants/active');
    await guest.ocs('POST', '/ocs/v2.php/apps/spreed/api/v1/guest/launch/name', { json: { displayName: 'Walter' } });
    renderRoomPage('launch');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Actions for Walter' }));
    const items = within(await screen.findByRole('menu', { name: 'Actions for Walter' })).getAllByRole('menuitem');
    expect(items.map((item) => item.textContent)).toEqual(['Promote to moderator', 'Remove from conversation']);
    expect(screen.getByRole('switch', { name: 'Lobby' })).toBeChecked();
    expect(screen.queryByRole('button', { name: 'Default permissions' })).not.toBeInTheDocument();
  });
});
