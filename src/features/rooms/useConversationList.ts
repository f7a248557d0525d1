import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTalkClient } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
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
  // The rows carry words (type, role, badges) and a name order, both in the UI's language: remade when it changes.
  const { locale } = useI18n();
  const rows = useMemo(
    () => (conversations ? toConversationRows(conversations, search, locale) : []),
    [conversations, search, locale],
  );
  return { isLoaded: conversations !== undefined, rows, totalCount: conversations?.length ?? 0 };
}
