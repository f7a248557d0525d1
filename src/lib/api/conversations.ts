import { conversationFromV1, conversationFromV4 } from './adapters';
import type { TalkClient } from './client';
import type { Conversation } from './model';
import type { RequestOptions } from './transport';
import type { V1Room, V4Room } from './wire';

/** The conversations the caller belongs to. */
export async function listConversations(
  talk: TalkClient,
  options: Pick<RequestOptions, 'credentials' | 'signal'> = {},
): Promise<Conversation[]> {
  const api = await talk.api();
  if (api.version === 'v4') {
    const rooms = await talk.request<V4Room[]>('GET', `${api.base}/room`, options);
    return rooms.map(conversationFromV4);
  }
  const rooms = await talk.request<V1Room[]>('GET', `${api.base}/room`, options);
  return rooms.map(conversationFromV1);
}
