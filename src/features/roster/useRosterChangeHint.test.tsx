import { act, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { getConversation, type Conversation } from '../../lib/api';
import { TALK_V4_BASE } from '../../../contract/wire';
import { demoServer } from '../../test/demo-server';
import { createTestServices, renderPage } from '../../test/render';
import { giveTheRosterAViewport } from '../../test/roster-viewport';
import { Roster } from './Roster';

giveTheRosterAViewport();

// officehours (server/db/seed.ts): bob owns it, alice moderates it; carol is not in it.
const participantsPath = `${TALK_V4_BASE}/room/officehours/participants`;

/** Bob's roster of officehours, with the conversation handed in as the room page does after each of its polls. */
async function openBobsRoster() {
  const services = createTestServices({ account: 'bob', password: 'demo' });
  let showConversation: (conversation: Conversation) => void = () => undefined;
  function Page({ initial }: { initial: Conversation }) {
    const [conversation, setConversation] = useState(initial);
    showConversation = setConversation;
    return <Roster conversation={conversation} viewerId="bob" />;
  }
  renderPage(<Page initial={await getConversation(services.talkClient, 'officehours')} />, { services });
  expect(await screen.findByText('Bob')).toBeInTheDocument();
  /** The room page polled the conversation again. */
  const conversationPolled = async () => {
    const conversation = await getConversation(services.talkClient, 'officehours');
    act(() => showConversation(conversation));
  };
  return { conversationPolled };
}

describe('the roster and the conversation’s change hint', () => {
  it('shows someone another moderator added as soon as the conversation says something happened', async () => {
    const server = demoServer();
    const { conversationPolled } = await openBobsRoster();

    await server.as('alice').ocs('POST', participantsPath, { json: { newParticipant: 'carol', source: 'users' } });
    await conversationPolled();

    // Long before the 10 s poll: the hint refetched the list.
    expect(await screen.findByText('Carol')).toBeInTheDocument();
    expect(server.calls({ method: 'GET', path: participantsPath })).toHaveLength(2);
  });

  it('does not refetch the list when the conversation comes back unchanged', async () => {
    const server = demoServer();
    const { conversationPolled } = await openBobsRoster();
    const listed = server.calls({ method: 'GET', path: participantsPath }).length;

    await conversationPolled();
    // A hint would refetch in the same task as the render it came with: the room request is the last one made.
    await act(() => Promise.resolve());

    expect(server.requests.at(-1)?.path).toMatch(/\/room\/officehours$/);
    expect(server.calls({ method: 'GET', path: participantsPath })).toHaveLength(listed);
  });
});
