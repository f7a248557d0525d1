import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { activateLocale } from '../../lib/i18n';
import { demoServer } from '../../test/demo-server';
import { createTestServices, renderPage } from '../../test/render';
import { ConversationsPage } from './ConversationsPage';

// The viewer is alice, in the seeded conversations of server/db/seed.ts: she owns the design team and the product
// launch (its lobby on), moderates the open office hours, and is a member of the board room (password protected).

describe('ConversationsPage', () => {
  it('lists conversations as links with their type, badges and role, and filters them by name', async () => {
    const server = demoServer();
    await server.as('alice').ocs('POST', `${server.talkBase}/room`, { json: { roomType: 2, roomName: '<img src=x onerror=alert(1)>' } });
    renderPage(<ConversationsPage />);

    expect(screen.getByRole('heading', { name: 'Conversations' })).toBeInTheDocument();
    const launch = await screen.findByRole('link', { name: 'Product launch' });
    expect(launch).toHaveAttribute('href', '/rooms/launch');

    const launchItem = within(launch.closest('li') as HTMLElement);
    expect(launchItem.getByText('Public')).toBeInTheDocument();
    expect(launchItem.getByText('Lobby')).toBeInTheDocument();
    expect(launchItem.getByText('Your role: Owner')).toBeInTheDocument();
    const officeItem = within(screen.getByRole('link', { name: 'Open office hours' }).closest('li') as HTMLElement);
    expect(officeItem.getByText('Your role: Moderator')).toBeInTheDocument();
    const boardItem = within(screen.getByRole('link', { name: 'Board room' }).closest('li') as HTMLElement);
    expect(boardItem.getByText('Password protected')).toBeInTheDocument();
    // Display names are text, never markup.
    expect(screen.getByRole('link', { name: '<img src=x onerror=alert(1)>' })).toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();

    await userEvent.setup().type(screen.getByRole('searchbox', { name: 'Search conversations' }), 'launch');

    await vi.waitFor(() => expect(screen.getAllByRole('link')).toHaveLength(1));
    expect(screen.getByRole('link', { name: 'Product launch' })).toBeInTheDocument();
    expect(screen.getByText('1 of 7 conversations match.')).toBeInTheDocument();
  });

  it('follows a change of language, the words of the rows included', async () => {
    demoServer();
    renderPage(<ConversationsPage />);
    const launch = await screen.findByRole('link', { name: 'Product launch' });
    expect(within(launch.closest('li') as HTMLElement).getByText('Your role: Owner')).toBeInTheDocument();

    await act(() => activateLocale('de'));

    expect(screen.getByRole('heading', { name: 'Unterhaltungen' })).toBeInTheDocument();
    const launchItem = within(screen.getByRole('link', { name: 'Product launch' }).closest('li') as HTMLElement);
    expect(launchItem.getByText('Öffentlich')).toBeInTheDocument();
    expect(launchItem.getByText('Deine Rolle: Eigentümer')).toBeInTheDocument();
    const boardItem = within(screen.getByRole('link', { name: 'Board room' }).closest('li') as HTMLElement);
    expect(boardItem.getByText('Passwortgeschützt')).toBeInTheDocument();
    await userEvent.setup().type(screen.getByRole('searchbox', { name: 'Unterhaltungen durchsuchen' }), 'launch');
    expect(await screen.findByText(/^1 von \d+ Unterhaltungen passen\.$/)).toBeInTheDocument();
  });

  it('says so when the person is in no conversation', async () => {
    const server = demoServer('v1');
    // dave leaves each of his conversations (eve still moderates the support desk he owns).
    const dave = server.as('dave');
    for (const { token } of await dave.ocs<{ token: string }[]>('GET', `${server.talkBase}/room`)) {
      await dave.ocs('DELETE', `${server.talkBase}/room/${token}/participants/self`);
    }
    renderPage(<ConversationsPage />, { services: createTestServices({ account: 'dave', password: 'demo' }) });

    expect(await screen.findByText('You are not in any conversation yet.')).toBeInTheDocument();
  });
});
