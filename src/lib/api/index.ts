/** The public surface of the API client. Wire shapes and adapters stay inside this folder (and the server). */
export {
  ApiError,
  CsrfError,
  ForbiddenError,
  LobbyError,
  NetworkError,
  NotFoundError,
  SessionConflictError,
  UnauthorizedError,
  isTransientError,
} from './errors';
export type { Credentials, HttpMethod, RequestOptions } from './transport';
export type { TalkApi, TalkApiVersion } from './capabilities';
export { createTalkClient, type TalkClient } from './client';
export { listConversations } from './conversations';
export type { Conversation, ConversationType, Lobby, ParticipantRole } from './model';
export { TalkClientProvider, useTalkClient } from './react';
