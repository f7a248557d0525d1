/**
 * The one place that decides how an error reaches the person using rollcall. Features throw or return the
 * error classes of lib/api; this file turns them into a prompt.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useLocation, useNavigate, useRouteError } from 'react-router-dom';
import {
  ApiError,
  CsrfError,
  ForbiddenError,
  LobbyError,
  NetworkError,
  NotFoundError,
  SessionConflictError,
  UnauthorizedError,
} from '../lib/api';
import { signInPath } from './navigation';

export type ErrorPrompt = { kind: 'sign-in' } | { kind: 'alert'; message: string };

export function errorPrompt(error: unknown): ErrorPrompt {
  if (error instanceof UnauthorizedError) return { kind: 'sign-in' };
  return { kind: 'alert', message: describeError(error) };
}

/** Words for an error, for the alerts of this file and for forms that show an error in place. */
export function describeError(error: unknown): string {
  if (error instanceof NetworkError) {
    return 'The server could not be reached. Check your connection and try again.';
  }
  if (error instanceof UnauthorizedError) return 'You are not signed in, or your password has changed.';
  if (error instanceof ForbiddenError) return 'You are not allowed to do this.';
  if (error instanceof NotFoundError) {
    return 'This does not exist, or you are no longer a participant of the conversation.';
  }
  if (error instanceof SessionConflictError) {
    return 'You are already in this conversation in another tab or on another device.';
  }
  if (error instanceof LobbyError) return 'The lobby is on: a moderator has not opened the conversation yet.';
  if (error instanceof CsrfError) {
    return (
      'The server refused the request as a possible cross-site request. ' +
      'If rollcall runs behind a proxy, the proxy must pass the OCS-APIRequest header on.'
    );
  }
  if (error instanceof ApiError) {
    if (error.status >= 500) {
      return `The server failed to answer (HTTP ${error.status}). Try again in a moment.`;
    }
    return `The server refused the request: ${error.message}`;
  }
  const detail = error instanceof Error ? `: ${error.message}` : '.';
  return `Something went wrong in rollcall${detail}`;
}

/** The error element of the routes: a page that could not load explains why, inside the layout. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const prompt = errorPrompt(error);

  if (prompt.kind === 'sign-in') return <Navigate to={signInPath(location)} replace />;

  function tryAgain() {
    // Failed queries would otherwise throw again from the cache before refetching.
    void queryClient.resetQueries({ predicate: (query) => query.state.status === 'error' });
    // Navigating to the same place leaves the router's error state and renders the page afresh.
    void navigate(location, { replace: true });
  }

  return (
    <div className="error-panel" role="alert">
      <p>{prompt.message}</p>
      <button type="button" onClick={tryAgain}>
        Try again
      </button>
    </div>
  );
}
