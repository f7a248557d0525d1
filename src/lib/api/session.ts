/**
 * Being in a conversation, as opposed to being a participant of it: joining (a session begins), keeping the
 * session alive with internal signaling, choosing a guest name, and leaving. The same calls on v1 and v4 servers.
 */
import { conversationFromV4 } from './adapters';
import type { TalkApi } from './capabilities';
import type { TalkClient } from './client';
import { getConversation, roomPath } from './conversations';
import { ApiError, NotFoundError } from './errors';
import type { components } from '../../../contract/generated/talk-v4';
import type { Conversation } from './model';
import type { RequestOptions } from './transport';
import { SIGNALING_V3_BASE, TALK_V1_BASE, type V1JoinResult, type V4Room } from '../../../contract/wire';

export interface JoinOptions {
  /** Only guests and people joining by link need it, and only where the conversation has one. */
  password?: string;
  /**
   * `false` answers a `SessionConflictError` (409) when the caller already has a session in the conversation;
   * `true` ends that session and starts this one (the server's default).
   */
  force: boolean;
  signal?: AbortSignal;
}

/** A session in a conversation, and the conversation as the person who joined now sees it (role, lobby). */
export interface JoinedSession {
  sessionId: string;
  conversation: Conversation;
}

/**
 * Joins the conversation: a session begins for this browser window. Guests are identified from here on by the
 * cookie the server sets now. Fails with `SessionConflictError` (409, see `force`), `BannedError` (403 ban), a
 * `ForbiddenError` (403: a wrong password) or `NotFoundError` (404).
 */
export async function joinConversation(talk: TalkClient, token: string, options: JoinOptions): Promise<JoinedSession> {
  const api = await talk.api();
  const path = `${roomPath(api, token)}/participants/active`;
  const request = {
    body: { force: options.force, ...(options.password ? { password: options.password } : {}) },
    signal: options.signal,
  };
  if (api.version === 'v4') {
    // v4 answers with the room, as the person who joined sees it (their role, the lobby, the session).
    const room = await talk.request<V4Room>('POST', path, request);
    return { sessionId: room.sessionId, conversation: conversationFromV4(room) };
  }
  // v1 answers with the session only; the role (a guest is only a participant from now on) needs the room.
  const joined = await talk.request<V1JoinResult>('POST', path, request);
  const conversation = await getConversation(talk, token, { signal: options.signal });
  return { sessionId: joined.sessionId, conversation };
}

/**
 * Ends this window's session. Guests (and accounts who came in by the link) stop being participants with their
 * last session. Leaving a conversation one is no longer in (404) is not a failure: the session is gone either way.
 */
export async function leaveSession(talk: TalkClient, token: string): Promise<void> {
  const api = await talk.api();
  try {
    await talk.request<unknown>('DELETE', `${roomPath(api, token)}/participants/active`);
  } catch (error) {
    if (error instanceof NotFoundError) return;
    throw error;
  }
}

/** Talk's limit for display names (and the demo server's). */
export const GUEST_NAME_MAX_LENGTH = 64;

/**
 * The display name of the guest who joined from this browser; may be repeated. Accounts get a 403. The route
 * stayed on v1 on every server, v4 ones too (spec/talk-openapi.json allows only v1 for it).
 */
export async function setGuestName(talk: TalkClient, token: string, displayName: string): Promise<void> {
  await talk.request<unknown>('POST', `${TALK_V1_BASE}/guest/${encodeURIComponent(token)}/name`, {
    body: { displayName: displayName.trim() },
  });
}

/** Why a session ended while the page thought it was in the conversation. */
export type SessionEndReason =
  /** Another window joined with force and took this window's place. */
  | 'replaced'
  /** The caller is no longer a participant: removed by a moderator, or the session timed out (signaling 404). */
  | 'not-in-conversation'
  /**
   * Ended, without saying why (signaling 409): Talk answers so to any ended session, removed, timed out or
   * replaced alike. Whether the caller is still a participant tells which.
   */
  | 'ended';

/** A keep-alive found the session ended. A state of the page rather than a failure of a request. */
export class SessionEndedError extends ApiError {
  override readonly name = 'SessionEndedError';

  constructor(
    readonly reason: SessionEndReason,
    status: number,
    message: string,
    ocsStatusCode: number | null = null,
  ) {
    super(status, message, ocsStatusCode);
  }
}

type WireSignalingSession = components['schemas']['SignalingSession'];

interface WireSignalingMessage {
  type: string;
  data: WireSignalingSession[] | string;
}

/** Someone's session in the conversation, as the keep-alive lists them. */
export interface SessionInRoom {
  sessionId: string;
  /** Empty for guests. */
  userId: string;
  inCall: number;
}

export interface SignalingPull {
  /** The sessions in the conversation; null when this answer carried no `usersInRoom` message. */
  sessionsInRoom: SessionInRoom[] | null;
}

export interface PullOptions {
  /**
   * This window's session. When the answer lists the sessions in the room and this one is not among them, it was
   * replaced, even if the server still knows this browser (another tab of it joined with force).
   */
  ownSessionId?: string;
  signal?: RequestOptions['signal'];
}

/**
 * Signaling moved to its own version: v3 on servers with `signaling-v3`, v1 on older ones. Talk 12 brought both
 * `conversation-v4` and `signaling-v3`, so the conversation API's generation tells which one a server has.
 */
function signalingPath(api: TalkApi, token: string): string {
  const base = api.version === 'v4' ? SIGNALING_V3_BASE : TALK_V1_BASE;
  return `${base}/signaling/${encodeURIComponent(token)}`;
}

/**
 * One pull of internal signaling, as Talk's own web client does without a signaling server. It keeps this
 * window's session alive (a session silent for 100 s ends). Fails with `SessionEndedError` when the session is
 * over; a 400 means the server uses a signaling server instead, and there is nothing to pull.
 */
export async function pullSignaling(talk: TalkClient, token: string, options: PullOptions = {}): Promise<SignalingPull> {
  const api = await talk.api();
  let messages: WireSignalingMessage[];
  try {
    messages = await talk.request<WireSignalingMessage[]>('GET', signalingPath(api, token), { signal: options.signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) {
      throw new SessionEndedError('ended', 409, error.message, error.ocsStatusCode);
    }
    if (error instanceof NotFoundError) {
      throw new SessionEndedError('not-in-conversation', 404, error.message, error.ocsStatusCode);
    }
    throw error;
  }

  let sessionsInRoom: SessionInRoom[] | null = null;
  for (const message of Array.isArray(messages) ? messages : []) {
    if (message.type !== 'usersInRoom' || !Array.isArray(message.data)) continue;
    sessionsInRoom = message.data.map((session) => ({
      sessionId: session.sessionId,
      userId: session.userId,
      inCall: session.inCall,
    }));
  }
  if (
    options.ownSessionId &&
    sessionsInRoom !== null &&
    sessionsInRoom.length > 0 &&
    !sessionsInRoom.some((session) => session.sessionId === options.ownSessionId)
  ) {
    throw new SessionEndedError('replaced', 200, 'This window’s session is no longer in the conversation');
  }
  return { sessionsInRoom };
}

