import { screen, within } from '@testing-library/react';
import { focusManager } from '@tanstack/react-query';
import { beforeAll, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { demoServer, type DemoServer } from '../test/demo-server';
import { giveTheRosterAViewport } from '../test/roster-viewport';
import { useIdentity } from './identity';
import { renderAppAt } from '../test/render-app';

// The offline banner's words (DESIGN.md).
const OUT_OF_DATE = 'Can’t reach the server. What you see may be out of date.';

giveTheRosterAViewport();

// The page is a lazy route: compiling it on first use can outlast findBy's wait on a busy machine.
beforeAll(() => import('./room-page'), 30_000);

beforeEach(() => {
  useIdentity.setState({ credentials: { account: 'alice', password: 'demo' } });
});

/** What the browser does when the person comes back to the tab: open pages refetch what they show. */
function comeBackToTheTab() {
  onTestFinished(() => focusManager.setFocused(undefined));
  focusManager.setFocused(false);
  focusManager.setFocused(true);
}

/** Bob's group conversation with alice in it, as moderator when `aliceModerates`; its token and alice's attendee id. */
async function bobsConversation(server: DemoServer, aliceModerates: boolean, roomType: 2 | 3 = 2) {
  const bob = server.as('bob');
  const { token } = await bob.ocs<{ token: string }>('POST', `${server.talkBase}/room`, {
    json: { roomType, roomName: 'Bob’s planning' },
  });
  const room = `${server.talkBase}/room/${token}`;
  await bob.ocs('POST', `${room}/participants`, { json: { newParticipant: 'alice', source: 'users' } });
  const participants = await bob.ocs<{ actorId: string; attendeeId: number }[]>('GET', `${room}/participants`);
  const alice = participants.find((participant) => participant.actorId === 'alice');
  if (!alice) throw new Error('alice was not added');
  if (aliceModerates) await bob.ocs('POST', `${room}/moderators`, { json: { attendeeId: alice.attendeeId } });
  return { token, room, bob, aliceAttendeeId: alice.attendeeId };
}

describe('an open conversation page stays current', () => {
  it('takes the moderation controls away once someone else demotes the viewer and turns the lobby on', async () => {
    const server = demoServer();
    const { token, room, bob, aliceAttendeeId } = await bobsConversation(server, true);
    renderAppAt(`/rooms/${token}`);

    const lobby = await screen.findByRole('switch', { name: 'Lobby' });
    expect(lobby).toBeEnabled();
    expect(await screen.findByRole('button', { name: 'Add participants' })).toBeInTheDocument();

    await bob.ocs('PUT', `${room}/webinar/lobby`, { json: { state: 1 } });
    await bob.ocs('DELETE', `${room}/moderators`, { params: { attendeeId: aliceAttendeeId } });
    comeBackToTheTab();

    await vi.waitFor(() => expect(screen.getByRole('switch', { name: 'Lobby' })).toBeDisabled());
    expect(screen.getByRole('switch', { name: 'Lobby' })).toBeChecked();
    expect(screen.getByText('Only moderators can change the lobby.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add participants' })).not.toBeInTheDocument();
  });

  // A public conversation still answers a removed account (it could join by link), with no role in it.
  it.each([
    ['group', 2],
    ['public', 3],
  ] as const)('says so in words when the viewer has been removed from a %s conversation', async (_, roomType) => {
    const server = demoServer();
    const { token, room, bob, aliceAttendeeId } = await bobsConversation(server, false, roomType);
    renderAppAt(`/rooms/${token}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Bob’s planning' })).toBeInTheDocument();

    await bob.ocs('DELETE', `${room}/attendees`, { params: { attendeeId: aliceAttendeeId } });
    comeBackToTheTab();

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This conversation no longer exists, or you are no longer a participant of it.',
    );
    expect(screen.getByRole('link', { name: 'Conversations' })).toHaveAttribute('href', '/');
    expect(screen.queryByRole('list', { name: 'Participants' })).not.toBeInTheDocument();
    expect(screen.queryByRole('switch', { name: 'Lobby' })).not.toBeInTheDocument();
  });
});

describe('while the server cannot be reached', () => {
  // That no row claims presence meanwhile is the stylesheet's work, which jsdom does not apply: e2e/fresh.spec.ts.
  it('marks the page out of date, and current again once the server is back', async () => {
    const server = demoServer();
    renderAppAt('/rooms/designteam');
    const list = await screen.findByRole('list', { name: 'Participants' });
    expect(await within(list).findByText('Bob')).toBeInTheDocument();
    const banner = screen.getByText((_, element) => element?.getAttribute('class')?.startsWith('offline-banner') ?? false);
    expect(banner).toHaveRole('status');
    expect(banner).toBeEmptyDOMElement();

    const reconnect = server.failWhile({ path: /./ }, { network: 'offline' });
    comeBackToTheTab();

    await vi.waitFor(() => expect(banner).toHaveTextContent(OUT_OF_DATE));
    // The rows stay: they are what is known.
    expect(within(list).getByText('Bob')).toBeInTheDocument();

    reconnect();
    const asked = server.calls({ method: 'GET', path: `${server.talkBase}/room/designteam/participants` }).length;
    comeBackToTheTab();

    await vi.waitFor(() => expect(banner).toBeEmptyDOMElement());
    // Back, everything on screen is fetched again: the roster too.
    await vi.waitFor(() =>
      expect(server.calls({ method: 'GET', path: `${server.talkBase}/room/designteam/participants` }).length).toBeGreaterThan(asked),
    );
  });

  it('shows the error page, and the page itself once the server answers again, without a click', async () => {
    const server = demoServer();
    const reconnect = server.failWhile({ path: `${server.talkBase}/room` }, { network: 'offline' });
    // React and the router log the error they caught; here it is the expected outcome.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    renderAppAt('/');

    expect(await screen.findByRole('alert')).toHaveTextContent('The server could not be reached');
    expect(screen.getByRole('alert')).toHaveTextContent('rollcall tries again by itself');
    expect(screen.getByText(OUT_OF_DATE)).toBeInTheDocument();

    reconnect();

    // The first try is a second after the failure.
    expect(await screen.findByRole('link', { name: 'Design team' }, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByText(OUT_OF_DATE)).not.toBeInTheDocument();
  });
});
