import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { getConversation } from '../../lib/api';
import { useNotices } from '../../lib/notices';
import { TALK_V4_BASE, type V4Participant } from '../../../contract/wire';
import { demoServer, type DemoServer } from '../../test/demo-server';
import { createTestServices, renderPage } from '../../test/render';
import { Roster } from './Roster';
import { useRosterUi } from './roster-ui-store';
import { giveTheRosterAViewport } from '../../test/roster-viewport';

giveTheRosterAViewport();

// The seeded officehours (server/db/seed.ts): bob owns it, alice moderates it, eve is a member; the guests Gina
// (in the call), Hugo and Ines (a guest moderator) are online, frank@example.org is invited by email. The
// seeded launch has its lobby on.
const room = (token: string) => `${TALK_V4_BASE}/room/${token}`;

beforeEach(() => {
  // UI state lives in module stores: each test starts without filters, selection or notices.
  useRosterUi.setState({ filters: {}, selections: {} });
  useNotices.setState({ notices: [] });
});

async function renderRoster(token: string, account: string) {
  const services = createTestServices({ account, password: 'demo' });
  const conversation = await getConversation(services.talkClient, token);
  const view = renderPage(
    <Roster conversation={conversation} viewerId={account} />,
    { services, notices: true },
  );
  return { ...view, user: userEvent.setup() };
}

const participantsOf = (server: DemoServer, token: string, moderator: string) =>
  server.as(moderator).ocs<V4Participant[]>('GET', `${room(token)}/participants`);

const shownNames = () =>
  within(screen.getByRole('list', { name: 'Participants' }))
    .getAllByRole('listitem')
    .map((item) => item.querySelector('.roster-name-text')?.textContent);

function rowOf(name: string): HTMLElement {
  const row = screen.getByText(name, { selector: '.roster-name-text' }).closest('li');
  if (!row) throw new Error(`no row for ${name}`);
  return row;
}

const filters = () => within(screen.getByRole('group', { name: 'Filter participants' }));
const toolbar = () => screen.getByRole('toolbar', { name: 'Selection' });

