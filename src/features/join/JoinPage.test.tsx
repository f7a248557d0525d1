import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { demoServer, type DemoServer } from '../../test/demo-server';
import { createTestServices, renderPage } from '../../test/render';
import { SERVER_THEME_KEY } from '../../lib/theme';
import { JoinConversation } from './JoinPage';
import { PULL_INTERVAL_MS } from './useKeepAlive';

// The seeded conversations (server/db/seed.ts): officehours is public, boardroom public with the password
// "boardroom", designteam a group of alice, bob, carol and dave, launch public with alice owning it.

function renderJoin(token: string, account: string | null = null) {
  const services = createTestServices(account === null ? null : { account, password: 'demo' });
  // The page's title reads the server's theme from the capabilities. Under the fake clock of the tests below,
  // that second query reading the shared capabilities sometimes left the page "Loading the conversation…" with
  // both answers in (1 run in 3; never with real timers, in Chromium or here): known, not yet understood. The
  // theme is not what these tests are about, so the page starts with rollcall's own look.
  services.queryClient.setQueryData(SERVER_THEME_KEY, null);
  renderPage(<JoinConversation token={token} account={account} />, { services });
  return { services };
}

/** The bodies of the joins the app sent. */
function joins(server: DemoServer) {
  return server.calls({ method: 'POST', path: /\/participants\/active$/ }).map((request) => JSON.parse(request.body ?? '{}') as unknown);
}

