/** Wire shapes of both API generations → the domain model (./model). */
import type { Conversation, ConversationType, Lobby, ParticipantRole } from './model';
import { LobbyState, ParticipantType, RoomType, type V1Room, type V4Room } from './wire';

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
}

function conversationFromRoom(room: CommonRoomFields): Conversation {
  return {
    token: room.token,
    name: room.displayName,
    type: conversationTypeFromWire(room.type),
    hasPassword: room.hasPassword,
    lobby: lobbyFromWire(room.lobbyState, room.lobbyTimer),
    ownRole: participantRoleFromWire(room.participantType),
  };
}

export function conversationFromV4(room: V4Room): Conversation {
  return conversationFromRoom(room);
}

export function conversationFromV1(room: V1Room): Conversation {
  return conversationFromRoom(room);
}
