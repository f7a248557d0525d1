import { conversationFromV1, conversationFromV4 } from './adapters';
import type { TalkApi } from './capabilities';
import type { TalkClient } from './client';
import type { Conversation, LobbySettings, NewConversation } from './model';
import type { RequestOptions } from './transport';
import { LobbyState, RoomType, type V1Room, type V4Room } from '../../../contract/wire';

type ReadOptions = Pick<RequestOptions, 'credentials' | 'signal'>;

/** The path of one conversation; tokens come from the address bar, so they are encoded. */
export function roomPath(api: TalkApi, token: string): string {
  return `${api.base}/room/${encodeURIComponent(token)}`;
}

/** Both generations answer room routes with a room of their own shape. */
function conversationFromRoom(api: TalkApi, room: V1Room | V4Room): Conversation {
  return api.version === 'v4' ? conversationFromV4(room as V4Room) : conversationFromV1(room as V1Room);
}

/** The conversations the caller belongs to. */
export async function listConversations(talk: TalkClient, options: ReadOptions = {}): Promise<Conversation[]> {
  const api = await talk.api();
  if (api.version === 'v4') {
    const rooms = await talk.request<V4Room[]>('GET', `${api.base}/room`, options);
    return rooms.map(conversationFromV4);
  }
  const rooms = await talk.request<V1Room[]>('GET', `${api.base}/room`, options);
  return rooms.map(conversationFromV1);
}

/**
 * One conversation. Answers with the lobby state even to people the lobby keeps out: a real Talk 19 server
 * answers 200 here (`lobbyState`, `lobbyTimer`) while it refuses them the participants with 412.
 */
export async function getConversation(talk: TalkClient, token: string, options: ReadOptions = {}): Promise<Conversation> {
  const api = await talk.api();
  const room = await talk.request<V1Room | V4Room>('GET', roomPath(api, token), options);
  return conversationFromRoom(api, room);
}

/**
 * Creates a group or public conversation owned by the caller. v1 servers take the password with the creation;
 * current ones (Talk 19 measured) ignore it there, so on v4 it is set with `PUT /room/{token}/password` after.
 */
export async function createConversation(talk: TalkClient, conversation: NewConversation): Promise<Conversation> {
  const api = await talk.api();
  const isPublic = conversation.type === 'public';
  // Only public conversations can have one; an empty password means none.
  const password = isPublic && conversation.password ? conversation.password : undefined;
  const room = await talk.request<V1Room | V4Room>('POST', `${api.base}/room`, {
    body: {
      roomType: isPublic ? RoomType.Public : RoomType.Group,
      roomName: conversation.name,
      ...(password !== undefined && api.version === 'v1' ? { password } : {}),
    },
  });
  const created = conversationFromRoom(api, room);
  if (password === undefined || api.version === 'v1') return created;
  await setNewPassword(talk, api, created, password);
  // Talk 19 answers the password route with `[]`, newer servers with the room: either way it has one now.
  return { ...created, hasPassword: true };
}

/**
 * A public conversation whose password could not be set must not stay open to anyone with its link: the
 * creator, its only participant, leaves it, which closes it, and the creation fails with the server's reason.
 */
async function setNewPassword(talk: TalkClient, api: TalkApi, created: Conversation, password: string): Promise<void> {
  try {
    await talk.request<unknown>('PUT', `${roomPath(api, created.token)}/password`, { body: { password } });
  } catch (error) {
    await talk.request<unknown>('DELETE', `${roomPath(api, created.token)}/participants/self`).catch(() => undefined);
    throw error;
  }
}

/** Turns the lobby on or off, with an optional time at which it lifts by itself. Moderators only (else 403). */
export async function setLobby(talk: TalkClient, token: string, lobby: LobbySettings): Promise<Conversation> {
  const api = await talk.api();
  // Talk takes the timer in Unix seconds; without one, the lobby stays on until a moderator turns it off.
  const timer = lobby.enabled && lobby.opensAt !== null ? Math.floor(lobby.opensAt / 1000) : undefined;
  const room = await talk.request<V1Room | V4Room>('PUT', `${roomPath(api, token)}/webinar/lobby`, {
    body: { state: lobby.enabled ? LobbyState.On : LobbyState.Off, ...(timer === undefined ? {} : { timer }) },
  });
  return conversationFromRoom(api, room);
}

/** Removes the caller from the conversation. 400 when they are its last moderator and others remain. */
export async function leaveConversation(talk: TalkClient, token: string): Promise<void> {
  const api = await talk.api();
  await talk.request<unknown>('DELETE', `${roomPath(api, token)}/participants/self`);
}
