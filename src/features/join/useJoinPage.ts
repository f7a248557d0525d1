import { useReducer } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  BannedError,
  ForbiddenError,
  NotFoundError,
  SessionConflictError,
  SessionEndedError,
  isTransientError,
  joinConversation,
  leaveSession,
  setGuestName,
  useTalkClient,
  type JoinedSession,
} from '../../lib/api';
import { useDescribeError } from '../../lib/describe-error';
import { GUEST_NAME_MAX_LENGTH, normaliseGuestName, recallGuestName, rememberGuestName } from './guest-name';
import {
  initialJoinState,
  joinFormProblem,
  joinPhase,
  joinReducer,
  lobbyHold,
  nameProblem,
  passwordProblem,
  renameProblem,
  sessionEndReason,
  type ConversationRead,
  type JoinPhase,
  type JoinRequest,
  type Membership,
} from './join-machine';
import { JOINED_CHECK_MS, LOBBY_CHECK_MS, joinQueries } from './queries';
import { decideSessionConflict } from './session-conflict';
import { forgetTabSession, readTabSession, writeTabSession } from './tab-session';
import { useKeepAlive, type Connection } from './useKeepAlive';
import { useNow } from './useNow';

export type { JoinPhase };

export interface FieldState {
  value: string;
  onChange: (value: string) => void;
  /** Why the value is not accepted, in words; null when it is (or nothing was checked yet). */
  error: string | null;
}

export interface JoinPageModel {
  /** The conversation's name, once read; null while Talk hides it (until the person joined). */
  conversationName: string | null;
  phase: JoinPhase;
  /** Guests choose a name; signed-in people join under their account. */
  isGuest: boolean;
  /** Who a signed-in person joins as. */
  account: string | null;
  name: FieldState & { maxLength: number; length: number };
  /** Null when the conversation has no password (or this person needs none). */
  password: FieldState | null;
  /** Checks the fields and joins; answers the field to move focus to when one is not accepted. */
  submit: () => 'name' | 'password' | null;
  isJoining: boolean;
  /** Why joining failed, in words; what was typed stays. */
  joinError: string | null;
  /** When the server last refused the password (a different value for each refusal); null when it did not. */
  passwordRefusedAt: number | null;
  /** What happened last, in words ("You left the conversation."); null for nothing to say. */
  notice: string | null;
  /** The 409 question: another session of this person is in the conversation and alive. */
  conflictOpen: boolean;
  /** "Join here" (true) ends the other session; "Cancel" (false) leaves things as they are. */
  decideConflict: (joinHere: boolean) => void;
  /** The name the person joined under. */
  joinedAs: string | null;
  connection: Connection;
  /** Reads the conversation again after it could not be read. */
  retryLoad: () => void;
  leave: () => void;
  isLeaving: boolean;
  leaveError: string | null;
  /** Back to the join form after the session ended. */
  joinAgain: () => void;
  rename: RenameModel;
}

export interface RenameModel {
  /** Guests only. */
  available: boolean;
  isOpen: boolean;
  open: () => void;
  close: () => void;
  name: FieldState & { maxLength: number; length: number };
  /** Checks and saves the new name; answers whether the field needs the focus. */
  submit: () => boolean;
  isSaving: boolean;
  saveError: string | null;
}

type JoinOutcome =
  | { kind: 'joined'; session: JoinedSession; name: string }
  | { kind: 'conflict'; request: JoinRequest };

/** A step after the join itself failed (naming the guest), so the words speak of that step. */
class GuestNameStepError extends Error {
  constructor(readonly reason: unknown) {
    super('The guest name could not be set', { cause: reason });
  }
}

/**
 * The join page's view-model: reads the conversation, joins (with Talk's advice on 409), names the guest, waits
 * in the lobby, keeps the session alive and tells the person when it ended. `account` is the signed-in account,
 * null for a guest. What the page is in lives in ./join-machine; this hook runs the queries, mutations and the
 * keep-alive, and tells the machine what they answered.
 */
