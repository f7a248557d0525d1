/** Wire shapes of both API generations → the domain model (./model). */
import type {
  Ban,
  Conversation,
  ConversationType,
  Lobby,
  Participant,
  ParticipantKind,
  ParticipantRole,
  ParticipantSource,
  ParticipantSuggestion,
  UserStatus,
} from './model';
import { participantKey } from './participant-keys';
import {
  LobbyState,
  ParticipantType,
  RoomType,
  type AutocompleteEntry,
  type V1Ban,
  type V1Participant,
  type V1Room,
  type V4Participant,
  type V4Room,
} from '../../../contract/wire';

const CONVERSATION_TYPES: Record<number, ConversationType> = {
  [RoomType.OneToOne]: 'one-to-one',
  [RoomType.Group]: 'group',
  [RoomType.Public]: 'public',
  [RoomType.Changelog]: 'changelog',
  [RoomType.FormerOneToOne]: 'former-one-to-one',
  [RoomType.NoteToSelf]: 'note-to-self',
};

const PARTICIPANT_ROLES: Record<number, ParticipantRole> = {
  [ParticipantType.Owner]: 'owner',
  [ParticipantType.Moderator]: 'moderator',
  [ParticipantType.User]: 'member',
  [ParticipantType.Guest]: 'guest',
  // Joined a public conversation by its link: the same rights as any member.
  [ParticipantType.UserSelfJoined]: 'member',
  [ParticipantType.GuestModerator]: 'guest-moderator',
};

/** Unknown codes from a newer server fall back to the least surprising reading rather than failing. */
export function conversationTypeFromWire(type: number): ConversationType {
  return CONVERSATION_TYPES[type] ?? 'group';
}

/** 0 (v1: "not a participant") and unknown codes give null. */
export function participantRoleFromWire(participantType: number): ParticipantRole | null {
  return PARTICIPANT_ROLES[participantType] ?? null;
}

function lobbyFromWire(lobbyState: number, lobbyTimer: number): Lobby {
  return {
    enabled: lobbyState === LobbyState.On,
    // Talk sends the timer in Unix seconds, 0 for "no start time".
    opensAt: lobbyTimer > 0 ? lobbyTimer * 1000 : null,
  };
}

/** The room fields v1 and v4 share under the same names and meanings. */
interface CommonRoomFields {
  token: string;
  displayName: string;
  type: number;
  hasPassword: boolean;
  lobbyState: number;
  lobbyTimer: number;
  participantType: number;
  lastActivity: number;
}

function conversationFromRoom(
  room: CommonRoomFields,
  ownAccountId: string | null,
  defaultPermissions: number | null,
  ownPermissions: number | null,
): Conversation {
  const ownRole = participantRoleFromWire(room.participantType);
  return {
    token: room.token,
    name: room.displayName,
    type: conversationTypeFromWire(room.type),
    hasPassword: room.hasPassword,
    lobby: lobbyFromWire(room.lobbyState, room.lobbyTimer),
    ownRole,
    canModerate: isModeratorRole(ownRole),
    ownAccountId,
    defaultPermissions,
    ownPermissions,
    // Talk sends Unix seconds.
    lastActivityAt: room.lastActivity > 0 ? room.lastActivity * 1000 : 0,
  };
}

function isModeratorRole(role: ParticipantRole | null): boolean {
  return role === 'owner' || role === 'moderator' || role === 'guest-moderator';
}

export function conversationFromV4(room: V4Room): Conversation {
  return conversationFromRoom(
    room,
    room.actorType === 'users' && room.actorId ? room.actorId : null,
    room.defaultPermissions,
    room.permissions,
  );
}

export function conversationFromV1(room: V1Room): Conversation {
  return conversationFromRoom(room, null, null, null);
}

// ---- participants ---------------------------------------------------------------------------------
// These run on every row of rosters of 100,000 people on each refetch: plain loops, lookups by table or
// switch, no closures or regular expressions per row, and objects of one shape.

function participantKindFromActorType(actorType: string): ParticipantKind {
  switch (actorType) {
    case 'users':
      return 'user';
    case 'guests':
      return 'guest';
    case 'emails':
      return 'email';
    case 'groups':
      return 'group';
    case 'circles':
    case 'teams': // newer servers call circles teams; either may arrive
      return 'circle';
    default:
      return 'other';
  }
}

