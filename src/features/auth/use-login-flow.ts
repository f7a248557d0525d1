import { useEffect, useRef, useState } from 'react';
import {
  LOGIN_FLOW_LIFETIME_MS,
  loginFlowExpired,
  pollLoginFlow,
  startLoginFlow,
  type Credentials,
  type LoginFlow,
} from '../../lib/api';

/** Official Nextcloud clients poll every few seconds; 2 s signs in soon after the grant without hammering. */
export const LOGIN_FLOW_POLL_INTERVAL_MS = 2000;

export type LoginFlowState =
  | { step: 'idle' }
  | { step: 'starting' }
  /** `popupBlocked`: the browser refused the window, so the page offers the login address as a link. */
  | { step: 'waiting'; flow: LoginFlow; popupBlocked: boolean }
  | { step: 'expired' }
  /** The person closed the window the flow opened without granting access. */
  | { step: 'window-closed' }
  | { step: 'failed'; error: unknown };

/** Waits `ms`, or less if aborted; says whether the wait ran its course. */
function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(true), ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve(false);
      },
      { once: true },
    );
  });
}

/**
 * Login Flow v2 for the sign-in page: opens the server's grant page in a new window, polls until the person has
 * granted access there (or the flow expires), and hands the app password on. Polling stops on cancel and unmount.
 */
export function useLoginFlow(onGranted: (credentials: Credentials) => void) {
  const [state, setState] = useState<LoginFlowState>({ step: 'idle' });
  const popup = useRef<Window | null>(null);
  const starting = useRef<AbortController | null>(null);
  const onGrantedRef = useRef(onGranted);
  useEffect(() => {
    onGrantedRef.current = onGranted;
  });

  const waitingFlow = state.step === 'waiting' ? state.flow : null;
  useEffect(() => {
    if (!waitingFlow) return;
    const controller = new AbortController();
    void (async () => {
      for (;;) {
        if (loginFlowExpired(waitingFlow)) {
          setState({ step: 'expired' });
          return;
        }
        // Read before the poll: a window closed by then was closed after any grant it made, so a poll that
        // still finds none means there will be none (a window closed during the poll gets one more).
        const windowClosed = popup.current?.closed === true;
        try {
          const credentials = await pollLoginFlow(waitingFlow, controller.signal);
          if (credentials) {
            setState({ step: 'idle' });
            onGrantedRef.current(credentials);
            return;
          }
          if (windowClosed) {
            popup.current = null;
            setState({ step: 'window-closed' });
            return;
          }
        } catch {
          if (controller.signal.aborted) return;
          // Offline for a moment, or the server failed once: the grant may be waiting there all the same, so
          // the flow is asked again until it expires.
        }
        const untilExpiry = waitingFlow.startedAt + LOGIN_FLOW_LIFETIME_MS - Date.now();
        if (!(await pause(Math.max(0, Math.min(LOGIN_FLOW_POLL_INTERVAL_MS, untilExpiry)), controller.signal))) return;
      }
    })();
    return () => controller.abort();
  }, [waitingFlow]);

  // Leaving the page stops a start still on its way (the polling stops with its effect above).
  useEffect(() => () => starting.current?.abort(), []);

  /** Must run in the click's own handler: a window opened later (after an await) is blocked as a popup. */
  function start() {
    if (state.step === 'starting' || state.step === 'waiting') return;
    // Opened empty now, pointed at the server's page once the flow exists.
    const opened = window.open('', '_blank');
    popup.current = opened;
    const controller = new AbortController();
    starting.current = controller;
    setState({ step: 'starting' });
    startLoginFlow(controller.signal).then(
      (flow) => {
        if (controller.signal.aborted) return;
        if (opened && !opened.closed) {
          // The server's page must not be able to navigate this one (it would through `window.opener`).
          opened.opener = null;
          opened.location.href = flow.loginUrl;
        }
        setState({ step: 'waiting', flow, popupBlocked: !opened });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        opened?.close();
        setState({ step: 'failed', error });
      },
    );
  }

  function cancel() {
    starting.current?.abort();
    popup.current?.close();
    popup.current = null;
    setState({ step: 'idle' });
  }

  return { state, start, cancel };
}
