/**
 * `/rooms/:token`: composes the rooms feature (the conversation, its lobby and leave controls) with the roster
 * feature. Features do not import each other; this page hands each what it needs. Loaded lazily (router.tsx),
 * so the virtualiser, the menus and the roster code stay out of the initial JavaScript.
 */
import { useCallback, useId } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { DefaultPermissions, LeaveConversation, LobbyControls, roomsQueries, useConversation } from '../features/rooms';
import { Bans, Roster, rosterQueries } from '../features/roster';
import { useIdentity } from './identity';
import './room-page.css';

export function RoomPage() {
  const { token = '' } = useParams();
  const { data: conversation } = useConversation(token);
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

  if (!conversation) return <p role="status">Loading the conversation…</p>;

  return (
    <section className="room-page" aria-labelledby={headingId}>
      <title>{`${conversation.name} · rollcall`}</title>
      <h1 id={headingId} className="room-name">
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
