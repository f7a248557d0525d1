import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTalkClient } from '../../lib/api';
import { toConversationRows, type ConversationRow } from './conversation-rows';
import { roomsQueries } from './queries';

export interface ConversationList {
  /** False until the first answer arrives. */
  isLoaded: boolean;
  rows: ConversationRow[];
  /** How many conversations there are before the search narrows them down. */
  totalCount: number;
}

/** The view-model of the conversation list: server data in, rows for the search out. */
export function useConversationList(search: string): ConversationList {
  const talk = useTalkClient();
  const { data: conversations } = useQuery(roomsQueries.list(talk));
  const rows = useMemo(() => (conversations ? toConversationRows(conversations, search) : []), [conversations, search]);
  return { isLoaded: conversations !== undefined, rows, totalCount: conversations?.length ?? 0 };
}
