import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { getConversation } from '../../lib/api';
import { TALK_V4_BASE, type V4Participant } from '../../../contract/wire';
import { demoServer, type DemoServer } from '../../test/demo-server';
import { createTestServices, renderPage } from '../../test/render';
import { Roster } from './Roster';
import { giveTheRosterAViewport } from '../../test/roster-viewport';

giveTheRosterAViewport();

// officehours (server/db/seed.ts): bob owns it, alice moderates it, eve is a member; guests Gina, Hugo and Ines
// (a guest moderator) are online; frank@example.org is invited by email.
const room = (token: string) => `${TALK_V4_BASE}/room/${token}`;

async function renderRoster(token: string, account: string) {
  const services = createTestServices({ account, password: 'demo' });
  const conversation = await getConversation(services.talkClient, token);
  renderPage(<Roster conversation={conversation} viewerId={account} />, { services, notices: true });
  const user = userEvent.setup();
  const notices = screen.getByRole('status', { name: 'Notices' });
  return { user, notices };
}

function rowOf(name: string): HTMLElement {
  const row = screen.getByText(name, { selector: '.roster-name-text' }).closest('li');
  if (!row) throw new Error(`no row for ${name}`);
  return row;
}

const roleOf = async (server: DemoServer, name: string) =>
  (await server.as('bob').ocs<V4Participant[]>('GET', `${room('officehours')}/participants`)).find(
    (participant) => participant.displayName === name,
  )?.participantType;

describe('Undo in the roster', () => {
  it('undoes a promotion: the notice says so and the row is "Member" again', async () => {
    const server = demoServer();
    const { user, notices } = await renderRoster('officehours', 'bob');
    await screen.findByText('7 participants');

    await user.click(screen.getByRole('button', { name: 'Actions for Eve' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Promote to moderator' }));
    expect(await within(notices).findByText('Eve is now a moderator.')).toBeInTheDocument();
    // Said once: the roster's own status line does not repeat it.
    expect(screen.getAllByText('Eve is now a moderator.')).toHaveLength(1);

    await user.click(within(notices).getByRole('button', { name: 'Undo' }));
    expect(await within(notices).findByText('Eve is a member again.')).toBeInTheDocument();
    expect(within(rowOf('Eve')).getByText('Member')).toBeInTheDocument();
    expect(await roleOf(server, 'Eve')).toBe(3);
  });

  it('undoes a demotion', async () => {
    const server = demoServer();
    const { user, notices } = await renderRoster('officehours', 'bob');
    await screen.findByText('7 participants');

    await user.click(screen.getByRole('button', { name: 'Actions for Ines' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Demote to member' }));
    await within(notices).findByText('Ines is now a guest.');
    await user.click(within(notices).getByRole('button', { name: 'Undo' }));
    expect(await within(notices).findByText('Ines is a guest moderator again.')).toBeInTheDocument();
    expect(within(rowOf('Ines')).getByText('Guest moderator')).toBeInTheDocument();
    expect(await roleOf(server, 'Ines')).toBe(6);
  });

  it('undoes the removal of a moderator: added back and a moderator again', async () => {
    const server = demoServer();
    const { user, notices } = await renderRoster('officehours', 'bob');
    await screen.findByText('7 participants');

    await user.click(screen.getByRole('button', { name: 'Actions for Alice' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Remove from conversation' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove Alice?' });
    expect(dialog).not.toHaveTextContent('cannot be undone');
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await within(notices).findByText('Alice was removed from the conversation.');
    expect(screen.getByText('6 participants')).toBeInTheDocument();

    await user.click(within(notices).getByRole('button', { name: 'Undo' }));
    expect(await within(notices).findByText('Alice is back in the conversation as a moderator.')).toBeInTheDocument();
    expect(screen.getByText('7 participants')).toBeInTheDocument();
    expect(within(rowOf('Alice')).getByText('Moderator')).toBeInTheDocument();
    expect(await roleOf(server, 'Alice')).toBe(2);
  });

  it('says in the confirmation that removing a guest cannot be undone, and offers no Undo after', async () => {
    demoServer();
    const { user, notices } = await renderRoster('officehours', 'bob');
    await screen.findByText('7 participants');

    await user.click(screen.getByRole('button', { name: 'Actions for Hugo' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Remove from conversation' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove Hugo?' });
    expect(dialog).toHaveTextContent('This cannot be undone: a guest cannot be added back');
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));

    expect(await within(notices).findByText('Hugo was removed from the conversation.')).toBeInTheDocument();
    expect(within(notices).queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument();
  });

  it('says in words why an undo failed', async () => {
    const server = demoServer();
    const { user, notices } = await renderRoster('officehours', 'bob');
    await screen.findByText('7 participants');

    await user.click(screen.getByRole('button', { name: 'Actions for Eve' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Promote to moderator' }));
    await within(notices).findByText('Eve is now a moderator.');
    // Eve leaves before the undo.
    server.failNext({ method: 'DELETE', path: `${room('officehours')}/moderators` }, { status: 404 });
    await user.click(within(notices).getByRole('button', { name: 'Undo' }));

    expect(
      await within(notices).findByText('Eve could not be made a member again: This participant has already left.'),
    ).toBeInTheDocument();
  });
});
