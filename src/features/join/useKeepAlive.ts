import { useEffect, useEffectEvent, useState } from 'react';
import { ApiError, SessionEndedError, isTransientError, pullSignaling, useTalkClient } from '../../lib/api';
import { backoffDelay } from '../../lib/backoff';

/** The demo server answers at once; Talk's own client pulls again as soon as an answer arrives. */
export const PULL_INTERVAL_MS = 5_000;
/** Waits between attempts while the server cannot be reached: 1 s, 2 s, 4 s, … at most this. */
export const MAX_RETRY_DELAY_MS = 15_000;
/** Talk ends a session silent for 100 s: without an answer for longer, an ended session timed out. */
const SESSION_LIFETIME_MS = 100_000;

export type Connection = 'connected' | 'reconnecting';

export interface KeepAliveOptions {
  token: string;
  /** This window's session; null when not joined (nothing to keep alive). */
  sessionId: string | null;
  /**
   * The session is over: replaced by another window, removed, or refused for another reason. `afterOutage`: the
   * server had not answered for longer than a session lives.
   */
  onEnded: (error: unknown, afterOutage: boolean) => void;
}

/**
 * Keeps a joined session alive as Talk's web client does without a signaling server: it pulls internal signaling
 * every few seconds. Network failures and server errors back off and show as `reconnecting`; an answer that says
 * the session is over ends it.
 */
export function useKeepAlive({ token, sessionId, onEnded }: KeepAliveOptions): Connection {
  const talk = useTalkClient();
  // Per session, so a new session never starts out "reconnecting" because the last one ended so.
  const [state, setState] = useState<{ sessionId: string | null; connection: Connection }>({
    sessionId: null,
    connection: 'connected',
  });
  const end = useEffectEvent(onEnded);

  useEffect(() => {
    if (sessionId === null) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let lastAnswerAt = Date.now();
    const report = (connection: Connection) => setState({ sessionId, connection });

    const schedule = (delay: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => void pull(), delay);
    };

    async function pull() {
      timer = undefined;
      try {
        await pullSignaling(talk, token, { ownSessionId: sessionId ?? undefined, signal: controller.signal });
        if (controller.signal.aborted) return;
        failures = 0;
        lastAnswerAt = Date.now();
        report('connected');
        schedule(PULL_INTERVAL_MS);
      } catch (error) {
        if (controller.signal.aborted) return;
        if (isTransientError(error)) {
          failures += 1;
          report('reconnecting');
          schedule(backoffDelay(failures - 1, MAX_RETRY_DELAY_MS));
          return;
        }
        report('connected');
        // 400: this server runs a signaling server, which keeps sessions itself; there is nothing to pull.
        if (error instanceof ApiError && !(error instanceof SessionEndedError) && error.status === 400) return;
        end(error, Date.now() - lastAnswerAt > SESSION_LIFETIME_MS);
      }
    }

    // Back online: try now rather than at the end of the back-off (unless a pull is already under way).
    const pullNow = () => {
      if (timer !== undefined) schedule(0);
    };
    window.addEventListener('online', pullNow);
    schedule(PULL_INTERVAL_MS);
    return () => {
      controller.abort();
      clearTimeout(timer);
      window.removeEventListener('online', pullNow);
    };
  }, [talk, token, sessionId]);

  return state.sessionId === sessionId ? state.connection : 'connected';
}
