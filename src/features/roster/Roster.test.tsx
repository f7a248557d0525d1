import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Conversation } from '../../lib/api';
import { TALK_V4_BASE } from '../../../contract/wire';
import { TOKEN, conversation, designTeam, fakeRoster, suggestion, type FakeRoster } from '../../test/fake-roster';
import { ocsResponse, stubFetch } from '../../test/ocs';
import { renderPage } from '../../test/render';
import { capabilitiesRoute, v4Participant } from '../../test/talk-fixtures';
import { Roster } from './Roster';

const ROOM = `${TALK_V4_BASE}/room/${TOKEN}`;

// jsdom has no layout: the roster's scroll element gets the height of ten rows, as a browser would give it.
beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (this: HTMLElement) {
    return this.classList.contains('roster-scroller') ? 640 : 0;
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function renderRoster(
  server: FakeRoster,
  options: { conversation?: Conversation; viewerId?: string | null; onConversationChanged?: () => void } = {},
) {
  const fetch = stubFetch(capabilitiesRoute('v4'), server.route);
  const view = renderPage(
    <Roster
      conversation={options.conversation ?? conversation()}
      viewerId={options.viewerId === undefined ? 'alice' : options.viewerId}
      onConversationChanged={options.onConversationChanged}
    />,
  );
  return { ...view, fetch };
}

function rowOf(name: string): HTMLElement {
  const row = screen.getByText(name, { selector: '.roster-name-text' }).closest('li');
  if (!row) throw new Error(`no row for ${name}`);
  return row;
}

describe('Roster', () => {
  it('lists the participants with their count, role, presence and status; names are text', async () => {
    const { container } = renderRoster(fakeRoster(designTeam()));

    expect(await screen.findByText('7 participants')).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Participants' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(7);
    // Online first (owner, then member, then guest), then offline: moderator, accounts, guests.
    expect(items.map((item) => item.querySelector('.roster-name-text')?.textContent)).toEqual([
      'Alice',
      'Carol',
      'Guest',
      'Bob',
      '<img src=x onerror=alert(1)>',
      'Design',
      'pat@example.com',
    ]);
    expect(items[0]).toHaveAttribute('aria-posinset', '1');
    expect(items[0]).toHaveAttribute('aria-setsize', '7');

    expect(within(rowOf('Alice')).getByText('Owner')).toBeInTheDocument();
    expect(within(rowOf('Alice')).getByText('You')).toBeInTheDocument();
    expect(within(rowOf('Bob')).getByText('Moderator')).toBeInTheDocument();
    expect(within(rowOf('Bob')).getByText('Offline')).toBeInTheDocument();
    const carol = within(rowOf('Carol'));
    expect(carol.getByText('Member')).toBeInTheDocument();
    expect(carol.getByText('Online')).toBeInTheDocument();
    expect(carol.getByText('☕ Away Back soon')).toBeInTheDocument();
    expect(within(rowOf('Guest')).getByText('Guest', { selector: '.roster-role' })).toBeInTheDocument();
    expect(within(rowOf('Design')).getByText('Group')).toBeInTheDocument();

    // The markup-looking name is shown as it is; the only images are the accounts' avatars.
    const avatars = [...container.querySelectorAll('img')];
    expect(avatars.map((img) => img.getAttribute('src'))).toEqual([
      '/index.php/avatar/alice/64',
      '/index.php/avatar/carol/64',
      '/index.php/avatar/bob/64',
      '/index.php/avatar/mallory/64',
    ]);
    expect(avatars.every((img) => img.getAttribute('alt') === '' && img.getAttribute('loading') === 'lazy')).toBe(true);
  });

  it('renders only the rows on screen of a large roster', async () => {
    const crowd = Array.from({ length: 5000 }, (_, index) =>
      v4Participant({ attendeeId: index + 1, displayName: `Person ${String(index).padStart(4, '0')}` }),
    );
    const { container } = renderRoster(fakeRoster(crowd));

    expect(await screen.findByText('5,000 participants')).toBeInTheDocument();
    const items = within(screen.getByRole('list', { name: 'Participants' })).getAllByRole('listitem');
    expect(items.length).toBeGreaterThan(5);
    expect(items.length).toBeLessThan(30);
    expect(items[0]).toHaveAttribute('aria-setsize', '5000');
    // Avatars scale with the rows on screen, never with the roster.
    expect(container.querySelectorAll('img').length).toBe(items.length);
  });

  it('filters by name, account id and email, ignoring case and accents', async () => {
    const server = fakeRoster([...designTeam(), v4Participant({ attendeeId: 8, displayName: 'José', actorId: 'jdoe' })]);
    renderRoster(server);
    const user = userEvent.setup();
    const search = await screen.findByRole('searchbox', { name: 'Search participants' });
    await screen.findByText('8 participants');

    await user.type(search, 'JOSE');
    await vi.waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(1));
    expect(rowOf('José')).toBeInTheDocument();
    expect(screen.getByText('1 of 8 participants match.')).toBeInTheDocument();

    await user.clear(search);
    await user.type(search, 'jdo');
    await vi.waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(1));

    await user.clear(search);
    await user.type(search, 'example.com');
    await vi.waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(1));
    expect(rowOf('pat@example.com')).toBeInTheDocument();

    await user.type(search, 'x');
    expect(await screen.findByText('No participant matches “example.comx”.')).toBeInTheDocument();
    // The count of everyone stays.
    expect(screen.getByText('8 participants')).toBeInTheDocument();
  });

  it('offers each row only the actions that apply, for a moderator', async () => {
    renderRoster(fakeRoster(designTeam()), { viewerId: 'bob', conversation: conversation({ ownRole: 'moderator' }) });
    const user = userEvent.setup();
    await screen.findByText('7 participants');

    // Nobody acts on the owner, or on themselves.
    expect(screen.queryByRole('button', { name: 'Actions for Alice' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Actions for Bob' })).not.toBeInTheDocument();

    // One menu serves every row: the items are those of the row named in the menu's name, once it is reopened.
    const itemsOfMenu = async (name: string) =>
      within(await screen.findByRole('menu', { name })).getAllByRole('menuitem').map((item) => item.textContent);
    const closeMenu = async () => {
      await user.keyboard('{Escape}');
      await vi.waitFor(() => expect(screen.queryByRole('menu')).not.toBeInTheDocument());
    };

    await user.click(screen.getByRole('button', { name: 'Actions for Carol' }));
    expect(await itemsOfMenu('Actions for Carol')).toEqual(['Promote to moderator', 'Remove from conversation']);
    await closeMenu();

    await user.click(screen.getByRole('button', { name: 'Actions for Design' }));
    expect(await itemsOfMenu('Actions for Design')).toEqual(['Remove from conversation']);
    await closeMenu();

    await user.click(screen.getByRole('button', { name: 'Actions for Guest' }));
    expect(await itemsOfMenu('Actions for Guest')).toEqual([
      'Promote to moderator',
      'Remove from conversation',
    ]);
  });

  it('gives a member no actions and no "Add participants"', async () => {
    renderRoster(fakeRoster(designTeam()), {
      viewerId: 'carol',
      conversation: conversation({ ownRole: 'member', canModerate: false }),
    });
    await screen.findByText('7 participants');

    expect(screen.queryByRole('button', { name: /^Actions for/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add participants' })).not.toBeInTheDocument();
  });

  it('asks before removing, then removes and shows the roster without them', async () => {
    const server = fakeRoster(designTeam());
    renderRoster(server);
    const user = userEvent.setup();
    await screen.findByText('7 participants');

    await user.click(screen.getByRole('button', { name: 'Actions for Carol' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Remove from conversation' }));

    const dialog = await screen.findByRole('alertdialog', { name: 'Remove Carol?' });
    expect(dialog).toHaveTextContent('Carol will no longer be a participant of “Design team”.');
    expect(server.changes()).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));

    expect(await screen.findByText('Carol was removed from the conversation.')).toBeInTheDocument();
    expect(screen.getByText('6 participants')).toBeInTheDocument();
    expect(screen.queryByText('Carol', { selector: '.roster-name-text' })).not.toBeInTheDocument();
    expect(server.changes().map((request) => `${request.method} ${request.url}`)).toEqual([
      `DELETE ${ROOM}/attendees?attendeeId=3`,
    ]);
    // Focus went back to Carol's row, which is gone: it moves on to the row now in its place.
    await vi.waitFor(() => expect(document.activeElement?.querySelector('.roster-name-text')).toHaveTextContent('Guest'));
  });

  it('does nothing when the removal is cancelled, and gives focus back to the actions button', async () => {
    const server = fakeRoster(designTeam());
    renderRoster(server);
    const user = userEvent.setup();
    await screen.findByText('7 participants');
    const actions = screen.getByRole('button', { name: 'Actions for Carol' });

    await user.click(actions);
    await user.click(await screen.findByRole('menuitem', { name: 'Remove from conversation' }));
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));

    await vi.waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    await vi.waitFor(() => expect(actions).toHaveFocus());
    expect(server.changes()).toHaveLength(0);
  });

  it('promotes and demotes, with progress until the roster shows it', async () => {
    const server = fakeRoster(designTeam());
    renderRoster(server);
    const user = userEvent.setup();
    await screen.findByText('7 participants');

    await user.click(screen.getByRole('button', { name: 'Actions for Carol' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Promote to moderator' }));
    expect(await screen.findByText('Carol is now a moderator.')).toBeInTheDocument();
    expect(within(rowOf('Carol')).getByText('Moderator')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Actions for Bob' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Demote to member' }));
    expect(await screen.findByText('Bob is now a member.')).toBeInTheDocument();
    expect(within(rowOf('Bob')).getByText('Member')).toBeInTheDocument();
  });

  it('explains refusals in words: someone who already left, the owner, a lost connection', async () => {
    let answer: 'gone' | 'owner' | 'offline' = 'gone';
    const server = fakeRoster(designTeam(), {
      refuse: (request) => {
        if (request.method !== 'DELETE' && request.method !== 'POST') return undefined;
        if (answer === 'gone') return ocsResponse(null, 404, 'Participant not found');
        if (answer === 'owner') return ocsResponse({ error: 'owner' }, 403, '');
        return Promise.reject(new TypeError('Failed to fetch'));
      },
    });
    renderRoster(server);
    const user = userEvent.setup();
    await screen.findByText('7 participants');

    async function remove(name: string) {
      await user.click(screen.getByRole('button', { name: `Actions for ${name}` }));
      await user.click(await screen.findByRole('menuitem', { name: 'Remove from conversation' }));
      await user.click(await screen.findByRole('button', { name: 'Remove' }));
    }

    await remove('Bob');
    expect(await screen.findByRole('alert')).toHaveTextContent('This participant has already left.');

    answer = 'owner';
    await remove('Bob');
    await vi.waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('The owner cannot be removed.'));

    answer = 'offline';
    await user.click(screen.getByRole('button', { name: 'Actions for Carol' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Promote to moderator' }));
    await vi.waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'The server could not be reached. Check your connection and try again.',
      ),
    );
    expect(screen.getByRole('alert')).not.toHaveTextContent(/\b(403|404)\b/);
  });

  it('moves through the rows with the keyboard, as one tab stop', async () => {
    const crowd = Array.from({ length: 200 }, (_, index) =>
      v4Participant({ attendeeId: index + 1, displayName: `Person ${String(index).padStart(3, '0')}` }),
    );
    renderRoster(fakeRoster(crowd));
    const user = userEvent.setup();
    await screen.findByText('200 participants');
    const name = () => document.activeElement?.querySelector('.roster-name-text')?.textContent;

    await user.click(screen.getByRole('searchbox', { name: 'Search participants' }));
    await user.tab();
    expect(name()).toBe('Person 000');

    await user.keyboard('{ArrowDown}');
    expect(name()).toBe('Person 001');
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowUp}');
    expect(name()).toBe('Person 002');

    // Far beyond the rendered rows: the virtualiser renders the row before it gets focus.
    await user.keyboard('{End}');
    expect(name()).toBe('Person 199');
    expect(document.activeElement).toHaveAttribute('aria-posinset', '200');
    await user.keyboard('{PageUp}');
    expect(name()).toBe('Person 190');
    await user.keyboard('{Home}');
    expect(name()).toBe('Person 000');
    await user.keyboard('{PageDown}');
    expect(name()).toBe('Person 009');

    // Tab goes to the row's actions, then out of the list: the other rows are not tab stops.
    await user.tab();
    expect(document.activeElement).toHaveAccessibleName('Actions for Person 009');
    await user.tab();
    expect(document.activeElement?.closest('ul')).toBeNull();
    await user.tab({ shift: true });
    await user.tab({ shift: true });
    expect(name()).toBe('Person 009');
  });

  it('shows the lobby to a non-moderator the lobby keeps out (412), with its start time', async () => {
    const server = fakeRoster(designTeam(), {
      refuse: (request) =>
        request.url.startsWith(`${ROOM}/participants`) ? ocsResponse([], 412, 'The lobby is active') : undefined,
    });
    const opensAt = new Date(2031, 0, 15, 9, 30).getTime();
    renderRoster(server, {
      viewerId: 'carol',
      conversation: conversation({ ownRole: 'member', canModerate: false, lobby: { enabled: true, opensAt } }),
    });

    expect(await screen.findByRole('heading', { name: 'Waiting in the lobby' })).toBeInTheDocument();
    expect(screen.getByText(/The lobby is on/)).toHaveTextContent('2031');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Participants' })).not.toBeInTheDocument();
  });
});

describe('Add participants', () => {
  const suggestions = [
    suggestion({ id: 'dave', label: 'Dave', subline: 'dave@example.com' }),
    suggestion({ id: 'support', label: 'Support', source: 'groups', icon: 'icon-group' }),
    suggestion({ id: 'eve', label: 'Eve' }),
  ];

  async function openDialog() {
    const user = userEvent.setup();
    await screen.findByText('7 participants');
    await user.click(screen.getByRole('button', { name: 'Add participants' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add participants' });
    return { user, dialog };
  }

  it('searches, takes several picks, adds each with its own request and reports each', async () => {
    const server = fakeRoster(designTeam(), {
      suggestions,
      refuse: (request) =>
        request.method === 'POST' && request.body?.includes('"eve"') ? ocsResponse(null, 404, 'No such account') : undefined,
    });
    const { fetch } = renderRoster(server);
    const { user, dialog } = await openDialog();
    const combobox = within(dialog).getByRole('combobox', { name: 'Search users, groups or emails' });

    await user.type(combobox, 'd');
    await user.click(await screen.findByRole('option', { name: /Dave/ }));
    await user.clear(combobox);
    await user.type(combobox, 'sup');
    await user.click(await screen.findByRole('option', { name: /Support/ }));
    await user.clear(combobox);
    await user.type(combobox, 'eve');
    await user.click(await screen.findByRole('option', { name: /Eve/ }));

    const picks = within(dialog).getByRole('list', { name: 'To add' });
    expect(within(picks).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      expect.stringContaining('Dave'),
      expect.stringContaining('Support'),
      expect.stringContaining('Eve'),
    ]);
    // The search waits for a pause in typing: far fewer requests than keystrokes.
    const searches = fetch.calls.filter((call) => call.url.includes('autocomplete'));
    expect(searches.length).toBeLessThanOrEqual(4);

    await user.click(within(dialog).getByRole('button', { name: 'Add' }));

    expect(await within(dialog).findByText('Added Dave.')).toBeInTheDocument();
    expect(within(dialog).getByText('Added Support.')).toBeInTheDocument();
    expect(within(dialog).getByText('Eve was not added: Eve no longer exists on the server.')).toBeInTheDocument();
    expect(server.changes().map((request) => [request.method, request.body])).toEqual([
      ['POST', JSON.stringify({ newParticipant: 'dave', source: 'users' })],
      ['POST', JSON.stringify({ newParticipant: 'support', source: 'groups' })],
      ['POST', JSON.stringify({ newParticipant: 'eve', source: 'users' })],
    ]);
    // What failed stays picked, to try again; the roster shows the newcomers.
    expect(within(within(dialog).getByRole('list', { name: 'To add' })).getAllByRole('listitem')).toHaveLength(1);
    expect(await screen.findByText('9 participants')).toBeInTheDocument();
  });

  it('invites an email address and says when that made the conversation public', async () => {
    const onConversationChanged = vi.fn();
    renderRoster(fakeRoster(designTeam(), { suggestions }), { onConversationChanged });
    const { user, dialog } = await openDialog();

    await user.type(within(dialog).getByRole('combobox'), 'sam@example.org');
    await user.click(await screen.findByRole('option', { name: /sam@example.org/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));

    expect(
      await within(dialog).findByText(
        'Added sam@example.org. The conversation is now public, so that they can join by its link.',
      ),
    ).toBeInTheDocument();
    expect(onConversationChanged).toHaveBeenCalled();
  });

  it('closes the suggestions on Escape before the dialog, keeping the picks', async () => {
    renderRoster(fakeRoster(designTeam(), { suggestions }));
    const { user, dialog } = await openDialog();

    await user.type(within(dialog).getByRole('combobox'), 'dav');
    await user.click(await screen.findByRole('option', { name: /Dave/ }));
    expect(screen.getByRole('listbox')).toBeInTheDocument();

    await user.keyboard('{Escape}');
    await vi.waitFor(() => expect(screen.queryByRole('listbox')).not.toBeInTheDocument());
    expect(screen.getByRole('dialog', { name: 'Add participants' })).toBeInTheDocument();
    expect(within(dialog).getByRole('list', { name: 'To add' })).toHaveTextContent('Dave');

    await user.keyboard('{Escape}');
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Add participants' })).toHaveFocus());
  });

  it('keeps what was typed when the search fails, and says why', async () => {
    const server = fakeRoster(designTeam(), {
      refuse: (request) => (request.url.includes('autocomplete') ? Promise.reject(new TypeError('offline')) : undefined),
    });
    renderRoster(server);
    const { user, dialog } = await openDialog();
    const combobox = within(dialog).getByRole('combobox');

    await user.type(combobox, 'dav');

    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The server could not be reached.');
    expect(combobox).toHaveValue('dav');
  });
});

