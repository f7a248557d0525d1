import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { getConversation } from '../../lib/api';
import { activateLocale } from '../../lib/i18n';
import { TALK_V4_BASE, type V4Participant } from '../../../contract/wire';
import { demoServer, type DemoServer } from '../../test/demo-server';
import { createTestServices, renderPage } from '../../test/render';
import { Roster } from './Roster';
import { giveTheRosterAViewport } from '../../test/roster-viewport';

giveTheRosterAViewport();

// The seeded conversations (server/db/seed.ts). officehours: bob owns it, alice moderates it, eve is a member; the
// guests Gina (in the call), Hugo and Ines (a guest moderator) are online, frank@example.org is invited by email.
// supportdesk: dave owns it, eve moderates it, alice and the group Support are members. designteam: alice owns it.
const room = (token: string) => `${TALK_V4_BASE}/room/${token}`;

/** The roster of `token` as `account` sees it, with the conversation as the server describes it to them. */
async function renderRoster(token: string, account: string, options: { onConversationChanged?: () => void } = {}) {
  const services = createTestServices({ account, password: 'demo' });
  const conversation = await getConversation(services.talkClient, token);
  const view = renderPage(
    <Roster conversation={conversation} viewerId={account} onConversationChanged={options.onConversationChanged} />,
    { services, notices: true },
  );
  return { ...view, conversation };
}

/** The participants as a moderator of `token` reads them from the server. */
const participantsOf = (server: DemoServer, token: string, moderator: string) =>
  server.as(moderator).ocs<V4Participant[]>('GET', `${room(token)}/participants`);

async function attendeeIdOf(server: DemoServer, token: string, moderator: string, displayName: string) {
  const found = (await participantsOf(server, token, moderator)).find((participant) => participant.displayName === displayName);
  if (!found) throw new Error(`${displayName} is not in ${token}`);
  return found.attendeeId;
}

/** A guest joins `token` from their own browser and names themselves. */
async function guestJoins(server: DemoServer, token: string, name: string) {
  const guest = server.as(null);
  await guest.ocs('POST', `${room(token)}/participants/active`, { json: { force: false } });
  await guest.ocs('POST', `/ocs/v2.php/apps/spreed/api/v1/guest/${token}/name`, { json: { displayName: name } });
}

const crowd = (size: number) =>
  Array.from({ length: size }, (_, index) => {
    const number = String(index).padStart(String(size - 1).length, '0');
    return { id: `person${number}`, displayName: `Person ${number}` };
  });

function rowOf(name: string): HTMLElement {
  const row = screen.getByText(name, { selector: '.roster-name-text' }).closest('li');
  if (!row) throw new Error(`no row for ${name}`);
  return row;
}

const changes = (server: DemoServer) => server.requests.filter((request) => request.method !== 'GET');

