/**
 * How features get words for an error without importing the app: the app's one error map (app/errors.tsx)
 * is provided here, and features ask for it with `useDescribeError()`, saying what they were doing.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { ParticipantRole, ParticipantSource } from './api';

/**
 * What the person was doing when the error happened. The same status means different things for different
 * actions (a 403 on removing is the owner, on demoting it is yourself), so features say what they were doing
 * and the app chooses the words.
 */
export type ErrorContext =
  | {
      action: 'promote-participant' | 'demote-participant' | 'remove-participant';
      participant: { name: string; role: ParticipantRole; isSelf: boolean };
    }
  | { action: 'add-participant'; participant: { name: string; source: ParticipantSource } }
  /** Changing one person's permissions, letting them in from the lobby included. */
  | { action: 'set-permissions'; participant: { name: string } }
  | { action: 'set-default-permissions' }
  /** Banning someone (`name`: who), listing the bans, lifting one (`name`: who was banned). */
  | { action: 'ban-participant' | 'unban-participant'; participant: { name: string } }
  | { action: 'list-bans' }
  | { action: 'search-participants' }
  | { action: 'list-participants' }
  | { action: 'leave-conversation' }
  | { action: 'set-lobby' }
  | { action: 'create-conversation' }
  | { action: 'join-conversation' }
  | { action: 'set-guest-name' }
  /**
   * Keeping a joined session alive failed or found it ended. `afterOutage`: the server had not been reached for
   * longer than a session lives, so an ended session timed out rather than being ended by someone.
   */
  | { action: 'keep-session'; afterOutage: boolean }
  | { action: 'leave-session' };

export type DescribeError = (error: unknown, context?: ErrorContext) => string;

const DescribeErrorContext = createContext<DescribeError | null>(null);

export function DescribeErrorProvider({ describe, children }: { describe: DescribeError; children: ReactNode }) {
  return <DescribeErrorContext value={describe}>{children}</DescribeErrorContext>;
}

export function useDescribeError(): DescribeError {
  const describe = useContext(DescribeErrorContext);
  if (!describe) throw new Error('useDescribeError needs a <DescribeErrorProvider> above it');
  return describe;
}