/** A participant's role can't be "not a participant": unknown codes read as the plainest role of the kind. */
function rosterRole(participantType: number, isGuestLike: boolean): ParticipantRole {
  return PARTICIPANT_ROLES[participantType] ?? (isGuestLike ? 'guest' : 'member');
}

function statusFromWire(
  status: string | undefined,
  icon: string | null | undefined,
  message: string | null | undefined,
): UserStatus | null {
  // Servers send statuses only when asked and when they loaded them (below 1000 participants on real ones).
  if (status === undefined) return null;
  return { status, icon: icon ?? null, message: message ?? null };
}

export function participantsFromV4(rows: readonly V4Participant[]): Participant[] {
  const participants: Participant[] = [];
  for (const row of rows) {
    const kind = participantKindFromActorType(row.actorType);
    participants.push({
      key: participantKey.attendee(row.attendeeId),
      kind,
      actorId: row.actorId,
      displayName: row.displayName,
      role: rosterRole(row.participantType, kind === 'guest' || kind === 'email'),
      online: row.sessionIds.length > 0,
      inCall: row.inCall > 0,
      status: statusFromWire(row.status, row.statusIcon, row.statusMessage),
      permissions: row.permissions,
      attendeePermissions: row.attendeePermissions,
    });
  }
  return participants;
}

/** The session id v1 sends for someone without a session. */
const V1_NO_SESSION = '0';

/**
 * v1 names accounts by user id and guests by their session. A guest without a session (an email invitee, or a
 * guest who left) has nothing that names it: its key only tells it apart from the others in the list.
 */
export function participantsFromV1(rows: readonly V1Participant[]): Participant[] {
  const participants: Participant[] = [];
  // Only guests without a session need it, and there are few of them.
  let sessionlessGuestsByName: Map<string, number> | null = null;
  for (const row of rows) {
    const isUser = row.userId !== '';
    const online = row.sessionId !== V1_NO_SESSION && row.sessionId !== '';
    let key: string;
    if (isUser) {
      key = participantKey.user(row.userId);
    } else if (online) {
      key = participantKey.guestSession(row.sessionId);
    } else {
      sessionlessGuestsByName ??= new Map();
      const seen = sessionlessGuestsByName.get(row.displayName) ?? 0;
      sessionlessGuestsByName.set(row.displayName, seen + 1);
      key = participantKey.sessionlessGuest(row.displayName, seen);
    }
    participants.push({
      key,
      kind: isUser ? 'user' : 'guest',
      actorId: row.userId,
      displayName: row.displayName,
      role: rosterRole(row.participantType, !isUser),
      online,
      // v1 lists no call state.
      inCall: false,
      status: statusFromWire(row.status, row.statusIcon, row.statusMessage),
      permissions: null,
      attendeePermissions: null,
    });
  }
  return participants;
}

// ---- bans ---------------------------------------------------------------------------------------------

export function banFromWire(ban: V1Ban): Ban {
  return {
    id: ban.id,
    banned: {
      kind: participantKindFromActorType(ban.bannedActorType),
      actorId: ban.bannedActorId,
      name: ban.bannedDisplayName || ban.bannedActorId,
    },
    bannedBy: ban.moderatorDisplayName || ban.moderatorActorId,
    // Talk sends Unix seconds.
    bannedAt: ban.bannedTime * 1000,
    internalNote: ban.internalNote,
  };
}

// ---- autocomplete ---------------------------------------------------------------------------------

function isParticipantSource(source: string): source is ParticipantSource {
  return source === 'users' || source === 'groups' || source === 'emails' || source === 'circles';
}

/** Entries of sources that cannot be added to a conversation (remote shares, for instance) are left out. */
export function suggestionsFromAutocomplete(entries: readonly AutocompleteEntry[]): ParticipantSuggestion[] {
  const suggestions: ParticipantSuggestion[] = [];
  for (const entry of entries) {
    // Real servers may answer sources this client does not know; the wire type cannot promise otherwise.
    const source: string = entry.source;
    if (!isParticipantSource(source)) continue;
    // Nextcloud puts the email (or account id) in `shareWithDisplayNameUnique` and often leaves `subline` empty.
    const unique = entry.shareWithDisplayNameUnique ?? '';
    const detail = entry.subline || (unique !== entry.label ? unique : '');
    suggestions.push({ id: entry.id, label: entry.label || entry.id, source, detail });
  }
  return suggestions;
}
