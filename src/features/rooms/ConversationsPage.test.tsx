import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubFetch, talkServer, v4Room } from '../../test/ocs';
import { renderPage } from '../../test/render';
import { ConversationsPage } from './ConversationsPage';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('ConversationsPage', () => {
  it('lists conversations as links with their type, badges and role, and filters them by name', async () => {
    stubFetch(
      talkServer({
        version: 'v4',
        rooms: [
          v4Room({ token: 'design', displayName: 'Design team', participantType: 1 }),
          v4Room({ token: 'office', displayName: 'Open office hours', type: 3, hasPassword: true }),
          v4Room({ token: 'webinar', displayName: 'All-hands webinar', type: 3, lobbyState: 1, participantType: 2 }),
          v4Room({ token: 'script', displayName: '<img src=x onerror=alert(1)>', type: 1 }),
        ],
      }),
    );
    renderPage(<ConversationsPage />);

    expect(screen.getByRole('heading', { name: 'Conversations' })).toBeInTheDocument();
    const webinar = await screen.findByRole('link', { name: 'All-hands webinar' });
    expect(webinar).toHaveAttribute('href', '/rooms/webinar');

    const webinarItem = within(webinar.closest('li') as HTMLElement);
    expect(webinarItem.getByText('Public')).toBeInTheDocument();
    expect(webinarItem.getByText('Lobby')).toBeInTheDocument();
    expect(webinarItem.getByText('Your role: Moderator')).toBeInTheDocument();
    const officeItem = within(screen.getByRole('link', { name: 'Open office hours' }).closest('li') as HTMLElement);
    expect(officeItem.getByText('Password protected')).toBeInTheDocument();
    // Display names are text, never markup.
    expect(screen.getByRole('link', { name: '<img src=x onerror=alert(1)>' })).toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();

    await userEvent.setup().type(screen.getByRole('searchbox', { name: 'Search conversations' }), 'webinar');

    await vi.waitFor(() => expect(screen.getAllByRole('link')).toHaveLength(1));
    expect(screen.getByRole('link', { name: 'All-hands webinar' })).toBeInTheDocument();
    expect(screen.getByText('1 of 4 conversations match.')).toBeInTheDocument();
  });

  it('says so when the person is in no conversation', async () => {
    stubFetch(talkServer({ version: 'v1', rooms: [] }));
    renderPage(<ConversationsPage />);

    expect(await screen.findByText('You are not in any conversation yet.')).toBeInTheDocument();
  });
});