describe('Roster', () => {
  it('lists the participants with their count, role, presence and status; names are text', async () => {
    const server = demoServer();
    await server.as('bob').ocs('POST', `${room('officehours')}/participants`, { json: { newParticipant: 'design', source: 'groups' } });
    await guestJoins(server, 'officehours', '<img src=x onerror=alert(1)>');
    const { container } = await renderRoster('officehours', 'bob');

    // The group brought its members alice (there already), bob (there already) and carol.
    expect(await screen.findByText('10 participants')).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Participants' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(10);
    // Online first, in the call first, moderators first, accounts before guests; then by name.
    expect(items.map((item) => item.querySelector('.roster-name-text')?.textContent)).toEqual([
      'Gina (guest)',
      'Alice',
      'Ines',
      '<img src=x onerror=alert(1)>',
      'Hugo',
      'Bob',
      'Carol',
      'Design',
      'Eve',
      'frank@example.org',
    ]);
    expect(items[0]).toHaveAttribute('aria-posinset', '1');
    expect(items[0]).toHaveAttribute('aria-setsize', '10');

    expect(within(rowOf('Bob')).getByText('Owner')).toBeInTheDocument();
    expect(within(rowOf('Bob')).getByText('You')).toBeInTheDocument();
    // Bob has no session on the server, but he is the one reading this roster.
    expect(within(rowOf('Bob')).getByText('Online')).toBeInTheDocument();
    expect(within(rowOf('Bob')).getByText('📅 Away In a meeting')).toBeInTheDocument();
    const alice = within(rowOf('Alice'));
    expect(alice.getByText('Moderator')).toBeInTheDocument();
    expect(alice.getByText('Online')).toBeInTheDocument();
    const eve = within(rowOf('Eve'));
    expect(eve.getByText('Member')).toBeInTheDocument();
    expect(eve.getByText('Offline')).toBeInTheDocument();
    expect(eve.getByText(/Back from holidays/)).toBeInTheDocument();
    expect(within(rowOf('Hugo')).getByText('Guest', { selector: '.roster-role' })).toBeInTheDocument();
    expect(within(rowOf('Design')).getByText('Group')).toBeInTheDocument();

    // The markup-looking name is shown as it is; the only images are the accounts' avatars.
    const avatars = [...container.querySelectorAll('img')];
    expect(avatars.map((img) => img.getAttribute('src'))).toEqual([
      '/index.php/avatar/alice/64',
      '/index.php/avatar/bob/64',
      '/index.php/avatar/carol/64',
      '/index.php/avatar/eve/64',
    ]);
    expect(avatars.every((img) => img.getAttribute('alt') === '' && img.getAttribute('loading') === 'lazy')).toBe(true);
  });

  it('renders only the rows on screen of a large roster', async () => {
    const server = demoServer();
    server.addMembers('supportdesk', crowd(4996));
    const { container } = await renderRoster('supportdesk', 'dave');

    expect(await screen.findByText('5,000 participants')).toBeInTheDocument();
    const items = within(screen.getByRole('list', { name: 'Participants' })).getAllByRole('listitem');
    expect(items.length).toBeGreaterThan(5);
    expect(items.length).toBeLessThan(30);
    expect(items[0]).toHaveAttribute('aria-setsize', '5000');
    // Avatars scale with the rows on screen, never with the roster.
    expect(container.querySelectorAll('img').length).toBe(items.filter((item) => item.querySelector('img')).length);
    expect(container.querySelectorAll('img').length).toBeLessThan(30);
  });

  it('filters by name, account id and email, ignoring case and accents', async () => {
    const server = demoServer();
    server.addMembers('officehours', [{ id: 'jdoe', displayName: 'José' }]);
    await renderRoster('officehours', 'bob');
    const user = userEvent.setup();
    const search = await screen.findByRole('searchbox', { name: 'Search participants' });
    await screen.findByText('8 participants');

    await user.type(search, 'JOSE');
    await vi.waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(1));
    expect(rowOf('José')).toBeInTheDocument();
    expect(screen.getByText('1 of 8 participants')).toBeInTheDocument();

    await user.clear(search);
    await user.type(search, 'jdo');
    await vi.waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(1));

    await user.clear(search);
    await user.type(search, 'example.org');
    await vi.waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(1));
    expect(rowOf('frank@example.org')).toBeInTheDocument();

    await user.type(search, 'x');
    expect(await screen.findByText('No participant matches “example.orgx”.')).toBeInTheDocument();
    // One count, saying how many of everyone are shown.
    expect(screen.getByText('0 of 8 participants')).toBeInTheDocument();
  });

  it('offers each row only the actions that apply, for a moderator', async () => {
    const server = demoServer();
    await server.as('bob').ocs('POST', `${room('officehours')}/participants`, { json: { newParticipant: 'support', source: 'groups' } });
    await renderRoster('officehours', 'alice');
    const user = userEvent.setup();
    await screen.findByText('9 participants');

    // Nobody acts on the owner, or on themselves.
    expect(screen.queryByRole('button', { name: 'Actions for Bob' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Actions for Alice' })).not.toBeInTheDocument();

    // One menu serves every row: the items are those of the row named in the menu's name, once it is reopened.
    const itemsOfMenu = async (name: string) =>
      within(await screen.findByRole('menu', { name })).getAllByRole('menuitem').map((item) => item.textContent);
    const closeMenu = async () => {
      await user.keyboard('{Escape}');
      await vi.waitFor(() => expect(screen.queryByRole('menu')).not.toBeInTheDocument());
    };

    await user.click(screen.getByRole('button', { name: 'Actions for Eve' }));
    // A current (v4) server has per-person permissions and bans; the lobby is off, so nobody is let in.
    expect(await itemsOfMenu('Actions for Eve')).toEqual([
      'Promote to moderator',
      'Permissions',
      'Remove from conversation',
      'Ban from conversation',
    ]);
    await closeMenu();

    await user.click(screen.getByRole('button', { name: 'Actions for Support' }));
    expect(await itemsOfMenu('Actions for Support')).toEqual(['Remove from conversation']);
    await closeMenu();

    await user.click(screen.getByRole('button', { name: 'Actions for Hugo' }));
    expect(await itemsOfMenu('Actions for Hugo')).toEqual([
      'Promote to moderator',
      'Permissions',
      'Remove from conversation',
      'Ban from conversation',
    ]);
  });

  it('speaks German once the language changes, numbers included, and English again after', async () => {
    const server = demoServer();
    server.addMembers('supportdesk', crowd(1196));
    await renderRoster('supportdesk', 'dave');
    const user = userEvent.setup();
    expect(await screen.findByText('1,200 participants')).toBeInTheDocument();

    await act(() => activateLocale('de'));

    expect(await screen.findByText('1.200 Teilnehmende')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Teilnehmende' })).toBeInTheDocument();
    const filters = screen.getByRole('group', { name: 'Teilnehmende filtern' });
    expect(within(filters).getAllByRole('checkbox').map((box) => box.closest('label')?.textContent)).toEqual([
      'Moderatoren',
      'Mitglieder',
      'Gäste',
      'Online',
      'Im Anruf',
    ]);
    await user.click(within(filters).getByRole('checkbox', { name: 'Moderatoren' }));
    expect(await screen.findByText('2 von 1.200 Teilnehmende')).toBeInTheDocument();
    // The rows were built in English: they are built again with the German role words.
    expect(within(rowOf('Dave')).getByText('Eigentümer')).toBeInTheDocument();
    expect(within(rowOf('Eve')).getByText('Moderator')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Aktionen für Eve' }));
    const menu = await screen.findByRole('menu', { name: 'Aktionen für Eve' });
    expect(within(menu).getAllByRole('menuitem').map((item) => item.textContent)).toEqual([
      'Moderatorrechte entziehen',
      'Aus der Unterhaltung entfernen',
    ]);
    await user.keyboard('{Escape}');

    await act(() => activateLocale('en'));
    expect(await screen.findByText('2 of 1,200 participants')).toBeInTheDocument();
    expect(within(rowOf('Dave')).getByText('Owner')).toBeInTheDocument();
    // The filters outlive the page (per conversation): leave them as the other tests expect them.
    await user.click(screen.getByRole('checkbox', { name: 'Moderators' }));
    expect(await screen.findByText('1,200 participants')).toBeInTheDocument();
  });

  it('gives a member no actions and no "Add participants"', async () => {
    demoServer();
    await renderRoster('officehours', 'eve');
    await screen.findByText('7 participants');

    expect(screen.queryByRole('button', { name: /^Actions for/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add participants' })).not.toBeInTheDocument();
  });

  it('asks before removing, then removes and shows the roster without them', async () => {
    const server = demoServer();
    const eveId = await attendeeIdOf(server, 'officehours', 'bob', 'Eve');
    await renderRoster('officehours', 'bob');
    const user = userEvent.setup();
    await screen.findByText('7 participants');

    await user.click(screen.getByRole('button', { name: 'Actions for Eve' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Remove from conversation' }));

    const dialog = await screen.findByRole('alertdialog', { name: 'Remove Eve?' });
    expect(dialog).toHaveTextContent('Eve will no longer be a participant of “Open office hours”.');
    expect(changes(server)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));

    // The done words are a notice (see undo.test.tsx for its "Undo").
    const notices = screen.getByRole('status', { name: 'Notices' });
    expect(await within(notices).findByText('Eve was removed from the conversation.')).toBeInTheDocument();
    expect(screen.getByText('6 participants')).toBeInTheDocument();
    expect(screen.queryByText('Eve', { selector: '.roster-name-text' })).not.toBeInTheDocument();
    expect(changes(server).map((request) => `${request.method} ${request.path}`)).toEqual([
      `DELETE ${room('officehours')}/attendees?attendeeId=${eveId}`,
    ]);
    expect((await participantsOf(server, 'officehours', 'bob')).map((participant) => participant.displayName)).not.toContain('Eve');
    // Focus went back to Eve's row, which is gone: it moves on to the row now in its place.
    await vi.waitFor(() => expect(document.activeElement?.querySelector('.roster-name-text')).toHaveTextContent('frank@example.org'));
  });

  it('does nothing when the removal is cancelled, and gives focus back to the actions button', async () => {
    const server = demoServer();
    await renderRoster('officehours', 'bob');
    const user = userEvent.setup();
    await screen.findByText('7 participants');
    const actions = screen.getByRole('button', { name: 'Actions for Eve' });

    await user.click(actions);
    await user.click(await screen.findByRole('menuitem', { name: 'Remove from conversation' }));
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));

    await vi.waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    await vi.waitFor(() => expect(actions).toHaveFocus());
    expect(changes(server)).toHaveLength(0);
  });

  it('promotes and demotes, with progress until the roster shows it', async () => {
    const server = demoServer();
    await renderRoster('officehours', 'bob');
    const user = userEvent.setup();
    await screen.findByText('7 participants');

    await user.click(screen.getByRole('button', { name: 'Actions for Eve' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Promote to moderator' }));
    const notices = screen.getByRole('status', { name: 'Notices' });
    expect(await within(notices).findByText('Eve is now a moderator.')).toBeInTheDocument();
    expect(within(rowOf('Eve')).getByText('Moderator')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Actions for Alice' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Demote to member' }));
    expect(await within(notices).findByText('Alice is now a member.')).toBeInTheDocument();
    expect(within(rowOf('Alice')).getByText('Member')).toBeInTheDocument();
    const roles = new Map((await participantsOf(server, 'officehours', 'bob')).map((participant) => [participant.displayName, participant.participantType]));
    expect([roles.get('Eve'), roles.get('Alice')]).toEqual([2, 3]);
  });

  it('explains refusals in words: someone who already left, the owner, a lost connection', async () => {
    const server = demoServer();
    await renderRoster('officehours', 'alice');
    const user = userEvent.setup();
    await screen.findByText('7 participants');

    async function remove(name: string) {
      await user.click(screen.getByRole('button', { name: `Actions for ${name}` }));
      await user.click(await screen.findByRole('menuitem', { name: 'Remove from conversation' }));
      await user.click(await screen.findByRole('button', { name: 'Remove' }));
    }

    // bob removes Eve while alice still sees her.
    await server.as('bob').ocs('DELETE', `${room('officehours')}/attendees`, {
      params: { attendeeId: await attendeeIdOf(server, 'officehours', 'bob', 'Eve') },
    });
    await remove('Eve');
    expect(await screen.findByRole('alert')).toHaveTextContent('This participant has already left.');

    // Talk refuses to remove an owner; the demo never makes anyone else owner, so no row it offers removal is one.
    server.failNext({ method: 'DELETE', path: `${room('officehours')}/attendees` }, { status: 403, data: { error: 'owner' } });
    await remove('Hugo');
    await vi.waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('The owner cannot be removed.'));

    // A connection lost on the way.
    server.failNext({ method: 'POST', path: `${room('officehours')}/moderators` }, { network: 'offline' });
    await user.click(screen.getByRole('button', { name: 'Actions for Hugo' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Promote to moderator' }));
    await vi.waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'The server could not be reached. Check your connection and try again.',
      ),
    );
    expect(screen.getByRole('alert')).not.toHaveTextContent(/\b(403|404)\b/);
  });

  it('moves through the rows with the keyboard, as one tab stop', async () => {
    const server = demoServer();
    // With dave (owner) and eve (moderator) first, then the offline accounts by name, the group last.
    server.addMembers('supportdesk', crowd(200).map(({ id, displayName }) => ({ id, displayName: `A ${displayName.toLowerCase()}` })));
    await renderRoster('supportdesk', 'dave');
    const user = userEvent.setup();
    await screen.findByText('204 participants');
    const name = () => document.activeElement?.querySelector('.roster-name-text')?.textContent;

    await user.click(screen.getByRole('searchbox', { name: 'Search participants' }));
    await user.tab();
    expect(name()).toBe('Dave');

    await user.keyboard('{ArrowDown}');
    expect(name()).toBe('Eve');
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowUp}');
    expect(name()).toBe('A person 000');

    // Far beyond the rendered rows: the virtualiser renders the row before it gets focus.
    await user.keyboard('{End}');
    expect(name()).toBe('Support');
    expect(document.activeElement).toHaveAttribute('aria-posinset', '204');
    await user.keyboard('{PageUp}');
    expect(name()).toBe('A person 192');
    await user.keyboard('{Home}');
    expect(name()).toBe('Dave');
    await user.keyboard('{PageDown}');
    expect(name()).toBe('A person 007');

    // Tab goes to the row's checkbox and actions, then out of the list: the other rows are not tab stops.
    await user.tab();
    expect(document.activeElement).toHaveAccessibleName('Select A person 007');
    await user.tab();
    expect(document.activeElement).toHaveAccessibleName('Actions for A person 007');
    await user.tab();
    expect(document.activeElement?.closest('ul')).toBeNull();
    await user.tab({ shift: true });
    await user.tab({ shift: true });
    await user.tab({ shift: true });
    expect(name()).toBe('A person 007');
  });

  it('shows the lobby to a non-moderator the lobby keeps out (412), with its start time', async () => {
    demoServer();
    // The seeded launch has its lobby on for a week; carol is a member.
    const { conversation } = await renderRoster('launch', 'carol');
    expect(conversation.lobby.opensAt).not.toBeNull();

    expect(await screen.findByRole('heading', { name: 'Waiting in the lobby' })).toBeInTheDocument();
    expect(screen.getByText(/The lobby is on/)).toHaveTextContent(String(new Date(conversation.lobby.opensAt ?? 0).getFullYear()));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Participants' })).not.toBeInTheDocument();
  });
});

describe('Add participants', () => {
  async function openDialog(count: string) {
    const user = userEvent.setup();
    await screen.findByText(count);
    await user.click(screen.getByRole('button', { name: 'Add participants' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add participants' });
    return { user, dialog };
  }

  it('searches, takes several picks, adds each with its own request and reports each', async () => {
    const server = demoServer();
    await renderRoster('supportdesk', 'dave');
    const { user, dialog } = await openDialog('4 participants');
    const combobox = within(dialog).getByRole('combobox', { name: 'Search users, groups or emails' });

    await user.type(combobox, 'bo');
    await user.click(await screen.findByRole('option', { name: /Bob/ }));
    await user.clear(combobox);
    await user.type(combobox, 'des');
    await user.click(await screen.findByRole('option', { name: /Design/ }));
    await user.clear(combobox);
    await user.type(combobox, 'car');
    await user.click(await screen.findByRole('option', { name: /Carol/ }));

    const picks = within(dialog).getByRole('list', { name: 'To add' });
    expect(within(picks).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      expect.stringContaining('Bob'),
      expect.stringContaining('Design'),
      expect.stringContaining('Carol'),
    ]);
    // The search waits for a pause in typing: far fewer requests than keystrokes.
    expect(server.calls({ path: /autocomplete/ }).length).toBeLessThanOrEqual(4);

    // Carol's account is deleted meanwhile (the demo has no account administration: the seed's table it is).
    server.db.prepare("DELETE FROM users WHERE id = 'carol'").run();
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));

    expect(await within(dialog).findByText('Added Bob.')).toBeInTheDocument();
    expect(within(dialog).getByText('Added Design.')).toBeInTheDocument();
    expect(within(dialog).getByText('Carol was not added: Carol no longer exists on the server.')).toBeInTheDocument();
    expect(changes(server).map((request) => [request.method, request.body])).toEqual([
      ['POST', JSON.stringify({ newParticipant: 'bob', source: 'users' })],
      ['POST', JSON.stringify({ newParticipant: 'design', source: 'groups' })],
      ['POST', JSON.stringify({ newParticipant: 'carol', source: 'users' })],
    ]);
    // What failed stays picked, to try again; the roster shows the newcomers (the group's alice was there).
    expect(within(within(dialog).getByRole('list', { name: 'To add' })).getAllByRole('listitem')).toHaveLength(1);
    expect(await screen.findByText('6 participants')).toBeInTheDocument();
  });

  it('offers a typed address first, in the same place before and after the server has answered the search', async () => {
    const server = demoServer();
    await renderRoster('designteam', 'alice');
    const { user, dialog } = await openDialog('5 participants');
    const combobox = within(dialog).getByRole('combobox');
    await user.type(combobox, 'dave');
    await screen.findByRole('option', { name: /Dave/ });

    const search = server.hold({ path: /autocomplete/ });
    await user.paste('@example.org');
    const offered = await screen.findByRole('option', { name: /dave@example.org/ });
    // The previous search's results are still shown while the address's is under way: the address comes first.
    expect(screen.getAllByRole('option')[0]).toBe(offered);
    expect(screen.getByRole('option', { name: /Dave/ })).toBeInTheDocument();

    await search.arrived;
    search.release();
    await vi.waitFor(() => expect(screen.getByRole('listbox')).not.toHaveAttribute('aria-busy', 'true'));
    expect(screen.getAllByRole('option')[0]).toBe(offered);
  });

  it('invites an email address and says when that made the conversation public', async () => {
    const server = demoServer();
    const onConversationChanged = vi.fn();
    await renderRoster('designteam', 'alice', { onConversationChanged });
    const { user, dialog } = await openDialog('5 participants');

    await user.type(within(dialog).getByRole('combobox'), 'sam@example.org');
    await user.click(await screen.findByRole('option', { name: /sam@example.org/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));

    expect(
      await within(dialog).findByText(
        'Added sam@example.org. The conversation is now public, so that they can join by its link.',
      ),
    ).toBeInTheDocument();
    expect(onConversationChanged).toHaveBeenCalled();
    expect((await server.as('alice').ocs<{ type: number }>('GET', room('designteam'))).type).toBe(3);
  });

  it('says "now public" only for the email that changed it: Talk reports the type for every email guest', async () => {
    const server = demoServer();
    const onConversationChanged = vi.fn();
    await renderRoster('designteam', 'alice', { onConversationChanged });
    const { user, dialog } = await openDialog('5 participants');

    for (const email of ['sam@example.org', 'tom@example.org']) {
      await user.clear(within(dialog).getByRole('combobox'));
      await user.type(within(dialog).getByRole('combobox'), email);
      await user.click(await screen.findByRole('option', { name: new RegExp(email) }));
    }
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));

    expect(
      await within(dialog).findByText(
        'Added sam@example.org. The conversation is now public, so that they can join by its link.',
      ),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('Added tom@example.org.')).toBeInTheDocument();
    expect(onConversationChanged).toHaveBeenCalledTimes(1);
    expect(server.calls({ method: 'POST', path: `${server.talkBase}/room/designteam/participants` })).toHaveLength(2);
  });

  it('closes the suggestions on Escape before the dialog, keeping the picks', async () => {
    demoServer();
    await renderRoster('designteam', 'alice');
    const { user, dialog } = await openDialog('5 participants');

    await user.type(within(dialog).getByRole('combobox'), 'ev');
    await user.click(await screen.findByRole('option', { name: /Eve/ }));
    expect(screen.getByRole('listbox')).toBeInTheDocument();

    await user.keyboard('{Escape}');
    await vi.waitFor(() => expect(screen.queryByRole('listbox')).not.toBeInTheDocument());
    expect(screen.getByRole('dialog', { name: 'Add participants' })).toBeInTheDocument();
    expect(within(dialog).getByRole('list', { name: 'To add' })).toHaveTextContent('Eve');

    await user.keyboard('{Escape}');
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Add participants' })).toHaveFocus());
  });

  it('keeps what was typed when the search fails, and says why', async () => {
    const server = demoServer();
    server.failWhile({ path: /autocomplete/ }, { network: 'offline' });
    await renderRoster('designteam', 'alice');
    const { user, dialog } = await openDialog('5 participants');
    const combobox = within(dialog).getByRole('combobox');

    await user.type(combobox, 'dav');

    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The server could not be reached.');
    expect(combobox).toHaveValue('dav');
  });
});
