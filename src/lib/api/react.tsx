import { createContext, useContext, type ReactNode } from 'react';
import type { TalkClient } from './client';

const TalkClientContext = createContext<TalkClient | null>(null);

export function TalkClientProvider({ client, children }: { client: TalkClient; children: ReactNode }) {
  return <TalkClientContext value={client}>{children}</TalkClientContext>;
}

export function useTalkClient(): TalkClient {
  const client = useContext(TalkClientContext);
  if (!client) throw new Error('useTalkClient needs a <TalkClientProvider> above it');
  return client;
}
