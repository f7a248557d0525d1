import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ForbiddenError,
  NotFoundError,
  SessionConflictError,
  isTransientError,
  joinConversation,
  leaveSession,
  setGuestName,
  useTalkClient,
  type JoinedSession,
} from '../../lib/api';
import { useDescribeError } from '../../lib/describe-error';
import {
  GUEST_NAME_MAX_LENGTH,
  guestNameError,
  guestNameLengthError,
  normaliseGuestName,
  recallGuestName,
  rememberGuestName,
} from './guest-name';
import { JOINED_CHECK_MS, LOBBY_CHECK_MS, joinQueries } from './queries';
import { decideSessionConflict } from './session-conflict';
import { forgetTabSession, readTabSession, writeTabSession } from './tab-session';
import { useKeepAlive, type Connection } from './useKeepAlive';
import { useNow } from './useNow';

export const PASSWORD_REQUIRED = 'Enter the conversation’s password.';
export const LEFT_NOTICE = 'You left the conversation.';
export const STAYED_NOTICE = 'Nothing changed: you are still in the conversation in your other window.';

/** Which screen the page shows. */
export type JoinPhase =
  /** The conversation is being read. */
  | { kind: 'loading' }
  /** It could not be read: a wrong link, or the server out of reach. */
  | { kind: 'unavailable'; message: string; retrying: boolean; canRetry: boolean }
  /** Name (guests), password (when there is one) and "Join". */
  | { kind: 'form' }
  /** Joined, but the lobby keeps non-moderators out until it lifts. */
  | { kind: 'lobby'; opensAt: number | null; remainingMs: number | null }
  | { kind: 'joined' }
  /** The session ended without the person leaving: replaced by another window, removed, timed out. */
  | { kind: 'ended'; message: string };

export interface FieldState {
  value: string;
  onChange: (value: string) => void;
  /** Why the value is not accepted, in words; null when it is (or nothing was checked yet). */
  error: string | null;
}

