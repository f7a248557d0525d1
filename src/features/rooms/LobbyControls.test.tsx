import { act, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ocsResponse, stubFetch, type StubbedRequest } from '../../test/ocs';
import { renderPage } from '../../test/render';
import { deferred, roomsServer, type RoomState } from '../../test/rooms-server';
import { LobbyControls } from './LobbyControls';

afterEach(() => {
  vi.unstubAllGlobals();
});

const webinar: RoomState = { token: 'webinar1', displayName: 'All-hands webinar', type: 3, participantType: 2 };

function lobbyRequests(calls: StubbedRequest[]) {
  return calls.filter((call) => call.method === 'PUT').map((call) => JSON.parse(call.body ?? 'null') as unknown);
}

describe.each(['v4', 'v1'] as const)('LobbyControls (%s)', (version) => {
  it('turns the lobby on with a start time sent in seconds, and off again', async () => {
    const server = roomsServer(version, [webinar]);
    const { calls } = stubFetch(server.route);
    renderPage(<LobbyControls token="webinar1" />);
    const user = userEvent.setup();

    const lobby = await screen.findByRole('switch', { name: 'Lobby' });
    expect(lobby).toHaveAttribute('aria-checked', 'false');

    // The person's local time: 1 May 2099, 09:30 wherever the test runs.
    fireEvent.change(screen.getByLabelText('Lobby start time'), { target: { value: '2099-05-01T09:30' } });
    await user.click(lobby);

    await vi.waitFor(() => expect(screen.getByRole('switch', { name: 'Lobby' })).toHaveAttribute('aria-checked', 'true'));
    const opensAtSeconds = new Date(2099, 4, 1, 9, 30).getTime() / 1000;
    expect(lobbyRequests(calls)).toEqual([{ state: 1, timer: opensAtSeconds }]);
    expect(server.rooms.get('webinar1')?.lobbyTimer).toBe(opensAtSeconds);
    expect(screen.getByLabelText('Lobby start time')).toHaveValue('2099-05-01T09:30');

    await user.click(screen.getByRole('switch', { name: 'Lobby' }));

    await vi.waitFor(() => expect(screen.getByRole('switch', { name: 'Lobby' })).toHaveAttribute('aria-checked', 'false'));
    expect(lobbyRequests(calls)).toEqual([{ state: 1, timer: opensAtSeconds }, { state: 0 }]);
    expect(screen.getByLabelText('Lobby start time')).toHaveValue('');
  });

  it('turns the lobby on without a start time', async () => {
    const { calls } = stubFetch(roomsServer(version, [webinar]).route);
    renderPage(<LobbyControls token="webinar1" />);

    await userEvent.setup().click(await screen.findByRole('switch', { name: 'Lobby' }));

    await vi.waitFor(() => expect(screen.getByRole('switch', { name: 'Lobby' })).toHaveAttribute('aria-checked', 'true'));
    expect(lobbyRequests(calls)).toEqual([{ state: 1 }]);
  });
});

describe('LobbyControls', () => {
  it('shows progress until the refetch that confirms the change has landed', async () => {
    const server = roomsServer('v4', [webinar]);
    const heldRefetch = deferred<Response>();
    let lobbyWasSet = false;
    let refetch: StubbedRequest | null = null;
    server.intercept = (request) => {
      if (request.method === 'PUT') lobbyWasSet = true;
      else if (lobbyWasSet && request.method === 'GET') {
        refetch = request;
        return heldRefetch.promise;
      }
      return undefined;
    };
    stubFetch(server.route);
    renderPage(<LobbyControls token="webinar1" />);

    await userEvent.setup().click(await screen.findByRole('switch', { name: 'Lobby' }));

    expect(await screen.findByText('Saving the lobby…')).toBeInTheDocument();
    expect(screen.getByRole('switch', { name: 'Lobby' })).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByLabelText('Lobby start time')).toBeDisabled();

    // The refetch is under way, and the progress stays until it answers.
    expect(refetch).not.toBeNull();
    server.intercept = () => undefined;
    const answer = refetch ? server.route(refetch) : undefined;
    if (!answer) throw new Error('the server should answer the held refetch');
    const confirmed = await answer;
    await act(async () => heldRefetch.resolve(confirmed));
    await vi.waitFor(() => expect(screen.queryByText('Saving the lobby…')).not.toBeInTheDocument());
    expect(screen.getByRole('switch', { name: 'Lobby' })).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByRole('switch', { name: 'Lobby' })).not.toHaveAttribute('aria-busy');
  });

  it('explains a refusal in words and keeps the typed start time', async () => {
    const server = roomsServer('v4', [webinar]);
    server.intercept = (request) => (request.method === 'PUT' ? ocsResponse(null, 403, 'Forbidden') : undefined);
    stubFetch(server.route);
    renderPage(<LobbyControls token="webinar1" />);

    const lobby = await screen.findByRole('switch', { name: 'Lobby' });
    fireEvent.change(screen.getByLabelText('Lobby start time'), { target: { value: '2099-01-02T03:04' } });
    await userEvent.setup().click(lobby);

    expect(await screen.findByRole('alert')).toHaveTextContent('Only moderators can change the lobby.');
    expect(screen.getByRole('switch', { name: 'Lobby' })).toHaveAttribute('aria-checked', 'false');
    expect(screen.getByLabelText('Lobby start time')).toHaveValue('2099-01-02T03:04');
  });

  it('refuses a start time in the past without asking the server', async () => {
    const { calls } = stubFetch(roomsServer('v4', [webinar]).route);
    renderPage(<LobbyControls token="webinar1" />);

    const lobby = await screen.findByRole('switch', { name: 'Lobby' });
    fireEvent.change(screen.getByLabelText('Lobby start time'), { target: { value: '2001-01-01T10:00' } });
    await userEvent.setup().click(lobby);

    expect(await screen.findByRole('alert')).toHaveTextContent('The lobby start time must be in the future.');
    expect(lobbyRequests(calls)).toEqual([]);
  });

  it('changes the start time of a lobby that is on', async () => {
    const opensAt = new Date(2099, 0, 1, 8, 0).getTime() / 1000;
    const server = roomsServer('v4', [{ ...webinar, lobbyState: 1, lobbyTimer: opensAt }]);
    const { calls } = stubFetch(server.route);
    renderPage(<LobbyControls token="webinar1" />);
    const user = userEvent.setup();

    await screen.findByRole('switch', { name: 'Lobby', checked: true });
    expect(screen.getByLabelText('Lobby start time')).toHaveValue('2099-01-01T08:00');
    expect(screen.queryByRole('button', { name: 'Set start time' })).not.toBeInTheDocument();

    fireEvent.change(screen.getByLabelText('Lobby start time'), { target: { value: '2099-01-01T09:15' } });
    await user.click(screen.getByRole('button', { name: 'Set start time' }));

    await vi.waitFor(() => expect(lobbyRequests(calls)).toEqual([{ state: 1, timer: opensAt + 75 * 60 }]));
    await vi.waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Set start time' })).not.toBeInTheDocument(),
    );
  });

  it('is shown but disabled for someone who is not a moderator', async () => {
    stubFetch(roomsServer('v4', [{ ...webinar, participantType: 3 }]).route);
    renderPage(<LobbyControls token="webinar1" />);

    const lobby = await screen.findByRole('switch', { name: 'Lobby' });
    expect(lobby).toBeDisabled();
    expect(lobby).toHaveAccessibleDescription('Only moderators can change the lobby.');
    expect(screen.getByLabelText('Lobby start time')).toBeDisabled();
  });
});
