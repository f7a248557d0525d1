import { act, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { demoServer, type DemoServer } from '../../test/demo-server';
import { createTestServices, renderPage } from '../../test/render';
import type { Conversation } from '../../lib/api';
import { LobbyControls } from './LobbyControls';
import { roomsQueries } from './queries';
import { hasLobby } from './useLobbyControls';

// The seeded officehours (server/db/seed.ts) is public with its lobby off: bob owns it, alice (the viewer unless
// said otherwise) moderates it, eve is a member.

function lobbyRequests(server: DemoServer) {
  return server.calls({ method: 'PUT' }).map((request) => JSON.parse(request.body ?? 'null') as unknown);
}

/** The conversation as its owner reads it from the server. */
const officeHours = (server: DemoServer) =>
  server.as('bob').ocs<{ lobbyState: number; lobbyTimer: number }>('GET', `${server.talkBase}/room/officehours`);

describe.each(['v4', 'v1'] as const)('LobbyControls (%s)', (version) => {
  it('turns the lobby on with a start time sent in seconds, and off again', async () => {
    const server = demoServer(version);
    renderPage(<LobbyControls token="officehours" />);
    const user = userEvent.setup();

    const lobby = await screen.findByRole('switch', { name: 'Lobby' });
    expect(lobby).toHaveAttribute('aria-checked', 'false');

    // The person's local time: 1 May 2099, 09:30 wherever the test runs.
    fireEvent.change(screen.getByLabelText('Lobby start time'), { target: { value: '2099-05-01T09:30' } });
    await user.click(lobby);

    await vi.waitFor(() => expect(screen.getByRole('switch', { name: 'Lobby' })).toHaveAttribute('aria-checked', 'true'));
    const opensAtSeconds = new Date(2099, 4, 1, 9, 30).getTime() / 1000;
    expect(lobbyRequests(server)).toEqual([{ state: 1, timer: opensAtSeconds }]);
    expect(await officeHours(server)).toMatchObject({ lobbyState: 1, lobbyTimer: opensAtSeconds });
    expect(screen.getByLabelText('Lobby start time')).toHaveValue('2099-05-01T09:30');

    await user.click(screen.getByRole('switch', { name: 'Lobby' }));

    await vi.waitFor(() => expect(screen.getByRole('switch', { name: 'Lobby' })).toHaveAttribute('aria-checked', 'false'));
    expect(lobbyRequests(server)).toEqual([{ state: 1, timer: opensAtSeconds }, { state: 0 }]);
    expect(await officeHours(server)).toMatchObject({ lobbyState: 0, lobbyTimer: 0 });
    expect(screen.getByLabelText('Lobby start time')).toHaveValue('');
  });

  it('turns the lobby on without a start time', async () => {
    const server = demoServer(version);
    renderPage(<LobbyControls token="officehours" />);

    await userEvent.setup().click(await screen.findByRole('switch', { name: 'Lobby' }));

    await vi.waitFor(() => expect(screen.getByRole('switch', { name: 'Lobby' })).toHaveAttribute('aria-checked', 'true'));
    expect(lobbyRequests(server)).toEqual([{ state: 1 }]);
    expect(await officeHours(server)).toMatchObject({ lobbyState: 1, lobbyTimer: 0 });
  });
});

describe('LobbyControls', () => {
  it('shows progress until the refetch that confirms the change has landed', async () => {
    const server = demoServer();
    renderPage(<LobbyControls token="officehours" />);
    const lobby = await screen.findByRole('switch', { name: 'Lobby' });
    // Held back so that the test can look at the page while it waits: the server answers at once.
    const refetch = server.hold({ method: 'GET', path: `${server.talkBase}/room/officehours` });

    await userEvent.setup().click(lobby);

    expect(await screen.findByText('Saving the lobby…')).toBeInTheDocument();
    expect(screen.getByRole('switch', { name: 'Lobby' })).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByLabelText('Lobby start time')).toBeDisabled();

    // The refetch is under way, and the progress stays until it answers.
    await refetch.arrived;
    expect(lobbyRequests(server)).toEqual([{ state: 1 }]);
    expect(screen.getByText('Saving the lobby…')).toBeInTheDocument();
    await act(async () => refetch.release());
    await vi.waitFor(() => expect(screen.queryByText('Saving the lobby…')).not.toBeInTheDocument());
    expect(screen.getByRole('switch', { name: 'Lobby' })).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByRole('switch', { name: 'Lobby' })).not.toHaveAttribute('aria-busy');
  });

  it('explains a refusal in words and keeps the typed start time', async () => {
    const server = demoServer();
    renderPage(<LobbyControls token="officehours" />);

    const lobby = await screen.findByRole('switch', { name: 'Lobby' });
    // bob demotes alice while her page still offers the lobby.
    const alice = (await server.as('bob').ocs<{ actorId: string; attendeeId: number }[]>('GET', `${server.talkBase}/room/officehours/participants`))
      .find((participant) => participant.actorId === 'alice');
    await server.as('bob').ocs('DELETE', `${server.talkBase}/room/officehours/moderators`, { params: { attendeeId: alice?.attendeeId ?? 0 } });
    fireEvent.change(screen.getByLabelText('Lobby start time'), { target: { value: '2099-01-02T03:04' } });
    await userEvent.setup().click(lobby);

    expect(await screen.findByRole('alert')).toHaveTextContent('Only moderators can change the lobby.');
    expect(screen.getByRole('switch', { name: 'Lobby' })).toHaveAttribute('aria-checked', 'false');
    expect(screen.getByLabelText('Lobby start time')).toHaveValue('2099-01-02T03:04');
    expect(await officeHours(server)).toMatchObject({ lobbyState: 0 });
  });

  it('refuses a start time in the past without asking the server', async () => {
    const server = demoServer();
    renderPage(<LobbyControls token="officehours" />);

    const lobby = await screen.findByRole('switch', { name: 'Lobby' });
    fireEvent.change(screen.getByLabelText('Lobby start time'), { target: { value: '2001-01-01T10:00' } });
    await userEvent.setup().click(lobby);

    expect(await screen.findByRole('alert')).toHaveTextContent('The lobby start time must be in the future.');
    expect(lobbyRequests(server)).toEqual([]);
  });

  it('changes the start time of a lobby that is on', async () => {
    const opensAt = new Date(2099, 0, 1, 8, 0).getTime() / 1000;
    const server = demoServer();
    await server.as('bob').ocs('PUT', `${server.talkBase}/room/officehours/webinar/lobby`, { json: { state: 1, timer: opensAt } });
    renderPage(<LobbyControls token="officehours" />);
    const user = userEvent.setup();

    await screen.findByRole('switch', { name: 'Lobby', checked: true });
    expect(screen.getByLabelText('Lobby start time')).toHaveValue('2099-01-01T08:00');
    expect(screen.queryByRole('button', { name: 'Set start time' })).not.toBeInTheDocument();

    fireEvent.change(screen.getByLabelText('Lobby start time'), { target: { value: '2099-01-01T09:15' } });
    await user.click(screen.getByRole('button', { name: 'Set start time' }));

    await vi.waitFor(() => expect(lobbyRequests(server)).toEqual([{ state: 1, timer: opensAt + 75 * 60 }]));
    await vi.waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Set start time' })).not.toBeInTheDocument(),
    );
    expect(await officeHours(server)).toMatchObject({ lobbyState: 1, lobbyTimer: opensAt + 75 * 60 });
  });

  it('is shown but disabled for someone who is not a moderator', async () => {
    demoServer();
    renderPage(<LobbyControls token="officehours" />, { services: createTestServices({ account: 'eve', password: 'demo' }) });

    const lobby = await screen.findByRole('switch', { name: 'Lobby' });
    expect(lobby).toBeDisabled();
    expect(lobby).toHaveAccessibleDescription('Only moderators can change the lobby.');
    expect(screen.getByLabelText('Lobby start time')).toBeDisabled();
  });

  it('is not offered in a one-to-one conversation, which has no lobby', async () => {
    const server = demoServer();
    const { services } = renderPage(<LobbyControls token="alicebob" />);

    // Once the conversation has been read, the controls would be on screen if they were offered.
    await vi.waitFor(() => expect(services.queryClient.getQueryState(roomsQueries.detail(services.talkClient, 'alicebob').queryKey)?.status).toBe('success'));
    expect(server.calls({ path: /\/room\/alicebob$/ })).not.toHaveLength(0);
    expect(screen.queryByRole('switch', { name: 'Lobby' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Lobby start time')).not.toBeInTheDocument();
  });
});

describe('hasLobby', () => {
  it.each([
    ['group', true],
    ['public', true],
    ['one-to-one', false],
    ['former-one-to-one', false],
    ['changelog', false],
    ['note-to-self', false],
  ] as const)('a %s conversation: %s', (type, expected) => {
    expect(hasLobby({ type } as Conversation)).toBe(expected);
  });
});