export interface JoinPageModel {
  /** The conversation's name, once read. */
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

interface JoinRequest {
  name: string;
  password: string;
  force: boolean;
}

type JoinOutcome =
  | { kind: 'joined'; session: JoinedSession; name: string }
  | { kind: 'conflict'; conflict: SessionConflictError; request: JoinRequest };

/** A step after the join itself failed (naming the guest), so the words speak of that step. */
class GuestNameStepError extends Error {
  constructor(readonly reason: unknown) {
    super('The guest name could not be set', { cause: reason });
  }
}

interface Joined {
  sessionId: string;
  name: string;
}

/**
 * The join page's view-model: reads the conversation, joins (with Talk's advice on 409), names the guest, waits
 * in the lobby, keeps the session alive and tells the person when it ended. `account` is the signed-in account,
 * null for a guest.
 */
export function useJoinPage(token: string, account: string | null): JoinPageModel {
  const talk = useTalkClient();
  const queryClient = useQueryClient();
  const describeError = useDescribeError();
  const isGuest = account === null;
  const conversationKey = joinQueries.conversationKey(token, account);

  const [name, setName] = useState(() => (isGuest ? recallGuestName() : ''));
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [conflict, setConflict] = useState<{ conflict: SessionConflictError; request: JoinRequest } | null>(null);
  const [joined, setJoined] = useState<Joined | null>(null);
  const [endedMessage, setEndedMessage] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [renameDraft, setRenameDraft] = useState<string | null>(null);
  const [renameSubmitted, setRenameSubmitted] = useState(false);

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

  const lobbyApplies = joined !== null && conversation !== undefined && conversation.lobby.enabled && !conversation.canModerate;
  const opensAt = lobbyApplies ? conversation.lobby.opensAt : null;
  const now = useNow(opensAt !== null);
  // The server lifts the lobby when its start time has passed; the page lets the person in at that moment.
  const waiting = lobbyApplies && !(opensAt !== null && opensAt <= now);

  const join = useMutation({
    mutationFn: async (request: JoinRequest): Promise<JoinOutcome> => {
      let session: JoinedSession;
      try {
        session = await joinConversation(talk, token, { password: request.password, force: request.force });
      } catch (error) {
        if (!(error instanceof SessionConflictError) || request.force) throw error;
        const decision = decideSessionConflict(error, { nowSeconds: Date.now() / 1000, ownSessionId: readTabSession(token) });
        if (decision === 'ask') return { kind: 'conflict', conflict: error, request };
        session = await joinConversation(talk, token, { password: request.password, force: true });
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
      return { kind: 'joined', session, name: request.name };
    },
    onSuccess: async (outcome) => {
      if (outcome.kind === 'conflict') {
        setConflict({ conflict: outcome.conflict, request: outcome.request });
        return;
      }
      const { session } = outcome;
      // An older read (as someone not yet joined) must not overwrite the role the join answered with.
      await queryClient.cancelQueries({ queryKey: conversationKey });
      queryClient.setQueryData(conversationKey, session.conversation);
      writeTabSession(token, session.sessionId);
      if (isGuest) rememberGuestName(outcome.name);
      setPassword('');
      setSubmitted(false);
      setJoined({ sessionId: session.sessionId, name: account ?? outcome.name });
    },
  });

  const leave = useMutation({
    mutationFn: () => leaveSession(talk, token),
    onSuccess: () => {
      forgetTabSession(token);
      setJoined(null);
      setNotice(LEFT_NOTICE);
      void queryClient.invalidateQueries({ queryKey: conversationKey });
    },
  });

  const rename = useMutation({
    mutationFn: (newName: string) => setGuestName(talk, token, newName),
    onSuccess: (_data, newName) => {
      rememberGuestName(newName);
      setJoined((current) => (current ? { ...current, name: newName } : current));
      setRenameDraft(null);
      setRenameSubmitted(false);
    },
  });

  const connection = useKeepAlive({
    token,
    sessionId: joined?.sessionId ?? null,
    onEnded: (error, afterOutage) => {
      forgetTabSession(token);
      setJoined(null);
      setConflict(null);
      setRenameDraft(null);
      setEndedMessage(describeError(error, { action: 'keep-session', afterOutage }));
      void queryClient.invalidateQueries({ queryKey: conversationKey });
    },
  });

  // A 403 on joining is the password (or a ban, which no password changes).
  const passwordRefused = join.error instanceof ForbiddenError && join.error.code !== 'ban';
  const needsPassword =
    conversation !== undefined && conversation.hasPassword && (isGuest || conversation.ownRole === null || passwordRefused);
  const nameError = isGuest ? (submitted ? guestNameError(name) : guestNameLengthError(name)) : null;
  const passwordError = needsPassword && submitted && password === '' ? PASSWORD_REQUIRED : null;

  function startJoin(request: JoinRequest) {
    setNotice(null);
    setEndedMessage(null);
    join.mutate(request);
  }

  function submit(): 'name' | 'password' | null {
    if (join.isPending || joined !== null) return null;
    setSubmitted(true);
    if (isGuest && guestNameError(name) !== null) return 'name';
    if (needsPassword && password === '') return 'password';
    startJoin({ name: normaliseGuestName(name), password: needsPassword ? password : '', force: false });
    return null;
  }

  function joinErrorMessage(): string | null {
    if (!join.isError) return null;
    const { error } = join;
    if (error instanceof GuestNameStepError) return describeError(error.reason, { action: 'set-guest-name' });
    return describeError(error, { action: 'join-conversation' });
  }

  let phase: JoinPhase;
  if (endedMessage !== null) {
    phase = { kind: 'ended', message: endedMessage };
  } else if (joined !== null) {
    phase = waiting
      ? { kind: 'lobby', opensAt, remainingMs: opensAt === null ? null : Math.max(0, opensAt - now) }
      : { kind: 'joined' };
  } else if (conversation !== undefined) {
    phase = { kind: 'form' };
  } else if (loadError !== null) {
    const final = loadError instanceof NotFoundError;
    phase = {
      kind: 'unavailable',
      message: describeError(loadError, { action: 'join-conversation' }),
      retrying: isFetching,
      canRetry: !final,
    };
  } else if (failureReason !== null && isTransientError(failureReason)) {
    // The query is trying again by itself; say so instead of a bare "Loading".
    phase = { kind: 'unavailable', message: describeError(failureReason), retrying: true, canRetry: false };
  } else {
    phase = { kind: 'loading' };
  }

  const renameValue = renameDraft ?? '';
  const renameError = renameSubmitted ? guestNameError(renameValue) : guestNameLengthError(renameValue);

  return {
    conversationName: conversation?.name ?? null,
    phase,
    isGuest,
    account,
    name: {
      value: name,
      onChange: setName,
      error: nameError,
      maxLength: GUEST_NAME_MAX_LENGTH,
      length: normaliseGuestName(name).length,
    },
    password: needsPassword ? { value: password, onChange: setPassword, error: passwordError } : null,
    submit,
    isJoining: join.isPending,
    joinError: joinErrorMessage(),
    passwordRefusedAt: passwordRefused ? join.submittedAt : null,
    notice,
    conflictOpen: conflict !== null,
    decideConflict: (joinHere) => {
      if (!conflict) return;
      setConflict(null);
      if (joinHere) startJoin({ ...conflict.request, force: true });
      else setNotice(STAYED_NOTICE);
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
      setEndedMessage(null);
      join.reset();
    },
    rename: {
      available: isGuest && joined !== null,
      isOpen: renameDraft !== null,
      open: () => {
        rename.reset();
        setRenameSubmitted(false);
        setRenameDraft(joined?.name ?? name);
      },
      close: () => {
        setRenameDraft(null);
        setRenameSubmitted(false);
      },
      name: {
        value: renameValue,
        onChange: setRenameDraft,
        error: renameError,
        maxLength: GUEST_NAME_MAX_LENGTH,
        length: normaliseGuestName(renameValue).length,
      },
      submit: () => {
        if (rename.isPending) return false;
        setRenameSubmitted(true);
        if (guestNameError(renameValue) !== null) return true;
        rename.mutate(normaliseGuestName(renameValue));
        return false;
      },
      isSaving: rename.isPending,
      saveError: rename.isError ? describeError(rename.error, { action: 'set-guest-name' }) : null,
    },
  };
}
