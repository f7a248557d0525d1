import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { joinServer, type JoinServer } from '../../test/join-server';
import { ocsResponse, stubFetch } from '../../test/ocs';
import { createTestServices, renderPage } from '../../test/render';
import { JoinConversation } from './JoinPage';
import { PULL_INTERVAL_MS } from './useKeepAlive';

const OFFICE_HOURS = { token: 'officehours', displayName: 'Open office hours' };

function renderJoin(server: JoinServer, account: string | null = null) {
  const { calls } = stubFetch(server.route);
  const services = createTestServices(account === null ? null : { account, password: 'demo' });
  renderPage(<JoinConversation token={server.room.token} account={account} />, { services });
  return { calls, services };
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe.each(['v4', 'v1'] as const)('joining (%s)', (version) => {
  it('a guest chooses a name and joins; the name is set after the join and remembered', async () => {
    const server = joinServer(version, OFFICE_HOURS);
    renderJoin(server);
    const user = userEvent.setup();

    expect(await screen.findByRole('heading', { level: 1, name: 'Open office hours' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Password')).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Your name'), '  Pat  ');
    await user.click(screen.getByRole('button', { name: 'Join' }));

    expect(await screen.findByText('You joined as Pat')).toBeInTheDocument();
    expect(server.joins()).toEqual([{ force: false }]);
    expect(server.guestName).toBe('Pat');
    // Joined first, then named: the guest name route needs the session of the join.
    expect(server.log.filter((entry) => entry.startsWith('POST'))).toEqual([
      expect.stringMatching(/\/participants\/active$/),
      expect.stringMatching(/\/guest\/officehours\/name$/),
    ]);
    expect(localStorage.getItem('rollcall.guest-name')).toBe('Pat');
    expect(sessionStorage.getItem('rollcall.call-session.officehours')).toBe('session-1');
    expect(screen.getByRole('button', { name: 'Change name' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Leave' })).toBeInTheDocument();
  });

  it('a wrong password says so and keeps the name typed; the right one joins', async () => {
    const server = joinServer(version, { token: 'boardroom', displayName: 'Board room', password: 'boardroom' });
    renderJoin(server);
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Your name'), 'Pat');
    await user.type(screen.getByLabelText('Password'), 'guess');
    await user.click(screen.getByRole('button', { name: 'Join' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('The password is wrong.');
    expect(screen.getByLabelText('Your name')).toHaveValue('Pat');
    expect(screen.getByLabelText('Password')).toHaveFocus();
    expect(server.guestName).toBeNull();

    await user.clear(screen.getByLabelText('Password'));
    await user.type(screen.getByLabelText('Password'), 'boardroom');
    await user.click(screen.getByRole('button', { name: 'Join' }));

    expect(await screen.findByText('You joined as Pat')).toBeInTheDocument();
    expect(server.joins()).toEqual([
      { force: false, password: 'guess' },
      { force: false, password: 'boardroom' },
    ]);
  });

  it('a signed-in person joins under their account: no name to choose, no guest name sent', async () => {
    const server = joinServer(version, { token: 'designteam', displayName: 'Design team', type: 2 });
    server.memberAs = 3;
    server.joinedAs = 3;
    const { calls } = renderJoin(server, 'dave');

    expect(await screen.findByText(/You will join with your account/)).toHaveTextContent('dave');
    expect(screen.queryByLabelText('Your name')).not.toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Join' }));

    expect(await screen.findByText('You joined as dave')).toBeInTheDocument();
    expect(server.guestName).toBeNull();
    expect(screen.queryByRole('button', { name: 'Change name' })).not.toBeInTheDocument();
    expect(calls.every((call) => call.headers.get('Authorization')?.startsWith('Basic '))).toBe(true);
  });
});

describe('the join form', () => {
  it('shows the limit and a name over it before anything is submitted, and requires a name', async () => {
    const server = joinServer('v4', OFFICE_HOURS);
    renderJoin(server);
    const user = userEvent.setup();
    const name = await screen.findByLabelText('Your name');

    expect(name).toHaveAccessibleDescription('0 of 64 characters');
    await user.click(screen.getByRole('button', { name: 'Join' }));
    expect(name).toHaveAccessibleDescription('Enter your name. 0 of 64 characters');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveFocus();

    await user.type(name, '   ');
    await user.click(screen.getByRole('button', { name: 'Join' }));
    expect(name).toHaveAccessibleDescription('Enter your name. 0 of 64 characters');

    await user.clear(name);
    fireEvent.change(name, { target: { value: 'x'.repeat(65) } });
    // Said while typing, before any submit.
    expect(name).toHaveAccessibleDescription('Your name can have at most 64 characters. 65 of 64 characters');
    await user.click(screen.getByRole('button', { name: 'Join' }));

    expect(server.joins()).toEqual([]);
  });

  it('asks for the password before sending when the conversation has one', async () => {
    const server = joinServer('v4', { token: 'boardroom', displayName: 'Board room', password: 'boardroom' });
    renderJoin(server);
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Your name'), 'Pat');
    await user.click(screen.getByRole('button', { name: 'Join' }));

    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter the conversation’s password.');
    expect(screen.getByLabelText('Password')).toHaveFocus();
    expect(server.joins()).toEqual([]);
  });

  it('says so when the person is banned, and asks for no password then', async () => {
    const server = joinServer('v4', { token: 'boardroom', displayName: 'Board room', password: 'boardroom' });
    server.memberAs = 3;
    server.intercept = (request) =>
      request.method === 'POST' ? ocsResponse({ error: 'ban' }, 403, 'Banned') : undefined;
    renderJoin(server, 'mallory');

    await userEvent.setup().click(await screen.findByRole('button', { name: 'Join' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('You have been banned from this conversation.');
    expect(screen.queryByLabelText('Password')).not.toBeInTheDocument();
  });

  it('prefills the name remembered from the last visit, and does not join by itself', async () => {
    localStorage.setItem('rollcall.guest-name', 'Pat');
    const server = joinServer('v4', OFFICE_HOURS);
    renderJoin(server);

    expect(await screen.findByLabelText('Your name')).toHaveValue('Pat');
    expect(server.joins()).toEqual([]);
    expect(screen.getByRole('button', { name: 'Join' })).toBeInTheDocument();
  });

  it('explains a link that leads nowhere', async () => {
    const server = joinServer('v4', OFFICE_HOURS);
    server.intercept = (request) => (request.method === 'GET' ? ocsResponse(null, 404, 'Conversation not found') : undefined);
    renderJoin(server);

    expect(await screen.findByRole('alert')).toHaveTextContent('This conversation does not exist or the link is wrong.');
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Your name')).not.toBeInTheDocument();
  });

  it('says so when the server cannot be reached, and tries again on request', async () => {
    const server = joinServer('v4', OFFICE_HOURS);
    let offline = true;
    server.intercept = () => (offline ? Promise.reject(new TypeError('Failed to fetch')) : undefined);
    renderJoin(server);

    expect(await screen.findByRole('alert')).toHaveTextContent('The server could not be reached.');
    offline = false;
    await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByLabelText('Your name')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

describe('the session conflict (409)', () => {
  const NOW = new Date(2030, 0, 1, 12, 0, 0).getTime();

  beforeEach(() => {
    // Only the clock: the dialogs and the user events keep their own timing.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });

  it('asks about a live session elsewhere; "Cancel" leaves things as they are, "Join here" takes over', async () => {
    const server = joinServer('v4', OFFICE_HOURS);
    server.otherSession = { sessionId: 'elsewhere', inCall: 0, lastPing: NOW / 1000 - 40 };
    renderJoin(server);
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Your name'), 'Pat');
    await user.click(screen.getByRole('button', { name: 'Join' }));

    const dialog = await screen.findByRole('dialog', { name: 'Already in this conversation' });
    // The dialog moves focus in once it is in the page, not as it appears.
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus());
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    // Closing is asynchronous: the dialog unmounts after its exit.
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(server.joins()).toEqual([{ force: false }]);
    expect(server.otherSession).not.toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent('you are still in the conversation in your other window');
    expect(screen.getByLabelText('Your name')).toHaveValue('Pat');

    await user.click(screen.getByRole('button', { name: 'Join' }));
    await user.click(await screen.findByRole('button', { name: 'Join here' }));

    expect(await screen.findByText('You joined as Pat')).toBeInTheDocument();
    expect(server.joins()).toEqual([{ force: false }, { force: false }, { force: true }]);
    expect(server.otherSession).toBeNull();
  });

  it('asks about a session in a call that pinged 60 s ago', async () => {
    const server = joinServer('v1', OFFICE_HOURS);
    server.otherSession = { sessionId: 'elsewhere', inCall: 1, lastPing: NOW / 1000 - 60 };
    renderJoin(server);
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Your name'), 'Pat');
    await user.click(screen.getByRole('button', { name: 'Join' }));

    expect(await screen.findByRole('dialog', { name: 'Already in this conversation' })).toBeInTheDocument();
  });

  it.each([
    ['a session out of a call silent for 41 s', { sessionId: 'elsewhere', inCall: 0, age: 41 }],
    ['a session in a call silent for 61 s', { sessionId: 'elsewhere', inCall: 1, age: 61 }],
    ["this tab's own session before a reload", { sessionId: 'mine', inCall: 1, age: 0 }],
  ])('joins over %s without asking', async (_case, { sessionId, inCall, age }) => {
    sessionStorage.setItem('rollcall.call-session.officehours', 'mine');
    const server = joinServer('v4', OFFICE_HOURS);
    server.otherSession = { sessionId, inCall, lastPing: NOW / 1000 - age };
    renderJoin(server);
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Your name'), 'Pat');
    await user.click(screen.getByRole('button', { name: 'Join' }));

    expect(await screen.findByText('You joined as Pat')).toBeInTheDocument();
    // Closing is asynchronous: the dialog unmounts after its exit.
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(server.joins()).toEqual([{ force: false }, { force: true }]);
    expect(sessionStorage.getItem('rollcall.call-session.officehours')).toBe('session-1');
  });
});

/** Runs the fake clock on, letting answers and renders through on the way. */
async function advance(ms: number) {
  await act(() => vi.advanceTimersByTimeAsync(ms));
}

/**
 * Lets an answer that arrived at this very moment reach the screen: React Query hands results over in a
 * `setTimeout(…, 0)`, which the fake clock runs a millisecond later when it is set during a tick.
 */
async function settle() {
  await advance(1);
  await advance(1);
}

async function joinAsGuest(server: JoinServer, name = 'Pat') {
  const rendered = renderJoin(server);
  await advance(0);
  await advance(0);
  fireEvent.change(screen.getByLabelText('Your name'), { target: { value: name } });
  fireEvent.click(screen.getByRole('button', { name: 'Join' }));
  await advance(0);
  await advance(0);
  return rendered;
}

describe('with the clock running', () => {
  const NOW = new Date(2030, 0, 1, 12, 0, 0).getTime();

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(NOW);
  });

  describe.each(['v4', 'v1'] as const)('the lobby (%s)', (version) => {
    it('shows the start in local time and a live countdown, and lets the guest in when the time comes', async () => {
      const server = joinServer(version, { token: 'launch', displayName: 'Product launch', lobbyState: 1, lobbyTimer: NOW / 1000 + 90 });
      await joinAsGuest(server);

      expect(screen.getByRole('heading', { name: 'Waiting in the lobby' })).toBeInTheDocument();
      expect(screen.getByText(/Scheduled start:/)).toHaveTextContent(
        new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' }).format(NOW + 90_000),
      );
      expect(screen.getByRole('timer')).toHaveTextContent('01:30');
      expect(screen.queryByText(/You joined as/)).not.toBeInTheDocument();

      await advance(1000);
      expect(screen.getByRole('timer')).toHaveTextContent('01:29');
      await advance(59_000);
      expect(screen.getByRole('timer')).toHaveTextContent('00:30');
      await advance(29_000);
      expect(screen.getByRole('timer')).toHaveTextContent('00:01');

      await advance(1000);
      expect(screen.queryByRole('heading', { name: 'Waiting in the lobby' })).not.toBeInTheDocument();
      expect(screen.getByText('You joined as Pat')).toBeInTheDocument();
    });

    it('checks the room every few seconds and lets the guest in when a moderator lifts the lobby', async () => {
      const server = joinServer(version, { token: 'launch', displayName: 'Product launch', lobbyState: 1 });
      await joinAsGuest(server);

      expect(screen.getByRole('heading', { name: 'Waiting in the lobby' })).toBeInTheDocument();
      // No start time: no countdown.
      expect(screen.queryByRole('timer')).not.toBeInTheDocument();
      await advance(6000);
      expect(screen.getByRole('heading', { name: 'Waiting in the lobby' })).toBeInTheDocument();

      server.room.lobbyState = 0;
      await advance(3000);
      await settle();

      expect(screen.getByText('You joined as Pat')).toBeInTheDocument();
      expect(screen.queryByRole('heading', { name: 'Waiting in the lobby' })).not.toBeInTheDocument();
    });

    it('never holds moderators in the lobby', async () => {
      const server = joinServer(version, { token: 'launch', displayName: 'Product launch', lobbyState: 1 });
      server.joinedAs = 6; // a guest moderator
      await joinAsGuest(server);

      expect(screen.getByText('You joined as Pat')).toBeInTheDocument();
      expect(screen.queryByRole('heading', { name: 'Waiting in the lobby' })).not.toBeInTheDocument();
    });
  });

  describe.each(['v4', 'v1'] as const)('the session (%s)', (version) => {
    it('is kept alive by pulling signaling every few seconds', async () => {
      const server = joinServer(version, OFFICE_HOURS);
      await joinAsGuest(server);
      const pulls = () => server.log.filter((entry) => entry.includes('/signaling/')).length;

      expect(pulls()).toBe(0);
      await advance(PULL_INTERVAL_MS);
      expect(pulls()).toBe(1);
      await advance(PULL_INTERVAL_MS * 3);
      expect(pulls()).toBe(4);
    });

    it('says when another window took it over', async () => {
      const server = joinServer(version, OFFICE_HOURS);
      await joinAsGuest(server);
      server.signaling = 'replaced';

      await advance(PULL_INTERVAL_MS);

      expect(screen.getByRole('alert')).toHaveTextContent('You joined this conversation from another window.');
      expect(screen.queryByText(/You joined as/)).not.toBeInTheDocument();
      expect(sessionStorage.getItem('rollcall.call-session.officehours')).toBeNull();
      // Nothing more is pulled for a session that is over.
      const pulls = server.log.filter((entry) => entry.includes('/signaling/')).length;
      await advance(PULL_INTERVAL_MS * 2);
      expect(server.log.filter((entry) => entry.includes('/signaling/')).length).toBe(pulls);

      fireEvent.click(screen.getByRole('button', { name: 'Join again' }));
      expect(screen.getByLabelText('Your name')).toHaveValue('Pat');
    });

    it('says when a moderator removed the guest', async () => {
      const server = joinServer(version, OFFICE_HOURS);
      await joinAsGuest(server);
      server.signaling = 'removed';

      await advance(PULL_INTERVAL_MS);

      expect(screen.getByRole('alert')).toHaveTextContent('A moderator removed you from this conversation.');
    });

    it('shows that it is reconnecting while the server cannot be reached, backing off, and recovers', async () => {
      const server = joinServer(version, OFFICE_HOURS);
      await joinAsGuest(server);
      server.signaling = 'offline';
      const pulls = () => server.log.filter((entry) => entry.includes('/signaling/')).length;

      await advance(PULL_INTERVAL_MS);
      expect(screen.getByText(/^Reconnecting…/)).toBeInTheDocument();
      expect(screen.getByText('You joined as Pat')).toBeInTheDocument();
      expect(pulls()).toBe(1);
      await advance(1000);
      expect(pulls()).toBe(2);
      await advance(2000);
      expect(pulls()).toBe(3);
      await advance(3999);
      expect(pulls()).toBe(3);

      server.signaling = 'ok';
      await advance(1);
      expect(pulls()).toBe(4);
      expect(screen.queryByText(/^Reconnecting…/)).not.toBeInTheDocument();
      expect(screen.getByText('You joined as Pat')).toBeInTheDocument();
    });

    it('says the session timed out when the server was out of reach for longer than a session lives', async () => {
      const server = joinServer(version, OFFICE_HOURS);
      await joinAsGuest(server);
      server.signaling = 'offline';
      await advance(120_000);
      expect(screen.getByText(/^Reconnecting…/)).toBeInTheDocument();

      server.signaling = 'removed';
      await advance(15_000);

      expect(screen.getByRole('alert')).toHaveTextContent('You were disconnected for too long');
    });
  });
});

describe('once joined', () => {
  it('a guest changes their name through the guest name route', async () => {
    const server = joinServer('v4', OFFICE_HOURS);
    renderJoin(server);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Your name'), 'Pat');
    await user.click(screen.getByRole('button', { name: 'Join' }));
    await user.click(await screen.findByRole('button', { name: 'Change name' }));

    const dialog = screen.getByRole('dialog', { name: 'Change your name' });
    const field = within(dialog).getByLabelText('Your name');
    expect(field).toHaveValue('Pat');
    await waitFor(() => expect(field).toHaveFocus());
    await user.clear(field);
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(field).toHaveAccessibleDescription('Enter your name. 0 of 64 characters');

    await user.type(field, 'Pat Smith');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('You joined as Pat Smith')).toBeInTheDocument();
    // Closing is asynchronous: the dialog unmounts after its exit.
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(server.guestName).toBe('Pat Smith');
    expect(localStorage.getItem('rollcall.guest-name')).toBe('Pat Smith');
  });

  it('"Leave" ends the session and goes back to the join form', async () => {
    const server = joinServer('v1', OFFICE_HOURS);
    renderJoin(server);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Your name'), 'Pat');
    await user.click(screen.getByRole('button', { name: 'Join' }));
    await user.click(await screen.findByRole('button', { name: 'Leave' }));

    expect(await screen.findByText('You left the conversation.')).toBeInTheDocument();
    expect(server.log).toContain('DELETE /ocs/v2.php/apps/spreed/api/v1/room/officehours/participants/active');
    expect(server.sessionId).toBeNull();
    expect(screen.getByLabelText('Your name')).toHaveValue('Pat');
    expect(sessionStorage.getItem('rollcall.call-session.officehours')).toBeNull();
  });
});