const pulls = (server: DemoServer) => server.calls({ method: 'GET', path: /\/signaling\// }).length;

/** The names of the guests in a room, as the server keeps them. */
const guestNames = (server: DemoServer, token: string) =>
  server.liveSessions(token).filter((session) => session.actorType === 'guests').map((session) => session.displayName);

afterEach(() => {
  vi.useRealTimers();
  localStorage.clear();
});

describe.each(['v4', 'v1'] as const)('joining (%s)', (version) => {
  it('a guest chooses a name and joins; the name is set after the join and remembered', async () => {
    const server = demoServer(version);
    renderJoin('officehours');
    const user = userEvent.setup();

    // Talk hides the conversation's name until one joins: the page has a heading of its own meanwhile.
    await user.type(await screen.findByLabelText('Your name'), '  Pat  ');
    expect(screen.getByRole('heading', { level: 1, name: 'Join a conversation' })).toBeInTheDocument();
    expect(document.title).toBe('Join a conversation · rollcall');
    expect(screen.queryByLabelText('Password')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Join' }));

    expect(await screen.findByText('You joined as Pat')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Open office hours' })).toBeInTheDocument();
    expect(document.title).toBe('Open office hours · rollcall');
    expect(joins(server)).toEqual([{ force: false }]);
    // Joined first, then named: the guest name route needs the session of the join.
    expect(server.calls({ method: 'POST' }).map((request) => request.path)).toEqual([
      expect.stringMatching(/\/participants\/active$/),
      expect.stringMatching(/\/guest\/officehours\/name$/),
    ]);
    const [session] = server.liveSessions('officehours');
    expect(session).toMatchObject({ actorType: 'guests', displayName: 'Pat' });
    expect(localStorage.getItem('rollcall.guest-name')).toBe('Pat');
    expect(sessionStorage.getItem('rollcall.call-session.officehours')).toBe(session?.id);
    expect(screen.getByRole('button', { name: 'Change name' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Leave' })).toBeInTheDocument();
  });

  it('a wrong password says so and keeps the name typed; the right one joins', async () => {
    const server = demoServer(version);
    renderJoin('boardroom');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Your name'), 'Pat');
    await user.type(screen.getByLabelText('Password'), 'guess');
    await user.click(screen.getByRole('button', { name: 'Join' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('The password is wrong.');
    expect(screen.getByLabelText('Your name')).toHaveValue('Pat');
    expect(screen.getByLabelText('Password')).toHaveFocus();
    expect(server.liveSessions('boardroom')).toEqual([]);

    await user.clear(screen.getByLabelText('Password'));
    await user.type(screen.getByLabelText('Password'), 'boardroom');
    await user.click(screen.getByRole('button', { name: 'Join' }));

    expect(await screen.findByText('You joined as Pat')).toBeInTheDocument();
    expect(joins(server)).toEqual([
      { force: false, password: 'guess' },
      { force: false, password: 'boardroom' },
    ]);
    expect(guestNames(server, 'boardroom')).toEqual(['Pat']);
  });

  it('a signed-in person joins under their account: no name to choose, no guest name sent', async () => {
    // dave is a member of the design team.
    const server = demoServer(version);
    renderJoin('designteam', 'dave');

    expect(await screen.findByText(/You will join with your account/)).toHaveTextContent('dave');
    expect(screen.queryByLabelText('Your name')).not.toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Join' }));

    expect(await screen.findByText('You joined as dave')).toBeInTheDocument();
    expect(server.calls({ path: /\/guest\// })).toEqual([]);
    expect(server.liveSessions('designteam')).toEqual([expect.objectContaining({ actorType: 'users', displayName: 'Dave' })]);
    expect(screen.queryByRole('button', { name: 'Change name' })).not.toBeInTheDocument();
    expect(server.requests.every((request) => request.headers.get('Authorization')?.startsWith('Basic '))).toBe(true);
  });
});

describe('the join form', () => {
  it('shows the limit and a name over it before anything is submitted, and requires a name', async () => {
    const server = demoServer();
    renderJoin('officehours');
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

    // Then a valid name joins: that join must be the only one sent, so none of the refused ones went out.
    await user.clear(name);
    await user.type(name, 'Pat');
    await user.click(screen.getByRole('button', { name: 'Join' }));
    expect(await screen.findByText('You joined as Pat')).toBeInTheDocument();
    expect(joins(server)).toHaveLength(1);
  });

  it('asks for the password before sending when the conversation has one', async () => {
    const server = demoServer();
    renderJoin('boardroom');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Your name'), 'Pat');
    await user.click(screen.getByRole('button', { name: 'Join' }));

    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter the conversation’s password.');
    expect(screen.getByLabelText('Password')).toHaveFocus();

    // With the password the person joins, and that is the only join sent: the first click sent nothing.
    await user.type(screen.getByLabelText('Password'), 'boardroom');
    await user.click(screen.getByRole('button', { name: 'Join' }));
    expect(await screen.findByText('You joined as Pat')).toBeInTheDocument();
    expect(joins(server)).toHaveLength(1);
  });

  // Bans exist beside v4 only (ban-v1).
  it('says the person is banned, asks for the password no more and offers no join', async () => {
    const server = demoServer();
    // carol owns the board room; banning dave removes him, so he is asked for its password like anyone by the link.
    await server.as('carol').ocs('POST', '/ocs/v2.php/apps/spreed/api/v1/ban/boardroom', { json: { actorType: 'users', actorId: 'dave' } });
    renderJoin('boardroom', 'dave');
    const user = userEvent.setup();

    // The ban comes before the password: even a wrong one is answered with the ban.
    await user.type(await screen.findByLabelText('Password'), 'guess');
    await user.click(screen.getByRole('button', { name: 'Join' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('You have been banned from this conversation.');
    expect(screen.getByRole('alert')).toHaveTextContent('Only a moderator of the conversation can lift the ban.');
    expect(screen.queryByRole('button', { name: 'Join' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /again/ })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Password')).not.toBeInTheDocument();
    expect(joins(server)).toHaveLength(1);
  });

  it('prefills the name remembered from the last visit, and does not join by itself', async () => {
    localStorage.setItem('rollcall.guest-name', 'Pat');
    const server = demoServer();
    renderJoin('officehours');

    expect(await screen.findByLabelText('Your name')).toHaveValue('Pat');
    expect(screen.queryByText('You joined as Pat')).not.toBeInTheDocument();

    // Joining is the person's choice: theirs is the one join sent.
    await userEvent.setup().click(screen.getByRole('button', { name: 'Join' }));
    expect(await screen.findByText('You joined as Pat')).toBeInTheDocument();
    expect(joins(server)).toHaveLength(1);
  });

  it('explains a link that leads nowhere', async () => {
    demoServer();
    renderJoin('nosuchroom');

    expect(await screen.findByRole('alert')).toHaveTextContent('This conversation does not exist or the link is wrong.');
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Your name')).not.toBeInTheDocument();
  });

  it('says so when the server cannot be reached, and tries again on request', async () => {
    const server = demoServer();
    const backOnline = server.failWhile({ path: /^\/ocs\// }, { network: 'offline' });
    renderJoin('officehours');

    expect(await screen.findByRole('alert')).toHaveTextContent('The server could not be reached.');
    backOnline();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByLabelText('Your name')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

describe('the session conflict (409)', () => {
  const NOW = new Date(2030, 0, 1, 12, 0, 0).getTime();

  beforeEach(() => {
    // Only the clock (the server's too): the dialogs and the user events keep their own timing.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });

  /** Another window of this browser joins officehours `age` seconds ago: the same guest, to the server. */
  async function joinElsewhere(server: DemoServer, options: { age: number; inCall?: boolean }) {
    vi.setSystemTime(NOW - options.age * 1000);
    await server.anotherWindow().ocs('POST', `${server.talkBase}/room/officehours/participants/active`, { json: { force: false } });
    vi.setSystemTime(NOW);
    const [elsewhere] = server.liveSessions('officehours');
    if (!elsewhere) throw new Error('the other window should have a session');
    if (options.inCall) server.putInCall(elsewhere.id);
    return elsewhere.id;
  }

  it('asks about a live session elsewhere; "Cancel" leaves things as they are, "Join here" takes over', async () => {
    const server = demoServer();
    const elsewhere = await joinElsewhere(server, { age: 40 });
    renderJoin('officehours');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Your name'), 'Pat');
    await user.click(screen.getByRole('button', { name: 'Join' }));

    const dialog = await screen.findByRole('dialog', { name: 'Already in this conversation' });
    // The dialog moves focus in once it is in the page, not as it appears.
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus());
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    // Closing is asynchronous: the dialog unmounts after its exit.
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(joins(server)).toEqual([{ force: false }]);
    expect(server.liveSessions('officehours').map((session) => session.id)).toEqual([elsewhere]);
    expect(screen.getByRole('status')).toHaveTextContent('you are still in the conversation in your other window');
    expect(screen.getByLabelText('Your name')).toHaveValue('Pat');

    await user.click(screen.getByRole('button', { name: 'Join' }));
    await user.click(await screen.findByRole('button', { name: 'Join here' }));

    expect(await screen.findByText('You joined as Pat')).toBeInTheDocument();
    expect(joins(server)).toEqual([{ force: false }, { force: false }, { force: true }]);
    const sessions = server.liveSessions('officehours');
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.id).not.toBe(elsewhere);
  });

  it('asks about a session in a call that pinged 60 s ago', async () => {
    const server = demoServer('v1');
    await joinElsewhere(server, { age: 60, inCall: true });
    renderJoin('officehours');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Your name'), 'Pat');
    await user.click(screen.getByRole('button', { name: 'Join' }));

    expect(await screen.findByRole('dialog', { name: 'Already in this conversation' })).toBeInTheDocument();
  });

  it.each([
    ['a session out of a call silent for 41 s', { inCall: false, age: 41, ownTab: false }],
    ['a session in a call silent for 61 s', { inCall: true, age: 61, ownTab: false }],
    ["this tab's own session before a reload", { inCall: true, age: 0, ownTab: true }],
  ])('joins over %s without asking', async (_case, { inCall, age, ownTab }) => {
    const server = demoServer();
    const elsewhere = await joinElsewhere(server, { age, inCall });
    // What this tab remembers of its own session; another tab's session is not it.
    sessionStorage.setItem('rollcall.call-session.officehours', ownTab ? elsewhere : 'another-tab');
    renderJoin('officehours');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Your name'), 'Pat');
    await user.click(screen.getByRole('button', { name: 'Join' }));

    expect(await screen.findByText('You joined as Pat')).toBeInTheDocument();
    // Closing is asynchronous: the dialog unmounts after its exit.
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(joins(server)).toEqual([{ force: false }, { force: true }]);
    const [session] = server.liveSessions('officehours');
    expect(session?.id).not.toBe(elsewhere);
    expect(sessionStorage.getItem('rollcall.call-session.officehours')).toBe(session?.id);
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

/**
 * Waits until `what` holds: the server answers in real time, while the app's timers (React Query hands results over
 * in a `setTimeout(…, 0)`) wait for the fake clock. Runs what is due now but never moves the clock on (`vi.waitFor`
 * would move it by its interval at each check).
 */
async function until(what: () => void, timeoutMs = 10_000) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    await advance(0);
    try {
      what();
      return;
    } catch (error) {
      if (performance.now() > deadline) throw error;
    }
    // setImmediate is not faked: a real turn of the event loop, in which the server's work goes on.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function joinAs(token: string, account: string | null, name = 'Pat') {
  renderJoin(token, account);
  await until(() => expect(screen.getByRole('button', { name: 'Join' })).toBeEnabled());
  if (account === null) fireEvent.change(screen.getByLabelText('Your name'), { target: { value: name } });
  fireEvent.click(screen.getByRole('button', { name: 'Join' }));
}

async function joinAsGuest(token = 'officehours') {
  await joinAs(token, null);
  await until(() =>
    expect(screen.queryByText('You joined as Pat') ?? screen.queryByRole('heading', { name: 'Waiting in the lobby' })).not.toBeNull(),
  );
}

// Each test here is several requests to the in-process server, one of them a password check (scrypt on the
// thread pool): on a loaded 2-core machine that is seconds, not the default 5 s budget for the whole test.
describe('with the clock running', { timeout: 30_000 }, () => {
  const NOW = new Date(2030, 0, 1, 12, 0, 0).getTime();

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(NOW);
  });

  describe.each(['v4', 'v1'] as const)('the lobby (%s)', (version) => {
    /** alice owns the seeded launch conversation. */
    const setLobby = (server: DemoServer, body: { state: number; timer?: number }) =>
      server.as('alice').ocs('PUT', `${server.talkBase}/room/launch/webinar/lobby`, { json: body });

    it('shows the start in local time and a live countdown, and lets the guest in when the time comes', async () => {
      const server = demoServer(version);
      await setLobby(server, { state: 1, timer: NOW / 1000 + 90 });
      await joinAsGuest('launch');

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

      // The server lifts a lobby whose time has come when the room is read.
      await advance(1000);
      await until(() => expect(screen.getByText('You joined as Pat')).toBeInTheDocument());
      expect(screen.queryByRole('heading', { name: 'Waiting in the lobby' })).not.toBeInTheDocument();
    });

    it('checks the room every few seconds and lets the guest in when a moderator lifts the lobby', async () => {
      const server = demoServer(version);
      await setLobby(server, { state: 1 });
      await joinAsGuest('launch');

      expect(screen.getByRole('heading', { name: 'Waiting in the lobby' })).toBeInTheDocument();
      // No start time: no countdown.
      expect(screen.queryByRole('timer')).not.toBeInTheDocument();
      await advance(6000);
      expect(screen.getByRole('heading', { name: 'Waiting in the lobby' })).toBeInTheDocument();

      await setLobby(server, { state: 0 });
      await advance(3000);
      await settle();

      await until(() => expect(screen.getByText('You joined as Pat')).toBeInTheDocument());
      expect(screen.queryByRole('heading', { name: 'Waiting in the lobby' })).not.toBeInTheDocument();
    });

    it('never holds moderators in the lobby', async () => {
      const server = demoServer(version);
      await setLobby(server, { state: 1 });
      // bob moderates the launch.
      await joinAs('launch', 'bob');

      await until(() => expect(screen.getByText('You joined as bob')).toBeInTheDocument());
      expect(screen.queryByRole('heading', { name: 'Waiting in the lobby' })).not.toBeInTheDocument();
    });
  });

  describe.each(['v4', 'v1'] as const)('the session (%s)', (version) => {
    /** bob owns officehours and removes the one guest in it: v4 by attendee, v1 a guest by its session. */
    async function bobRemovesTheGuest(server: DemoServer) {
      const [guest] = server.liveSessions('officehours');
      if (!guest) throw new Error('the guest should be in the room');
      const bob = server.as('bob');
      if (version === 'v4') await bob.ocs('DELETE', `${server.talkBase}/room/officehours/attendees`, { params: { attendeeId: guest.attendeeId } });
      else await bob.ocs('DELETE', `${server.talkBase}/room/officehours/participants/guests`, { params: { participant: guest.id } });
    }

    it('is kept alive by pulling signaling every few seconds', async () => {
      const server = demoServer(version);
      await joinAsGuest();
      const before = Math.floor(Date.now() / 1000);

      expect(pulls(server)).toBe(0);
      await advance(PULL_INTERVAL_MS);
      expect(pulls(server)).toBe(1);
      await advance(PULL_INTERVAL_MS * 3);
      expect(pulls(server)).toBe(4);
      // Each pull is a ping: the server's clock of the session moved on with them.
      await until(() => expect(server.liveSessions('officehours')[0]?.lastPing).toBeGreaterThanOrEqual(before + 3 * PULL_INTERVAL_MS / 1000));
    });

    it('says when another window took it over', async () => {
      // An account's other browser joining with force ends this browser's session (a guest is this browser).
      const server = demoServer(version);
      await joinAs('officehours', 'eve');
      await until(() => expect(screen.getByText('You joined as eve')).toBeInTheDocument());
      await server.as('eve').ocs('POST', `${server.talkBase}/room/officehours/participants/active`, { json: { force: true } });

      await advance(PULL_INTERVAL_MS);

      await until(() => expect(screen.getByRole('alert')).toHaveTextContent('You joined this conversation from another window.'));
      expect(screen.queryByText(/You joined as/)).not.toBeInTheDocument();
      expect(sessionStorage.getItem('rollcall.call-session.officehours')).toBeNull();
      // Nothing more is pulled for a session that is over.
      const pulled = pulls(server);
      await advance(PULL_INTERVAL_MS * 2);
      expect(pulls(server)).toBe(pulled);

      fireEvent.click(screen.getByRole('button', { name: 'Join again' }));
      // The form comes back once the room has been read again: a later turn, not this one.
      await until(() => expect(screen.getByRole('button', { name: 'Join' })).toBeInTheDocument());
    });

    it('says when a moderator removed the guest, and joining again keeps the name', async () => {
      const server = demoServer(version);
      await joinAsGuest();
      await bobRemovesTheGuest(server);

      await advance(PULL_INTERVAL_MS);

      await until(() => expect(screen.getByRole('alert')).toHaveTextContent('A moderator removed you from this conversation.'));
      const pulled = pulls(server);
      await advance(PULL_INTERVAL_MS * 2);
      expect(pulls(server)).toBe(pulled);

      fireEvent.click(screen.getByRole('button', { name: 'Join again' }));
      expect(screen.getByLabelText('Your name')).toHaveValue('Pat');
    });

    it('asks the conversation before explaining an ended session, and says only that it ended when it cannot', async () => {
      const server = demoServer(version);
      await joinAsGuest();
      await bobRemovesTheGuest(server);
      // The pull says "ended" (409); the room, which would tell removed from replaced, cannot be read.
      server.failWhile({ method: 'GET', path: /\/room\/officehours$/ }, { network: 'offline' });

      await advance(PULL_INTERVAL_MS);

      await until(() => expect(screen.getByRole('alert')).toHaveTextContent('Your session in this conversation ended.'));
      expect(screen.queryByText(/another window/)).not.toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Join again' })).toBeInTheDocument();
    });

    // Bans exist beside v4 only (ban-v1).
    if (version === 'v4') it('a guest a moderator banned is removed, and joining again from this browser says they are banned', async () => {
      const server = demoServer(version);
      await joinAsGuest();
      const [guest] = server.liveSessions('officehours');
      if (!guest) throw new Error('the guest should be in the room');
      const actorId = server.db.prepare('SELECT actor_id FROM attendees WHERE id = ?').pluck().get(guest.attendeeId);
      await server.as('bob').ocs('POST', '/ocs/v2.php/apps/spreed/api/v1/ban/officehours', {
        json: { actorType: 'guests', actorId, internalNote: 'Spam' },
      });

      await advance(PULL_INTERVAL_MS);
      await until(() => expect(screen.getByRole('alert')).toHaveTextContent('A moderator removed you from this conversation.'));

      fireEvent.click(screen.getByRole('button', { name: 'Join again' }));
      fireEvent.click(screen.getByRole('button', { name: 'Join' }));
      await until(() => expect(screen.getByRole('alert')).toHaveTextContent('You have been banned from this conversation.'));
      expect(screen.queryByRole('button', { name: 'Join' })).not.toBeInTheDocument();
      expect(server.liveSessions('officehours')).toEqual([]);
    });

    it('shows that it is reconnecting while the server cannot be reached, backing off, and recovers', async () => {
      const server = demoServer(version);
      await joinAsGuest();
      const backOnline = server.failWhile({ method: 'GET', path: /\/signaling\// }, { network: 'offline' });

      await advance(PULL_INTERVAL_MS);
      await until(() => expect(screen.getByText(/^Reconnecting…/)).toBeInTheDocument());
      expect(screen.getByText('You joined as Pat')).toBeInTheDocument();
      expect(pulls(server)).toBe(1);
      // The retries wait 1 s, then 2 s, then 4 s.
      await advance(1000);
      expect(pulls(server)).toBe(2);
      await advance(2000);
      expect(pulls(server)).toBe(3);
      await advance(3999);
      expect(pulls(server)).toBe(3);

      backOnline();
      await advance(1);
      expect(pulls(server)).toBe(4);
      await until(() => expect(screen.queryByText(/^Reconnecting…/)).not.toBeInTheDocument());
      expect(screen.getByText('You joined as Pat')).toBeInTheDocument();
    });

    it('says the session timed out when the server was out of reach for longer than a session lives', async () => {
      const server = demoServer(version);
      await joinAsGuest();
      const backOnline = server.failWhile({ method: 'GET', path: /\/signaling\// }, { network: 'offline' });
      await advance(120_000);
      expect(screen.getByText(/^Reconnecting…/)).toBeInTheDocument();

      // The server ended the silent session meanwhile (after 100 s), and the guest with it.
      backOnline();
      await advance(15_000);

      await until(() => expect(screen.getByRole('alert')).toHaveTextContent('You were disconnected for too long'));
      expect(server.liveSessions('officehours')).toEqual([]);
    });
  });
});

describe('once joined', () => {
  it('a guest changes their name through the guest name route', async () => {
    const server = demoServer();
    renderJoin('officehours');
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
    expect(guestNames(server, 'officehours')).toEqual(['Pat Smith']);
    expect(localStorage.getItem('rollcall.guest-name')).toBe('Pat Smith');
  });

  it('"Leave" ends the session and goes back to the join form', async () => {
    const server = demoServer('v1');
    renderJoin('officehours');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Your name'), 'Pat');
    await user.click(screen.getByRole('button', { name: 'Join' }));
    await user.click(await screen.findByRole('button', { name: 'Leave' }));

    expect(await screen.findByText('You left the conversation.')).toBeInTheDocument();
    expect(server.calls({ method: 'DELETE' }).map((request) => request.path)).toEqual([
      '/ocs/v2.php/apps/spreed/api/v1/room/officehours/participants/active',
    ]);
    expect(server.liveSessions('officehours')).toEqual([]);
    expect(screen.getByLabelText('Your name')).toHaveValue('Pat');
    expect(sessionStorage.getItem('rollcall.call-session.officehours')).toBeNull();
  });
});
