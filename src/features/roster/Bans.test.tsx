import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getConversation, type Conversation } from '../../lib/api';
import { useNotices } from '../../lib/notices';
import { BAN_BASE, TALK_V4_BASE, type V1Ban, type V4Participant } from '../../../contract/wire';
import { demoServer, type DemoServer } from '../../test/demo-server';
import { createTestServices, renderPage } from '../../test/render';
import { Bans } from './Bans';
import { Roster } from './Roster';
import { giveTheRosterAViewport } from '../../test/roster-viewport';

giveTheRosterAViewport();

// The seeded officehours (server/db/seed.ts): bob owns it, alice moderates it, eve is a member; the guests Gina,
// Hugo and Ines (a guest moderator) are online, frank@example.org is invited by email. alicebob is a one-to-one.
const room = (token: string) => `${TALK_V4_BASE}/room/${token}`;

beforeEach(() => {
  useNotices.setState({ notices: [] });
});

/** The roster and the room's "Bans" of `token` as `account` sees them, as room-page.tsx composes them. */
async function renderRoom(token: string, account: string): Promise<Conversation> {
  const services = createTestServices({ account, password: 'demo' });
  const conversation = await getConversation(services.talkClient, token);
  renderPage(
    <>
      <Bans conversation={conversation} />
      <Roster conversation={conversation} viewerId={account} />
    </>,
    { services, notices: true },
  );
  return conversation;
}

const notices = () => screen.getByRole('status', { name: 'Notices' });
const bansOf = (server: DemoServer, token: string) => server.as('bob').ocs<V1Ban[]>('GET', `${BAN_BASE}/${token}`);
const namesIn = (server: DemoServer, token: string) =>
  server
    .as('bob')
    .ocs<V4Participant[]>('GET', `${room(token)}/participants`)
    .then((list) => list.map((participant) => participant.displayName));

async function openBanDialog(name: string) {
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: `Actions for ${name}` }));
  await user.click(await screen.findByRole('menuitem', { name: 'Ban from conversation' }));
  return { user, dialog: await screen.findByRole('alertdialog', { name: `Ban ${name}?` }) };
}

