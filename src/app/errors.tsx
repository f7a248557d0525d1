/**
 * The one place that decides how an error reaches the person using rollcall. Features throw or return the
 * error classes of lib/api; this file turns them into a prompt.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useLocation, useNavigate, useRouteError } from 'react-router-dom';
import {
  ApiError,
  BannedError,
  CsrfError,
  ForbiddenError,
  LobbyError,
  LoginFlowUnavailableError,
  NetworkError,
  NotFoundError,
  SessionConflictError,
  SessionEndedError,
  TooManyAttemptsError,
  UnaddressableParticipantError,
  UnauthorizedError,
  UnsupportedFeatureError,
  isTransientError,
} from '../lib/api';
import type { ErrorContext } from '../lib/describe-error';
// The module itself, not the feature's index: it is a few strings, and this file is in every page's bundle.
import { LOBBY_MODERATORS_ONLY } from '../features/rooms/refusals';
import { useAutoRetry } from './auto-retry';
import { signInPath } from './navigation';

export type ErrorPrompt = { kind: 'sign-in' } | { kind: 'alert'; message: string };

export function errorPrompt(error: unknown): ErrorPrompt {
  if (error instanceof UnauthorizedError) return { kind: 'sign-in' };
  return { kind: 'alert', message: describeError(error) };
}

export type { ErrorContext } from '../lib/describe-error';

export const REFUSALS = {
  ownerCannotBeRemoved: 'The owner cannot be removed.',
  cannotDemoteYourself: 'You cannot demote yourself.',
  cannotPromoteYourself: 'You cannot promote yourself.',
  ownerRoleIsFixed: 'The owner is always a moderator: their role cannot be changed.',
  oneToOneRolesAreFixed: 'Nobody’s role can change in a one-to-one conversation.',
  participantLeft: 'This participant has already left.',
  lastModerator: 'You are the last moderator. Promote someone else before leaving.',
  moderatorsOnly: 'Only moderators can do this.',
  conversationNotFound: 'This conversation does not exist or the link is wrong.',
  conversationGone: 'This conversation no longer exists, or you are no longer a participant of it.',
  conversationUnknown: 'This conversation does not exist, or you are not one of its participants.',
  wrongPassword: 'The password is wrong. Check it and try again.',
  banned: 'You have been banned from this conversation.',
  joinedElsewhere: 'You joined this conversation from another window.',
  removedFromConversation: 'A moderator removed you from this conversation.',
  moderatorsHaveEveryPermission: 'Moderators always have every permission.',
  permissionsModeratorsOnly: 'Only moderators can change permissions.',
  sessionTimedOut: 'You were disconnected for too long, so you are no longer in this conversation.',
  sessionEnded: 'Your session in this conversation ended.',
} as const;

/** Words for refusals that depend on what was being done; null to fall back on the general words. */
function describeRefusal(error: unknown, context: ErrorContext): string | null {
  if (!(error instanceof ApiError) || error instanceof NetworkError) return null;
  const { status } = error;
  switch (context.action) {
    case 'remove-participant': {
      const { role, isSelf } = context.participant;
      if (status === 404) return REFUSALS.participantLeft;
      if (status === 403) {
        if (isSelf) return 'To leave the conversation yourself, use “Leave conversation”.';
        if (role === 'owner' || error.code === 'owner') return REFUSALS.ownerCannotBeRemoved;
        return 'Only moderators can remove participants.';
      }
      if (status === 400) return 'Nobody can be removed from this conversation.';
      return null;
    }
    case 'promote-participant':
    case 'demote-participant': {
      const { role, isSelf } = context.participant;
      const promoting = context.action === 'promote-participant';
      if (status === 404) return REFUSALS.participantLeft;
      if (status === 403) {
        if (isSelf) return promoting ? REFUSALS.cannotPromoteYourself : REFUSALS.cannotDemoteYourself;
        if (role === 'owner') return REFUSALS.ownerRoleIsFixed;
        return 'Only moderators can change who is a moderator.';
      }
      if (status === 400) {
        // Talk 19 refuses the owner and anyone in a one-to-one with 400 (older servers: the owner with 403).
        if (error.code === 'room-type') return REFUSALS.oneToOneRolesAreFixed;
        if (role === 'owner' || error.code === 'owner') return REFUSALS.ownerRoleIsFixed;
        return promoting
          ? 'Only members and guests can be promoted to moderator.'
          : 'Only moderators and guest moderators can be demoted.';
      }
      return null;
    }
    case 'add-participant': {
      const { name, source } = context.participant;
      if (status === 404) return `${name} no longer exists on the server.`;
      if (status === 403) return 'Only moderators can add participants.';
      if (status === 400 && source === 'emails') return `“${name}” is not an email address the server accepts.`;
      if (status === 400 && source === 'circles') return 'This server does not support adding circles.';
      if (status === 400) return 'This conversation does not take new participants of this kind.';
      return null;
    }
    case 'set-permissions': {
      if (status === 404) return REFUSALS.participantLeft;
      if (status === 403) return REFUSALS.permissionsModeratorsOnly;
      if (status === 400) {
        if (error.code === 'moderator') return REFUSALS.moderatorsHaveEveryPermission;
        if (error.code === 'room-type') return 'Nobody has permissions of their own in a one-to-one conversation.';
        if (error.code === 'type') return 'Groups and circles have no permissions of their own.';
        return `The server refused these permissions for ${context.participant.name}.`;
      }
      return null;
    }
    case 'set-default-permissions':
      if (status === 403) return REFUSALS.permissionsModeratorsOnly;
      if (status === 400) return 'This conversation has no default permissions of its own.';
      return null;
    case 'ban-participant': {
      const { name } = context.participant;
      if (status === 403) return 'Only moderators can ban participants.';
      if (status === 404) return REFUSALS.conversationGone;
      if (status !== 400) return null;
      switch (error.code) {
        case 'self':
          return 'You cannot ban yourself.';
        case 'moderator':
          return `${name} is a moderator: moderators cannot be banned. Demote them first.`;
        case 'internalNote':
          return 'The internal note is too long: it can have up to 4,000 characters.';
        case 'room':
          return 'Nobody can be banned from this kind of conversation.';
        case 'bannedActor':
          return `${name} cannot be banned: they are banned already, or are not a person who can be.`;
        default:
          return null;
      }
    }
    case 'unban-participant':
    case 'list-bans':
      if (status === 403) return 'Only moderators can see and lift bans.';
      if (status === 404) return REFUSALS.conversationGone;
      return null;
    case 'leave-conversation':
      return status === 400 ? REFUSALS.lastModerator : null;
    case 'set-lobby':
      return status === 403 ? LOBBY_MODERATORS_ONLY : null;
    case 'create-conversation':
      return status === 403 ? 'You are not allowed to create conversations on this server.' : null;
    case 'join-conversation':
      // Also the answer to opening a link: guests may read public conversations, nobody else's.
      if (status === 404) return REFUSALS.conversationNotFound;
      if (error instanceof BannedError) return REFUSALS.banned;
      if (status === 403) return REFUSALS.wrongPassword;
      return null;
    case 'set-guest-name':
      if (status === 403) return 'Only guests choose a name here: you joined with your account.';
      if (status === 404) return 'You are no longer in this conversation.';
      if (status === 400) return 'A name needs 1 to 64 characters.';
      return null;
    case 'keep-session':
      if (error instanceof SessionEndedError) {
        if (error.reason === 'replaced') return REFUSALS.joinedElsewhere;
        // The pull did not say why, and whether the person is still a participant could not be read.
        if (error.reason === 'ended') return REFUSALS.sessionEnded;
        return context.afterOutage ? REFUSALS.sessionTimedOut : REFUSALS.removedFromConversation;
      }
      return null;
    case 'leave-session':
    case 'search-participants':
    case 'list-participants':
      return null;
  }
}

