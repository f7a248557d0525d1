import {
  RoomType,
  type V1Participant,
  type V1Room,
  type V4Participant,
  type V4Room,
} from '../../contract/wire';
import { effectivePermissions, isModerator, type RoomRow } from './model';
import type { ParticipantView, RoomView, TalkStore } from './store';

/**
 * Talk hides a conversation's name from someone who is not (yet) a participant: a public link tells a stranger
 * that the conversation exists, not what it is called.
 */
function namesOf(store: TalkStore, { room, self }: RoomView): { name: string; displayName: string } {
  if (!self) return { name: '', displayName: '' };
  return { name: room.name, displayName: store.displayNameOf(room, self) };
}

/** The room as a v4 server returns it (every field spec/talk-openapi.json requires). */
export function toV4Room(store: TalkStore, view: RoomView): V4Room {
  const { room, self, session } = view;
  const lastPing = session?.last_ping ?? 0;
  const oneToOne = room.type === RoomType.OneToOne;
  return {
    id: room.id,
    token: room.token,
    type: room.type,
    ...namesOf(store, view),
    description: room.description,
    objectType: '',
    objectId: '',
    actorType: self?.actor_type ?? '',
    actorId: self?.actor_id ?? '',
    attendeeId: self?.id ?? 0,
    attendeePermissions: self?.permissions ?? 0,
    attendeePin: '',
    permissions: effectivePermissions(room, self),
    defaultPermissions: room.default_permissions,
    callPermissions: room.call_permissions,
    participantType: self?.participant_type ?? 0,
    participantFlags: session?.in_call ?? 0,
    sessionId: session?.id ?? '0',
    lastPing,
    hasPassword: room.password_hash !== null,
    hasCall: store.hasCall(room.id),
    callFlag: 0,
    callStartTime: 0,
    callRecording: 0,
    canStartCall: !!self,
    canDeleteConversation: !oneToOne && isModerator(self),
    canLeaveConversation: !!self,
    canEnableSIP: false,
    sipEnabled: 0,
    lobbyState: room.lobby_state,
    lobbyTimer: room.lobby_timer,
    readOnly: room.read_only,
    listable: 0,
    lastActivity: room.last_activity,
    lastReadMessage: 0,
    lastCommonReadMessage: 0,
    unreadMessages: 0,
    unreadMention: false,
    unreadMentionDirect: false,
    isFavorite: false,
    isArchived: false,
    isImportant: false,
    isCustomAvatar: false,
    avatarVersion: '1',
    notificationLevel: oneToOne ? 1 : 2,
    notificationCalls: 1,
    messageExpiration: 0,
    mentionPermissions: 0,
    recordingConsent: 0,
    breakoutRoomMode: 0,
    breakoutRoomStatus: 0,
  };
}

/** The room as a v1 server (before Nextcloud 22) returns it. */
export function toV1Room(store: TalkStore, view: RoomView): V1Room {
  const { room, self, session } = view;
  return {
    id: room.id,
    token: room.token,
    type: room.type,
    ...namesOf(store, view),
    participantType: self?.participant_type ?? 0,
    hasPassword: room.password_hash !== null,
    lobbyState: room.lobby_state,
    lobbyTimer: room.lobby_timer,
    lastPing: session?.last_ping ?? 0,
    sessionId: session?.id ?? '0',
    numGuests: store.countGuests(room.id),
    lastActivity: room.last_activity,
    isFavorite: false,
    readOnly: room.read_only,
  };
}

function statusFields(view: ParticipantView) {
  if (!view.status) return {};
  return { status: view.status.status, statusIcon: view.status.icon, statusMessage: view.status.message };
}

export function toV4Participant(room: RoomRow, view: ParticipantView): V4Participant {
  const { attendee, sessions } = view;
  const latest = sessions[0];
  return {
    attendeeId: attendee.id,
    actorType: attendee.actor_type,
    actorId: attendee.actor_id,
    displayName: attendee.display_name,
    participantType: attendee.participant_type,
    lastPing: latest?.last_ping ?? 0,
    inCall: sessions.reduce((flags, session) => flags | session.in_call, 0),
    permissions: effectivePermissions(room, attendee),
    attendeePermissions: attendee.permissions,
    attendeePin: '',
    roomToken: room.token,
    sessionIds: sessions.map((session) => session.id),
    ...statusFields(view),
    ...(view.status ? { statusClearAt: view.status.clear_at } : {}),
  };
}

/**
 * v1 knew accounts and guests only: groups and circles are not participants there, and a guest is addressed
 * by its session. Email invitees show as guests without a session.
 */
export function toV1Participant(view: ParticipantView): V1Participant | null {
  const { attendee, sessions } = view;
  if (attendee.actor_type !== 'users' && attendee.actor_type !== 'guests' && attendee.actor_type !== 'emails') return null;
  const latest = sessions[0];
  return {
    userId: attendee.actor_type === 'users' ? attendee.actor_id : '',
    displayName: attendee.display_name,
    participantType: attendee.participant_type,
    lastPing: latest?.last_ping ?? 0,
    sessionId: latest?.id ?? '0',
    ...statusFields(view),
  };
}