describe('banning from the roster', () => {
  it('asks with an internal note, bans, says so once, and the row goes', async () => {
    const server = demoServer();
    await renderRoom('officehours', 'bob');
    await screen.findByText('7 participants');

    const { user, dialog } = await openBanDialog('Hugo');
    const note = within(dialog).getByRole('textbox', { name: 'Internal note' });
    expect(note).toHaveFocus();
    expect(note).toHaveAttribute('maxLength', '4000');
    expect(dialog).toHaveTextContent('0 of 4,000 characters');
    await user.type(note, 'Posted spam links');
    expect(dialog).toHaveTextContent('17 of 4,000 characters');
    expect(server.calls({ method: 'POST' })).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Ban' }));

    expect(await within(notices()).findByText('Hugo is banned from the conversation.')).toBeInTheDocument();
    expect(await screen.findByText('6 participants')).toBeInTheDocument();
    expect(screen.queryByText('Hugo', { selector: '.roster-name-text' })).not.toBeInTheDocument();
    expect(within(notices()).getAllByText(/banned/)).toHaveLength(1);
    expect(await bansOf(server, 'officehours')).toEqual([
      expect.objectContaining({ bannedActorType: 'guests', bannedDisplayName: 'Hugo', internalNote: 'Posted spam links', moderatorActorId: 'bob' }),
    ]);
    expect(await namesIn(server, 'officehours')).not.toContain('Hugo');
  });

  it('does nothing on "Cancel"; a new question starts with an empty note', async () => {
    const server = demoServer();
    await renderRoom('officehours', 'bob');
    await screen.findByText('7 participants');

    const first = await openBanDialog('Eve');
    await first.user.type(within(first.dialog).getByLabelText('Internal note'), 'maybe');
    await first.user.click(within(first.dialog).getByRole('button', { name: 'Cancel' }));
    await vi.waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Actions for Eve' })).toHaveFocus());

    const second = await openBanDialog('Eve');
    expect(within(second.dialog).getByLabelText('Internal note')).toHaveValue('');
    await second.user.keyboard('{Escape}');
    await vi.waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(server.calls({ method: 'POST' })).toHaveLength(0);
    expect(await bansOf(server, 'officehours')).toEqual([]);
  });

  it('says in words why the server refused (Eve became a moderator meanwhile), and the roster catches up', async () => {
    const server = demoServer();
    const eve = (await server.as('bob').ocs<V4Participant[]>('GET', `${room('officehours')}/participants`)).find((p) => p.actorId === 'eve');
    await renderRoom('officehours', 'bob');
    await screen.findByText('7 participants');

    const { user, dialog } = await openBanDialog('Eve');
    await server.as('alice').ocs('POST', `${room('officehours')}/moderators`, { json: { attendeeId: eve?.attendeeId } });
    await user.click(within(dialog).getByRole('button', { name: 'Ban' }));

    expect(
      await within(notices()).findByText('Eve is a moderator: moderators cannot be banned. Demote them first.'),
    ).toBeInTheDocument();
    expect(await bansOf(server, 'officehours')).toEqual([]);
    await vi.waitFor(() => expect(within(screen.getByText('Eve', { selector: '.roster-name-text' }).closest('li')!).getByText('Moderator')).toBeInTheDocument());
  });

  it('offers no ban of moderators, the owner, yourself, groups, or in a one-to-one', async () => {
    const server = demoServer();
    await server.as('bob').ocs('POST', `${room('officehours')}/participants`, { json: { newParticipant: 'support', source: 'groups' } });
    await renderRoom('officehours', 'alice');
    await screen.findByText('9 participants');
    const user = userEvent.setup();
    const itemsFor = async (name: string) => {
      await user.click(screen.getByRole('button', { name: `Actions for ${name}` }));
      const items = within(await screen.findByRole('menu', { name: `Actions for ${name}` }))
        .getAllByRole('menuitem')
        .map((item) => item.textContent);
      await user.keyboard('{Escape}');
      await vi.waitFor(() => expect(screen.queryByRole('menu')).not.toBeInTheDocument());
      return items;
    };
    expect(await itemsFor('Ines')).not.toContain('Ban from conversation');
    expect(await itemsFor('Support')).not.toContain('Ban from conversation');
    expect(await itemsFor('frank@example.org')).toContain('Ban from conversation');
    expect(screen.queryByRole('button', { name: 'Actions for Bob' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Actions for Alice' })).not.toBeInTheDocument();
  });

  it('a member sees no "Bans" and no row actions', async () => {
    demoServer();
    await renderRoom('officehours', 'eve');
    await screen.findByText('7 participants');
    expect(screen.queryByRole('button', { name: 'Bans' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Actions for/ })).not.toBeInTheDocument();
  });

  it('a one-to-one conversation has no "Bans"', async () => {
    demoServer();
    await renderRoom('alicebob', 'alice');
    await screen.findByText('2 participants');
    expect(screen.queryByRole('button', { name: 'Bans' })).not.toBeInTheDocument();
  });
});

describe('the "Banned" dialog', () => {
  it('lists who is banned, newest first, with the note, who banned and when; "Unban NAME" lifts a ban', async () => {
    const server = demoServer();
    const bannedAt = Date.now();
    await server.as('alice').ocs('POST', `${BAN_BASE}/officehours`, { json: { actorType: 'users', actorId: 'eve', internalNote: 'Rude\nin the chat' } });
    await server.as('bob').ocs('POST', `${BAN_BASE}/officehours`, { json: { actorType: 'emails', actorId: 'frank@example.org' } });
    // The second ban is the newer one, also within the same second.
    await renderRoom('officehours', 'bob');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Bans' }));
    const dialog = await screen.findByRole('dialog', { name: 'Banned' });
    const list = await within(dialog).findByRole('list', { name: 'Bans' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('.bans-name')?.textContent)).toEqual(['frank@example.org', 'Eve']);
    expect(items[0]).toHaveTextContent('Email guest');
    expect(items[0]).toHaveTextContent('Banned by Bob on');
    expect(items[0]).toHaveTextContent('No internal note.');
    expect(items[1]).toHaveTextContent('Banned by Alice on');
    expect(items[1]).toHaveTextContent('Rude in the chat');
    const time = items[1]!.querySelector('time');
    expect(Math.abs(Date.parse(time?.getAttribute('dateTime') ?? '') - bannedAt)).toBeLessThan(5_000);
    expect(time?.textContent).toBe(new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(Date.parse(time?.getAttribute('dateTime') ?? '')));

    await user.click(within(dialog).getByRole('button', { name: 'Unban Eve' }));
    expect(await within(dialog).findByText('Eve is no longer banned and may join again.')).toBeInTheDocument();
    await vi.waitFor(() => expect(within(dialog).queryByRole('button', { name: 'Unban Eve' })).not.toBeInTheDocument());
    expect((await bansOf(server, 'officehours')).map((ban) => ban.bannedActorId)).toEqual(['frank@example.org']);

    await user.click(within(dialog).getByRole('button', { name: 'Unban frank@example.org' }));
    expect(await within(dialog).findByText('Nobody is banned from this conversation.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByRole('button', { name: 'Bans' })).toHaveFocus();
  });

  it('a ban from the roster shows in "Banned" at once', async () => {
    demoServer();
    await renderRoom('officehours', 'bob');
    await screen.findByText('7 participants');
    const { user, dialog } = await openBanDialog('Eve');
    await user.type(within(dialog).getByLabelText('Internal note'), 'Off-topic');
    await user.click(within(dialog).getByRole('button', { name: 'Ban' }));
    await screen.findByText('6 participants');

    await user.click(screen.getByRole('button', { name: 'Bans' }));
    const banned = await screen.findByRole('dialog', { name: 'Banned' });
    expect(await within(banned).findByRole('button', { name: 'Unban Eve' })).toBeInTheDocument();
    expect(within(banned).getByText('Off-topic')).toBeInTheDocument();
  });

  it('says why the bans cannot be shown when the server refuses', async () => {
    const server = demoServer();
    server.failNext({ method: 'GET', path: `${BAN_BASE}/officehours` }, { status: 403, message: 'Not a moderator' });
    await renderRoom('officehours', 'bob');
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Bans' }));
    const dialog = await screen.findByRole('dialog', { name: 'Banned' });
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Only moderators can see and lift bans.');
  });
});

describe('on a server without bans (v1)', () => {
  it('shows no "Bans" and no "Ban from conversation"', async () => {
    const server = demoServer('v1');
    await renderRoom('officehours', 'bob');
    await screen.findByText('7 participants');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Actions for Eve' }));
    const items = within(await screen.findByRole('menu', { name: 'Actions for Eve' })).getAllByRole('menuitem');
    expect(items.map((item) => item.textContent)).toEqual(['Promote to moderator', 'Remove from conversation']);
    expect(screen.queryByRole('button', { name: 'Bans' })).not.toBeInTheDocument();
    expect(server.requests.filter((request) => request.path.startsWith(BAN_BASE))).toEqual([]);
  });
});