/** The wait in words: seconds while they are few, minutes (rounded up) beyond two. */
function tooManyAttempts(retryAfterSeconds: number | null): string {
  if (retryAfterSeconds === null) return 'Too many attempts. Try again later.';
  if (retryAfterSeconds < 120) return `Too many attempts. Try again in ${Math.max(1, retryAfterSeconds)} ${retryAfterSeconds <= 1 ? 'second' : 'seconds'}.`;
  return `Too many attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`;
}

/**
 * Words for an error, for the alerts of this file and for forms that show an error in place. With a context,
 * refusals are explained for what was being done.
 */
export function describeError(error: unknown, context?: ErrorContext): string {
  const refusal = context ? describeRefusal(error, context) : null;
  if (refusal !== null) return refusal;
  if (error instanceof BannedError) return REFUSALS.banned;
  if (error instanceof UnsupportedFeatureError) return `This server does not support ${error.feature}.`;
  if (error instanceof UnaddressableParticipantError) {
    return 'This guest has not joined yet, so the server cannot be told who is meant. Try again once they have joined.';
  }
  if (error instanceof LoginFlowUnavailableError) {
    return 'This server does not offer signing in with Nextcloud. Create an app password in Nextcloud and sign in with the form instead.';
  }
  if (error instanceof NetworkError) {
    return 'The server could not be reached. Check your connection and try again.';
  }
  if (error instanceof TooManyAttemptsError) return tooManyAttempts(error.retryAfterSeconds);
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
  // Navigating to the same place leaves the router's error state and renders the page afresh.
  const renderAgain = () => void navigate(location, { replace: true });
  useAutoRetry(error, renderAgain);

  if (prompt.kind === 'sign-in') return <Navigate to={signInPath(location)} replace />;

  function tryAgain() {
    // Failed queries would otherwise throw again from the cache before refetching.
    void queryClient.resetQueries({ predicate: (query) => query.state.status === 'error' });
    renderAgain();
  }

  return (
    <div className="error-panel" role="alert">
      <p>{prompt.message}</p>
      {isTransientError(error) && <p>rollcall tries again by itself until it works.</p>}
      <button type="button" onClick={tryAgain}>
        Try again
      </button>
    </div>
  );
}
