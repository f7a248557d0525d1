/** The public surface of the API client. Wire shapes and adapters stay inside this folder (and the server). */
export {
  ApiError,
  BannedError,
  CsrfError,
  ForbiddenError,
  LobbyError,
  LoginFlowUnavailableError,
  NetworkError,
  NotFoundError,
  SessionConflictError,
  TooManyAttemptsError,
  UnaddressableParticipantError,
  UnauthorizedError,
  UnsupportedFeatureError,
  isTransientError,
} from './errors';
export type { Credentials, HttpMethod, ParamValue, Params, RequestOptions } from './transport';
export { talkApiMemoryIn, type TalkApi, type TalkApiMemory, type TalkApiVersion } from './capabilities';
export { createTalkClient, type TalkClient } from './client';
export { createConversation, getConversation, leaveConversation, listConversations, setLobby } from './conversations';
export {
  addParticipant,
  demoteParticipant,
  listParticipants,
  promoteParticipant,
  removeParticipant,
  searchParticipantSuggestions,
  SUGGESTION_LIMIT,
  supportsCircles,
  type ParticipantRef,
  type SuggestionSearch,
} from './participants';
export { isParticipantAddressable } from './participant-keys';
export { setDefaultPermissions, setParticipantPermissions, supportsPermissions } from './permissions';
export { BAN_NOTE_MAX_LENGTH, banParticipant, isBannable, listBans, supportsBans, unban, type BanTarget } from './bans';
export {
  GUEST_NAME_MAX_LENGTH,
  SessionEndedError,
  joinConversation,
  leaveSession,
  pullSignaling,
  setGuestName,
  type JoinOptions,
  type JoinedSession,
  type PullOptions,
  type SessionEndReason,
  type SessionInRoom,
  type SignalingPull,
} from './session';
export type {
  AddParticipantResult,
  Ban,
  Conversation,
  ConversationType,
  Lobby,
  LobbySettings,
  NewConversation,
  NewConversationType,
  NewParticipant,
  Participant,
  ParticipantKind,
  ParticipantRole,
  ParticipantSource,
  ParticipantSuggestion,
  UserStatus,
} from './model';
export { TalkClientProvider, useTalkClient } from './react';
export { getCurrentUser, type CurrentUser } from './users';
export {
  LOGIN_FLOW_LIFETIME_MS,
  loginFlowExpired,
  pollLoginFlow,
  revokeAppPassword,
  startLoginFlow,
  type LoginFlow,
} from './login-flow';
export { ALL_PERMISSIONS, Permission, type PermissionMethod } from '../../../contract/wire';
