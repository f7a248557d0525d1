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
import { messageGetters, translate as t, useI18n } from '../lib/i18n';
// The module itself, not the feature's index: it is a few words, and this file is in every page's bundle.
import { LOBBY_REFUSALS } from '../features/rooms/refusals';
import { useAutoRetry } from './auto-retry';
import { signInPath } from './navigation';

export type ErrorPrompt = { kind: 'sign-in' } | { kind: 'alert'; message: string };

export function errorPrompt(error: unknown): ErrorPrompt {
  if (error instanceof UnauthorizedError) return { kind: 'sign-in' };
  return { kind: 'alert', message: describeError(error) };
}

export type { ErrorContext } from '../lib/describe-error';

export const REFUSALS = messageGetters({
  ownerCannotBeRemoved: 'errors.ownerCannotBeRemoved',
  cannotDemoteYourself: 'errors.cannotDemoteYourself',
  cannotPromoteYourself: 'errors.cannotPromoteYourself',
  ownerRoleIsFixed: 'errors.ownerRoleIsFixed',
  oneToOneRolesAreFixed: 'errors.oneToOneRolesAreFixed',
  participantLeft: 'errors.participantLeft',
  lastModerator: 'errors.lastModerator',
  moderatorsOnly: 'errors.moderatorsOnly',
  conversationNotFound: 'errors.conversationNotFound',
  conversationGone: 'errors.conversationGone',
  conversationUnknown: 'errors.conversationUnknown',
  wrongPassword: 'errors.wrongPassword',
  banned: 'errors.banned',
  joinedElsewhere: 'errors.joinedElsewhere',
  removedFromConversation: 'errors.removedFromConversation',
  moderatorsHaveEveryPermission: 'errors.moderatorsHaveEveryPermission',
  permissionsModeratorsOnly: 'errors.permissionsModeratorsOnly',
  sessionTimedOut: 'errors.sessionTimedOut',
  sessionEnded: 'errors.sessionEnded',
});

/** Words for refusals that depend on what was being done; null to fall back on the general words. */
function describeRefusal(error: unknown, context: ErrorContext): string | null {
  if (!(error instanceof ApiError) || error instanceof NetworkError) return null;
  const { status } = error;
  switch (context.action) {
    case 'remove-participant': {
      const { role, isSelf } = context.participant;
      if (status === 404) return REFUSALS.participantLeft;
      if (status === 403) {
        if (isSelf) return t('errors.removeSelf');
        if (role === 'owner' || error.code === 'owner') return REFUSALS.ownerCannotBeRemoved;
        return t('errors.removeModeratorsOnly');
      }
      if (status === 400) return t('errors.removeNobody');
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
        return t('errors.roleModeratorsOnly');
      }
      if (status === 400) {
        // Talk 19 refuses the owner and anyone in a one-to-one with 400 (older servers: the owner with 403).
        if (error.code === 'room-type') return REFUSALS.oneToOneRolesAreFixed;
        if (role === 'owner' || error.code === 'owner') return REFUSALS.ownerRoleIsFixed;
        return promoting
          ? t('errors.promoteOnlyMembers')
          : t('errors.demoteOnlyModerators');
      }
      return null;
    }
    case 'add-participant': {
      const { name, source } = context.participant;
      if (status === 404) return t('errors.addGone', { name });
      if (status === 403) return t('errors.addModeratorsOnly');
      if (status === 400 && source === 'emails') return t('errors.addBadEmail', { name });
      if (status === 400 && source === 'circles') return t('errors.addNoCircles');
      if (status === 400) return t('errors.addWrongKind');
      return null;
    }
    case 'set-permissions': {
      if (status === 404) return REFUSALS.participantLeft;
      if (status === 403) return REFUSALS.permissionsModeratorsOnly;
      if (status === 400) {
        if (error.code === 'moderator') return REFUSALS.moderatorsHaveEveryPermission;
        if (error.code === 'room-type') return t('errors.permissionsOneToOne');
        if (error.code === 'type') return t('errors.permissionsGroups');
        return t('errors.permissionsRefused', { name: context.participant.name });
      }
      return null;
    }
    case 'set-default-permissions':
      if (status === 403) return REFUSALS.permissionsModeratorsOnly;
      if (status === 400) return t('errors.defaultPermissionsNone');
      return null;
    case 'ban-participant': {
      const { name } = context.participant;
      if (status === 403) return t('errors.banModeratorsOnly');
      if (status === 404) return REFUSALS.conversationGone;
      if (status !== 400) return null;
      switch (error.code) {
        case 'self':
          return t('errors.banSelf');
        case 'moderator':
          return t('errors.banModerator', { name });
        case 'internalNote':
          return t('errors.banNoteTooLong', { max: 4000 });
        case 'room':
          return t('errors.banRoom');
        case 'bannedActor':
          return t('errors.banAlready', { name });
        default:
          return null;
      }
    }
    case 'unban-participant':
    case 'list-bans':
      if (status === 403) return t('errors.bansModeratorsOnly');
      if (status === 404) return REFUSALS.conversationGone;
      return null;
    case 'leave-conversation':
      return status === 400 ? REFUSALS.lastModerator : null;
    case 'set-lobby':
      return status === 403 ? LOBBY_REFUSALS.moderatorsOnly : null;
    case 'create-conversation':
      return status === 403 ? t('errors.createNotAllowed') : null;
    case 'join-conversation':
      // Also the answer to opening a link: guests may read public conversations, nobody else's.
      if (status === 404) return REFUSALS.conversationNotFound;
      if (error instanceof BannedError) return REFUSALS.banned;
      if (status === 403) return REFUSALS.wrongPassword;
      return null;
    case 'set-guest-name':
      if (status === 403) return t('errors.guestNameAccount');
      if (status === 404) return t('errors.guestNameGone');
      if (status === 400) return t('errors.guestNameLength');
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
  if (retryAfterSeconds === null) return t('errors.tooManyAttempts');
  if (retryAfterSeconds < 120) return t('errors.tooManyAttemptsSeconds', { seconds: Math.max(1, retryAfterSeconds) });
  return t('errors.tooManyAttemptsMinutes', { minutes: Math.ceil(retryAfterSeconds / 60) });
}

