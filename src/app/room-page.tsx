/**
 * `/rooms/:token`: composes the rooms feature (the conversation, its lobby and leave controls) with the roster
 * feature. Features do not import each other; this page hands each what it needs. Loaded lazily (router.tsx),
 * so the virtualiser, the menus and the roster code stay out of the initial JavaScript.
 */
import { useCallback, useId } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { DefaultPermissions, LeaveConversation, LobbyControls, roomsQueries, useConversation } from '../features/rooms';
import { Bans, Roster, rosterQueries } from '../features/roster';
import { NotFoundError } from '../lib/api';
import { REFUSALS } from './errors';
import { useIdentity } from './identity';
import './room-page.css';

export function RoomPage() {
  const { token = '' } = useParams();
  const { data: conversation, error } = useConversation(token);
  const account = useIdentity((state) => state.credentials?.account ?? null);
  const userId = useIdentity((state) => state.user?.id ?? null);
  const queryClient = useQueryClient();
  const headingId = useId();

  // Adding an email guest can make a group conversation public: its type shows here and in the list.
  const refreshConversation = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: roomsQueries.all() });
  }, [queryClient]);

  // Default permissions change what everyone in the roster may do (and reset permissions chosen for single people).
  const refreshRoster = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: rosterQueries.conversation(token) });
  }, [queryClient, token]);

  if (!conversation) {
    if (error instanceof NotFoundError) return <ConversationNotFound />;
    return <p role="status">Loading the conversation…</p>;
  }

  return (
    <section className="room-page" aria-labelledby={headingId}>
      <title>{`${conversation.name} · rollcall`}</title>
      {/* tabIndex -1: the focus moves here when the page is navigated to (app/page-focus.ts). */}
      <h1 id={headingId} className="room-name" tabIndex={-1}>
        {conversation.name}
      </h1>
      <div className="room-controls">
        <LobbyControls token={token} />
        <DefaultPermissions token={token} onChanged={refreshRoster} />
        <Bans conversation={conversation} />
        <LeaveConversation token={token} />
      </div>
      {/* Keyed by conversation: another room starts with an empty search and no pending dialogs. */}
      <Roster
        key={token}
        conversation={conversation}
        viewerId={conversation.ownAccountId ?? userId ?? account}
        onConversationChanged={refreshConversation}
      />
    </section>
  );
}

/**
 * Talk answers 404 both for a conversation that does not exist and for one the viewer is not in: either way
 * there is nothing to retry, so the page says so and leads back to the list.
 */
function ConversationNotFound() {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <title>Conversation not found · rollcall</title>
      <h1 id={headingId} tabIndex={-1}>
        Conversation not found
      </h1>
      <p>{REFUSALS.conversationUnknown}</p>
      <p>
        Back to <Link to="/">Conversations</Link>
      </p>
    </section>
  );
}
