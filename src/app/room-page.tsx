/**
 * `/rooms/:token`: composes the rooms feature (the conversation, its lobby and leave controls) with the roster
 * feature. Features do not import each other; this page hands each what it needs. Loaded lazily (router.tsx),
 * so the virtualiser, the menus and the roster code stay out of the initial JavaScript.
 */
import { useCallback, useId, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { ForbiddenError, NotFoundError } from '../lib/api';
import { DefaultPermissions, LeaveConversation, LobbyControls, roomsQueries, useConversation } from '../features/rooms';
import { Bans, Roster, rosterQueries } from '../features/roster';
import { REFUSALS } from './errors';
import { useIdentity } from './identity';
import { useServerReachable } from './reachability';
import './room-page.css';

export function RoomPage() {
  const { token = '' } = useParams();
  const { data: conversation, error } = useConversation(token);
  const presenceKnown = useServerReachable();
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

  // Set while rendering (React's way to remember something about earlier renders): whether the viewer has been
  // a participant here, so that a public conversation answering with no role afterwards means they were removed.
  // By token: the page stays mounted when the address moves to another conversation.
  const [participantOf, setParticipantOf] = useState<string | null>(null);
  if (conversation?.ownRole && participantOf !== token) setParticipantOf(token);
  const wasParticipant = participantOf === token;

  if (!conversation) {
    if (error instanceof NotFoundError) return <ConversationNotFound />;
    return <p role="status">Loading the conversation…</p>;
  }

  // The room polls (rooms/queries.ts): losing it, or the role in it, while the page is open means the viewer was
  // removed (or the conversation deleted). Stale controls would only lead to refusals, so the page says so instead.
  const noLongerParticipant =
    error instanceof NotFoundError || error instanceof ForbiddenError || (wasParticipant && conversation.ownRole === null);
  if (noLongerParticipant) {
    return (
      <section className="room-page" aria-labelledby={headingId}>
        <title>{`${conversation.name} · rollcall`}</title>
        <h1 id={headingId} className="room-name">
          {conversation.name}
        </h1>
        <p role="alert">{REFUSALS.conversationGone}</p>
        <p>
          Back to <Link to="/">Conversations</Link>
        </p>
      </section>
    );
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
        presenceKnown={presenceKnown}
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