/**
 * Words for an error, for the alerts of this file and for forms that show an error in place. With a context,
 * refusals are explained for what was being done.
 */
export function describeError(error: unknown, context?: ErrorContext): string {
  const refusal = context ? describeRefusal(error, context) : null;
  if (refusal !== null) return refusal;
  if (error instanceof BannedError) return REFUSALS.banned;
  if (error instanceof UnsupportedFeatureError) return unsupportedFeature(error.feature);
  if (error instanceof UnaddressableParticipantError) {
    return t('errors.unaddressable');
  }
  if (error instanceof LoginFlowUnavailableError) {
    return t('errors.loginFlowUnavailable');
  }
  if (error instanceof NetworkError) {
    return t('errors.network');
  }
  if (error instanceof TooManyAttemptsError) return tooManyAttempts(error.retryAfterSeconds);
  if (error instanceof UnauthorizedError) return t('errors.unauthorized');
  if (error instanceof ForbiddenError) return t('errors.forbidden');
  if (error instanceof NotFoundError) {
    return t('errors.notFound');
  }
  if (error instanceof SessionConflictError) {
    return t('errors.sessionConflict');
  }
  if (error instanceof LobbyError) return t('errors.lobby');
  if (error instanceof CsrfError) {
    return t('errors.csrf');
  }
  if (error instanceof ApiError) {
    if (error.status >= 500) {
      return t('errors.serverFailed', { status: String(error.status) });
    }
    return t('errors.serverRefused', { message: error.message });
  }
  return error instanceof Error ? t('errors.unexpected', { message: error.message }) : t('errors.unexpectedNoDetail');
}

/** lib/api names the missing feature in English words; the known ones are worded by the catalogue. */
function unsupportedFeature(feature: string): string {
  const known = feature === 'bans' ? 'bans' : feature === 'per-person permissions' ? 'permissions' : 'other';
  return t('errors.unsupported', { feature: known, detail: feature });
}

/** The error element of the routes: a page that could not load explains why, inside the layout. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const prompt = errorPrompt(error);
  // Read for the current language, so the words follow a change of it.
  const i18n = useI18n();
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
      {isTransientError(error) && <p>{i18n.t('errors.retrying')}</p>}
      <button type="button" onClick={tryAgain}>
        {i18n.t('errors.tryAgain')}
      </button>
    </div>
  );
}