describe('Roster filters', () => {
  it('narrow by role (any of) and by state (all of), together with the search, and say how many are shown', async () => {
    demoServer();
    const { user } = await renderRoster('officehours', 'bob');
    expect(await screen.findByText('7 participants')).toBeInTheDocument();
    // The lobby is off here: no "In the lobby".
    expect(filters().queryByRole('checkbox', { name: 'In the lobby' })).not.toBeInTheDocument();

    await user.click(filters().getByRole('checkbox', { name: 'Moderators' }));
    expect(await screen.findByText('3 of 7 participants')).toBeInTheDocument();
    expect(shownNames()).toEqual(['Alice', 'Ines', 'Bob']);

    await user.click(filters().getByRole('checkbox', { name: 'Guests' }));
    expect(await screen.findByText('6 of 7 participants')).toBeInTheDocument();

    await user.click(filters().getByRole('checkbox', { name: 'Online' }));
    expect(await screen.findByText('4 of 7 participants')).toBeInTheDocument();
    expect(within(rowOf('Alice')).getByText('Online')).toBeInTheDocument();

    await user.click(filters().getByRole('checkbox', { name: 'In the call' }));
    expect(await screen.findByText('1 of 7 participants')).toBeInTheDocument();
    expect(within(screen.getByRole('listitem')).getByText('In call')).toBeInTheDocument();

    await user.click(filters().getByRole('checkbox', { name: 'In the call' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search participants' }), 'i');
    // Online moderators or guests whose name or id has an "i": Alice, Ines, Gina.
    expect(await screen.findByText('3 of 7 participants')).toBeInTheDocument();

    await user.type(screen.getByRole('searchbox', { name: 'Search participants' }), 'zz');
    expect(await screen.findByText('No participant matches “izz”.')).toBeInTheDocument();
    expect(screen.getByText('0 of 7 participants')).toBeInTheDocument();

    await user.clear(screen.getByRole('searchbox', { name: 'Search participants' }));
    for (const name of ['Moderators', 'Guests', 'Online']) await user.click(filters().getByRole('checkbox', { name }));
    expect(await screen.findByText('7 participants')).toBeInTheDocument();
  });

  it('offer "In the lobby" while the lobby is on', async () => {
    demoServer();
    await renderRoster('launch', 'alice');
    await screen.findByText(/^\d+ participants$/);
    expect(filters().getByRole('checkbox', { name: 'In the lobby' })).not.toBeChecked();
  });
});

describe('Roster selection', () => {
  it('offers a checkbox on every row but your own, and says why an action applies to none of the selected', async () => {
    demoServer();
    const { user } = await renderRoster('officehours', 'bob');
    await screen.findByText('7 participants');
    expect(screen.queryByRole('checkbox', { name: 'Select Bob' })).not.toBeInTheDocument();
    expect(screen.queryByRole('toolbar', { name: 'Selection' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Select Eve' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select Hugo' }));
    expect(within(toolbar()).getByText('2 selected')).toBeInTheDocument();
    expect(within(toolbar()).getByRole('button', { name: 'Promote' })).toBeEnabled();
    const demote = within(toolbar()).getByRole('button', { name: 'Demote' });
    expect(demote).toHaveAttribute('aria-disabled', 'true');
    expect(demote).toHaveAccessibleDescription('None of the selected can be demoted.');
    expect(screen.getByText('None of the selected can be demoted.')).toBeVisible();
    // A v4 server has permissions; the lobby is off, so nobody is to be let in.
    expect(within(toolbar()).getByRole('button', { name: 'Permissions' })).toBeEnabled();
    expect(within(toolbar()).queryByRole('button', { name: 'Let in' })).not.toBeInTheDocument();

    await user.click(within(toolbar()).getByRole('button', { name: 'Clear selection' }));
    expect(screen.queryByRole('toolbar', { name: 'Selection' })).not.toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Select Eve' })).not.toBeChecked();
  });

  it('"Select all shown" selects what the filters show, and is mixed when only some of them are selected', async () => {
    demoServer();
    const { user } = await renderRoster('officehours', 'bob');
    await screen.findByText('7 participants');
    const selectAll = screen.getByRole('checkbox', { name: 'Select all shown' });

    await user.click(filters().getByRole('checkbox', { name: 'Guests' }));
    await screen.findByText('4 of 7 participants');
    await user.click(selectAll);
    expect(selectAll).toBeChecked();
    expect(within(toolbar()).getByText('4 selected')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Select frank@example.org' })).toBeChecked();

    // Everyone shown again: some are selected.
    await user.click(filters().getByRole('checkbox', { name: 'Guests' }));
    await screen.findByText('7 participants');
    expect(selectAll).toBePartiallyChecked();
    expect(screen.getByRole('checkbox', { name: 'Select Eve' })).not.toBeChecked();

    await user.click(selectAll);
    // Everyone but yourself.
    expect(within(toolbar()).getByText('6 selected')).toBeInTheDocument();
    expect(selectAll).toBeChecked();
    await user.click(selectAll);
    expect(screen.queryByRole('toolbar', { name: 'Selection' })).not.toBeInTheDocument();
  });
});

describe('Bulk actions', () => {
  it('promote the selected, say so once, and undo it', async () => {
    demoServer();
    const { user } = await renderRoster('officehours', 'bob');
    await screen.findByText('7 participants');
    await user.click(screen.getByRole('checkbox', { name: 'Select Eve' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select Hugo' }));
    await user.click(within(toolbar()).getByRole('button', { name: 'Promote' }));

    expect(await screen.findByText('Promoted 2 of 2 selected.')).toBeInTheDocument();
    expect(within(rowOf('Eve')).getByText('Moderator')).toBeInTheDocument();
    expect(within(rowOf('Hugo')).getByText('Guest moderator')).toBeInTheDocument();
    const notices = screen.getByRole('status', { name: 'Notices' });
    expect(within(notices).getByText('Promoted 2 participants.')).toBeInTheDocument();
    // The selection stays, and both can now be demoted.
    expect(within(toolbar()).getByRole('button', { name: 'Demote' })).toBeEnabled();

    await user.click(within(notices).getByRole('button', { name: 'Undo' }));
    expect(await within(notices).findByText('Promotion undone for 2 participants.')).toBeInTheDocument();
    await waitFor(() => expect(within(rowOf('Eve')).getByText('Member')).toBeInTheDocument());
    expect(within(rowOf('Hugo')).getByText('Guest', { selector: '.roster-role' })).toBeInTheDocument();
  });

  it('change the permissions of the selected in one dialog, and undo it', async () => {
    const server = demoServer();
    const { user } = await renderRoster('officehours', 'bob');
    await screen.findByText('7 participants');
    await user.click(screen.getByRole('checkbox', { name: 'Select Eve' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select Hugo' }));
    await user.click(within(toolbar()).getByRole('button', { name: 'Permissions' }));

    const dialog = await screen.findByRole('dialog', { name: 'Permissions for 2 participants' });
    await user.click(within(dialog).getByRole('checkbox', { name: 'Send messages' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Changed the permissions of 2 of 2 selected.')).toBeInTheDocument();
    const own = async (name: string) =>
      (await participantsOf(server, 'officehours', 'bob')).find((participant) => participant.displayName === name)
        ?.attendeePermissions;
    // Chosen permissions carry Talk's "custom" bit (1); "send messages" (128) is gone.
    expect((await own('Eve'))! & 128).toBe(0);
    expect((await own('Hugo'))! & 1).toBe(1);

    const notices = screen.getByRole('status', { name: 'Notices' });
    await user.click(within(notices).getByRole('button', { name: 'Undo' }));
    expect(await within(notices).findByText('Permissions restored for 2 participants.')).toBeInTheDocument();
    expect(await own('Eve')).toBe(0);
    expect(await own('Hugo')).toBe(0);
  });

  it('remove after one question, show progress, stop when cancelled, and undo what can be undone', async () => {
    const server = demoServer();
    const { user } = await renderRoster('officehours', 'bob');
    await screen.findByText('7 participants');
    await user.click(screen.getByRole('checkbox', { name: 'Select all shown' }));
    expect(within(toolbar()).getByText('6 selected')).toBeInTheDocument();

    await user.click(within(toolbar()).getByRole('button', { name: 'Remove' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove 6 participants?' });
    expect(dialog).toHaveTextContent('4 of them are guests: removing a guest cannot be undone');

    // The first four requests (Gina, Alice, Ines, Hugo, in the roster's order) wait for the test.
    const held = Array.from({ length: 4 }, () => server.hold({ method: 'DELETE', path: /\/attendees$/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await Promise.all(held.map((request) => request.arrived));
    expect(await screen.findByText('Removing 0 of 6…')).toBeInTheDocument();
    // The question has gone (with its own Cancel button) before the run's Cancel is pressed.
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    for (const request of held) request.release();

    expect(await screen.findByText('Removed 4 of 6 selected.')).toBeInTheDocument();
    expect(screen.getByText('Cancelled: 2 participants left as they were.')).toBeInTheDocument();
    expect(server.calls({ method: 'DELETE' })).toHaveLength(4);
    await screen.findByText('3 participants');
    expect(shownNames()).toEqual(['Bob', 'Eve', 'frank@example.org']);
    // Those who left are no longer selected.
    expect(within(toolbar()).getByText('2 selected')).toBeInTheDocument();

    const notices = screen.getByRole('status', { name: 'Notices' });
    expect(within(notices).getByText('Removed 4 participants. The 3 guests among them cannot be added back.')).toBeInTheDocument();
    await user.click(within(notices).getByRole('button', { name: 'Undo' }));
    expect(await within(notices).findByText('1 participant added back.')).toBeInTheDocument();
    // Alice is back, a moderator again.
    await waitFor(() => expect(within(rowOf('Alice')).getByText('Moderator')).toBeInTheDocument());
  });

  it('skip those an action does not apply to and name each refusal in the summary', async () => {
    const server = demoServer();
    const { user } = await renderRoster('officehours', 'alice');
    await screen.findByText('7 participants');
    await user.click(screen.getByRole('checkbox', { name: 'Select Bob' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select Eve' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select Hugo' }));

    // Eve leaves before the moderator acts; the roster has not noticed yet.
    const eve = (await participantsOf(server, 'officehours', 'bob')).find((participant) => participant.actorId === 'eve');
    await server.as('bob').ocs('DELETE', `${room('officehours')}/attendees`, { json: { attendeeId: eve?.attendeeId } });

    await user.click(within(toolbar()).getByRole('button', { name: 'Remove' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove 2 participants?' });
    expect(dialog).toHaveTextContent('1 participant of the selected cannot be removed and will be skipped.');
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));

    expect(await screen.findByText('Removed 1 of 3 selected.')).toBeInTheDocument();
    expect(screen.getByText('Skipped 1: The owner cannot be removed.')).toBeInTheDocument();
    expect(screen.getByText('Not removed, 1: This participant has already left.')).toBeInTheDocument();
    // The guest cannot come back: no undo.
    const notices = screen.getByRole('status', { name: 'Notices' });
    expect(within(notices).getByText('Removed 1 participant. The guest among them cannot be added back.')).toBeInTheDocument();
    expect(within(notices).queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument();
    await waitFor(() => expect(within(toolbar()).getByText('1 selected')).toBeInTheDocument());
  });
});
