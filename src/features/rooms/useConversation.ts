import { useQuery } from '@tanstack/react-query';
import { useTalkClient } from '../../lib/api';
import { roomsQueries } from './queries';

/**
 * One conversation (name, type, lobby, the signed-in person's role) from the shared cache entry that the lobby
 * controls update, so a page heading and the controls never disagree.
 */
export function useConversation(token: string) {
  const talk = useTalkClient();
  return useQuery(roomsQueries.detail(talk, token));
}