export function useJoinPage(token: string, account: string | null): JoinPageModel {
  const talk = useTalkClient();
  const queryClient = useQueryClient();
  const describeError = useDescribeError();
  const isGuest = account === null;
  const conversationKey = joinQueries.conversationKey(token, account);

  const [state, dispatch] = useReducer(joinReducer, isGuest, (guest) => initialJoinState(guest ? recallGuestName() : ''));
  const { form, session } = state;
  const joined = session.kind === 'joined' ? session : null;

  // Whether the lobby keeps this person out is only known once joined (their role). It is checked often while
  // they wait, and now and then once they are in, in case a moderator turns it on again.
  const { data: conversation, error: loadError, failureReason, isFetching, refetch } = useQuery({
    ...joinQueries.conversation(talk, token, account),
    refetchInterval: (query) => {
      if (joined === null) return false;
      const current = query.state.data;
      return current?.lobby.enabled && !current.canModerate ? LOBBY_CHECK_MS : JOINED_CHECK_MS;
    },
    // A waiting guest may look at another tab: the lobby must still let them in.
    refetchIntervalInBackground: joined !== null,
  });

  const lobby = lobbyHold(session, conversation);
  const now = useNow(lobby !== null && lobby.opensAt !== null);

  const join = useMutation({
    mutationFn: async (request: JoinRequest): Promise<JoinOutcome> => {
      let joinedSession: JoinedSession;
      try {
        joinedSession = await joinConversation(talk, token, { password: request.password, force: request.force });
      } catch (error) {
        if (!(error instanceof SessionConflictError) || request.force) throw error;
        const decision = decideSessionConflict(error, { nowSeconds: Date.now() / 1000, ownSessionId: readTabSession(token) });
        if (decision === 'ask') return { kind: 'conflict', request };
        joinedSession = await joinConversation(talk, token, { password: request.password, force: true });
      }
      if (isGuest) {
        try {
          await setGuestName(talk, token, request.name);
        } catch (error) {
          // Nameless guests are no use to anyone: leave again, and say why.
          await leaveSession(talk, token).catch(() => undefined);
          throw new GuestNameStepError(error);
        }
      }
      return { kind: 'joined', session: joinedSession, name: request.name };
    },
    onSuccess: async (outcome) => {
      if (outcome.kind === 'conflict') {
        dispatch({ type: 'conflict-found', request: outcome.request });
        return;
      }
      const { session: joinedSession } = outcome;
      // An older read (as someone not yet joined) must not overwrite the role the join answered with.
      await queryClient.cancelQueries({ queryKey: conversationKey });
      queryClient.setQueryData(conversationKey, joinedSession.conversation);
      writeTabSession(token, joinedSession.sessionId);
      if (isGuest) rememberGuestName(outcome.name);
      dispatch({ type: 'joined', sessionId: joinedSession.sessionId, name: account ?? outcome.name });
    },
    onError: (error) => {
      if (error instanceof BannedError) dispatch({ type: 'banned', message: describeError(error, { action: 'join-conversation' }) });
    },
  });

  const leave = useMutation({
    mutationFn: () => leaveSession(talk, token),
    onSuccess: () => {
      forgetTabSession(token);
      dispatch({ type: 'left' });
      void queryClient.invalidateQueries({ queryKey: conversationKey });
    },
  });

  const rename = useMutation({
    mutationFn: (newName: string) => setGuestName(talk, token, newName),
    onSuccess: (_data, newName) => {
      rememberGuestName(newName);
      dispatch({ type: 'renamed', name: newName });
    },
  });

  /** Reads the conversation afresh (into the page's cache too): does it still count this person in? */
  async function readMembership(): Promise<Membership> {
    try {
      const current = await queryClient.fetchQuery({ ...joinQueries.conversation(talk, token, account), staleTime: 0 });
      return current.ownRole === null ? 'not-participant' : 'participant';
    } catch (error) {
      // Not even visible any more (no longer public, or gone): certainly not a participant.
      return error instanceof NotFoundError ? 'not-participant' : 'unknown';
    }
  }

  /** The ending in words; an ending the server did not explain is first checked against the conversation. */
  async function explainEnding(error: unknown, afterOutage: boolean): Promise<string> {
    if (!(error instanceof SessionEndedError) || error.reason !== 'ended') {
      void queryClient.invalidateQueries({ queryKey: conversationKey });
      return describeError(error, { action: 'keep-session', afterOutage });
    }
    const reason = sessionEndReason(error.reason, await readMembership(), afterOutage);
    const explained = new SessionEndedError(reason, error.status, error.message, error.ocsStatusCode);
    return describeError(explained, { action: 'keep-session', afterOutage });
  }

  const connection = useKeepAlive({
    token,
    sessionId: joined?.sessionId ?? null,
    onEnded: (error, afterOutage) => {
      if (joined === null) return;
      const { sessionId } = joined;
      forgetTabSession(token);
      void explainEnding(error, afterOutage).then((message) => dispatch({ type: 'session-ended', sessionId, message }));
    },
  });

  // A 403 on joining is the password (or a ban, which no password changes).
  const passwordRefused = join.error instanceof ForbiddenError && !(join.error instanceof BannedError);
  const needsPassword =
    conversation !== undefined && conversation.hasPassword && (isGuest || conversation.ownRole === null || passwordRefused);
  const rules = { isGuest, needsPassword };

  function startJoin(request: JoinRequest) {
    dispatch({ type: 'join-started' });
    join.mutate(request);
  }

  function submit(): 'name' | 'password' | null {
    if (join.isPending || joined !== null) return null;
    dispatch({ type: 'submit-attempted' });
    const problem = joinFormProblem(form, rules);
    if (problem !== null) return problem;
    startJoin({ name: normaliseGuestName(form.name), password: needsPassword ? form.password : '', force: false });
    return null;
  }

  function joinErrorMessage(): string | null {
    if (!join.isError) return null;
    const { error } = join;
    if (error instanceof GuestNameStepError) return describeError(error.reason, { action: 'set-guest-name' });
    return describeError(error, { action: 'join-conversation' });
  }

  function conversationRead(): ConversationRead {
    if (conversation !== undefined) return { kind: 'loaded' };
    if (loadError !== null) {
      const message = describeError(loadError, { action: 'join-conversation' });
      return { kind: 'failed', message, final: loadError instanceof NotFoundError, fetching: isFetching };
    }
    // The query is trying again by itself.
    if (failureReason !== null && isTransientError(failureReason)) return { kind: 'retrying', message: describeError(failureReason) };
    return { kind: 'loading' };
  }

  const renameDraft = joined?.rename ?? null;
  const renameValue = renameDraft?.value ?? '';

  return {
    // Talk hides the name from whoever has not joined (an empty name): the page then has its own heading.
    conversationName: conversation?.name ? conversation.name : null,
    phase: joinPhase(session, conversationRead(), lobby, now),
    isGuest,
    account,
    name: {
      value: form.name,
      onChange: (value) => dispatch({ type: 'name-typed', value }),
      error: nameProblem(form, rules),
      maxLength: GUEST_NAME_MAX_LENGTH,
      length: normaliseGuestName(form.name).length,
    },
    password: needsPassword
      ? { value: form.password, onChange: (value) => dispatch({ type: 'password-typed', value }), error: passwordProblem(form, rules) }
      : null,
    submit,
    isJoining: join.isPending,
    joinError: joinErrorMessage(),
    passwordRefusedAt: passwordRefused ? join.submittedAt : null,
    notice: state.notice,
    conflictOpen: session.kind === 'asking',
    decideConflict: (joinHere) => {
      if (session.kind !== 'asking') return;
      if (joinHere) startJoin({ ...session.request, force: true });
      else dispatch({ type: 'conflict-declined' });
    },
    joinedAs: joined?.name ?? null,
    connection,
    retryLoad: () => void refetch(),
    leave: () => {
      if (!leave.isPending) leave.mutate();
    },
    isLeaving: leave.isPending,
    leaveError: leave.isError ? describeError(leave.error, { action: 'leave-session' }) : null,
    joinAgain: () => {
      dispatch({ type: 'join-again' });
      join.reset();
    },
    rename: {
      available: isGuest && joined !== null,
      isOpen: renameDraft !== null,
      open: () => {
        rename.reset();
        dispatch({ type: 'rename-opened' });
      },
      close: () => dispatch({ type: 'rename-closed' }),
      name: {
        value: renameValue,
        onChange: (value) => dispatch({ type: 'rename-typed', value }),
        error: renameDraft === null ? null : renameProblem(renameDraft),
        maxLength: GUEST_NAME_MAX_LENGTH,
        length: normaliseGuestName(renameValue).length,
      },
      submit: () => {
        if (rename.isPending || renameDraft === null) return false;
        dispatch({ type: 'rename-attempted' });
        if (renameProblem({ ...renameDraft, submitted: true }) !== null) return true;
        rename.mutate(normaliseGuestName(renameValue));
        return false;
      },
      isSaving: rename.isPending,
      saveError: rename.isError ? describeError(rename.error, { action: 'set-guest-name' }) : null,
    },
  };
}
