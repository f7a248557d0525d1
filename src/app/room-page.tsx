/**
 * `/rooms/:token`: composes the rooms feature (the conversation, its lobby and leave controls) with the roster
 * feature. Features do not import each other; this page hands each what it needs. Loaded lazily (router.tsx),
 * so the virtualiser, the menus and the roster code stay out of the initial JavaScript.
 */
import { PageTitle } from '../lib/theme';
import { useCallback, useId, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { ForbiddenError, NotFoundError } from '../lib/api';
import { DefaultPermissions, LeaveConversation, LobbyControls, roomsQueries, useConversation } from '../features/rooms';
import { Bans, Roster, rosterQueries } from '../features/roster';
import { REFUSALS } from './errors';
import { RichMessage, useI18n } from '../lib/i18n';
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
  const { t } = useI18n();

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
    if (error instanceof NotFoundError) {
      return <ConversationUnavailable heading={t('app.conversationNotFound')} message={REFUSALS.conversationUnknown} />;
    }
    return <p role="status">{t('app.loadingConversation')}</p>;
  }

  // The room polls (rooms/queries.ts): losing it, or the role in it, while the page is open means the viewer was
  // removed (or the conversation deleted). Stale controls would only lead to refusals, so the page says so instead.
  const noLongerParticipant =
    error instanceof NotFoundError || error instanceof ForbiddenError || (wasParticipant && conversation.ownRole === null);
  if (noLongerParticipant) {
    // An alert: it replaces the page the person was looking at.
    return <ConversationUnavailable heading={conversation.name} message={REFUSALS.conversationGone} alert />;
  }

  return (
    <section className="room-page" aria-labelledby={headingId}>
      <PageTitle>{conversation.name}</PageTitle>
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
 * A conversation the viewer cannot see: Talk answers 404 both for one that does not exist and for one the viewer is
 * not in, and a conversation can disappear, or the viewer be removed, while its page is open. Nothing to retry:
 * the page says so and leads back to the list.
 */
function ConversationUnavailable({ heading, message, alert = false }: { heading: string; message: string; alert?: boolean }) {
  const headingId = useId();
  return (
    <section className="room-page" aria-labelledby={headingId}>
      <PageTitle>{heading}</PageTitle>
      <h1 id={headingId} className="room-name" tabIndex={-1}>
        {heading}
      </h1>
      <p role={alert ? 'alert' : undefined}>{message}</p>
      <p>
        <RichMessage id="app.backToConversations" components={{ 0: <Link to="/" /> }} />
      </p>
    </section>
  );
}
