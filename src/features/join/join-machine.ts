/**
 * The join page's state machine, pure: what the person typed, where their session stands, and what the page
 * says. useJoinPage feeds it events (typing, answers of the server, the keep-alive's verdict) and runs the
 * effects; everything here can be tested without React, a server or a clock.
 *
 * The session, and the events that move it (any other event leaves it as it is):
 *
 *   out     ── conflict-found ─▶ asking      (a join answered 409 for a live session elsewhere)
 *   out     ── joined ─────────▶ joined
 *   asking  ── join-started ───▶ out         ("Join here": the join goes out again, with force)
 *   asking  ── conflict-declined ▶ out       ("Cancel": a notice says nothing changed)
 *   joined  ── left ───────────▶ out         (a notice says so)
 *   joined  ── session-ended ──▶ ended       (replaced, removed, timed out; only the session that ended)
 *   ended   ── join-again ─────▶ out
 *   out     ── banned ─────────▶ banned      (a join answered 403 ban: final, no way back from this page)
 *
 * Starting a join clears the notice; "left" and "conflict-declined" set one. The form (name, password)
 * outlives sessions; while joined, a guest may hold a rename draft (rename-opened, rename-typed,
 * rename-attempted, then renamed or rename-closed).
 */
import { Permission, type Conversation, type SessionEndReason } from '../../lib/api';
import { messageGetters } from '../../lib/i18n';
import { guestNameError, guestNameLengthError } from './guest-name';

export const JOIN_WORDS = messageGetters({
  passwordRequired: 'join.passwordRequired',
  left: 'join.left',
  stayed: 'join.stayed',
});

/** What a join sends: the name a guest is to get, the password, and whether to end another session. */
export interface JoinRequest {
  name: string;
  password: string;
  force: boolean;
}

/** A guest's new name while the "Change name" dialog is open. */
export interface RenameDraft {
  value: string;
  /** "Save" was pressed: a missing name counts as a problem from now on. */
  submitted: boolean;
}

export type SessionState =
  /** Not in the conversation: the join form (a join may be under way). */
  | { kind: 'out' }
  /** The server answered 409 for a live session elsewhere: the person decides (Join here / Cancel). */
  | { kind: 'asking'; request: JoinRequest }
  /** In the conversation (or its lobby) with this session, under this name. */
  | { kind: 'joined'; sessionId: string; name: string; rename: RenameDraft | null }
  /** The session ended without the person leaving: replaced by another window, removed, timed out. */
  | { kind: 'ended'; message: string }
  /** A moderator banned this person: joining again cannot help until they are unbanned, so nothing offers it. */
  | { kind: 'banned'; message: string };

export interface JoinForm {
  name: string;
  password: string;
  /** "Join" was pressed: a missing name or password counts as a problem from now on. */
  submitted: boolean;
}

export interface JoinState {
  /** Outlives sessions: someone who left or was ended finds their name still typed. */
  form: JoinForm;
  session: SessionState;
  /** What happened last, in words ("You left the conversation."); null for nothing to say. */
  notice: string | null;
}

export type JoinEvent =
  | { type: 'name-typed'; value: string }
  | { type: 'password-typed'; value: string }
  /** "Join" pressed; whether the fields are accepted is joinFormProblem's answer. */
  | { type: 'submit-attempted' }
  /** A join request goes out (from the form, or "Join here" after a conflict). */
  | { type: 'join-started' }
  | { type: 'conflict-found'; request: JoinRequest }
  /** "Cancel" on the conflict: the other session stays, this page stays out. */
  | { type: 'conflict-declined' }
  | { type: 'joined'; sessionId: string; name: string }
  | { type: 'left' }
  /** `sessionId`: the session that ended; its explanation may come after the person joined anew. */
  | { type: 'session-ended'; sessionId: string; message: string }
  /** A join was refused because this person is banned (the words say so). */
  | { type: 'banned'; message: string }
  /** "Join again" after the session ended: back to the form. */
  | { type: 'join-again' }
  | { type: 'rename-opened' }
  | { type: 'rename-typed'; value: string }
  | { type: 'rename-attempted' }
  | { type: 'rename-closed' }
  | { type: 'renamed'; name: string };

export function initialJoinState(rememberedName: string): JoinState {
  return { form: { name: rememberedName, password: '', submitted: false }, session: { kind: 'out' }, notice: null };
}

function updateRename(state: JoinState, update: (draft: RenameDraft) => RenameDraft | null): JoinState {
  const { session } = state;
  if (session.kind !== 'joined' || session.rename === null) return state;
  return { ...state, session: { ...session, rename: update(session.rename) } };
}

export function joinReducer(state: JoinState, event: JoinEvent): JoinState {
  const { form, session } = state;
  switch (event.type) {
    case 'name-typed':
      return { ...state, form: { ...form, name: event.value } };
    case 'password-typed':
      return { ...state, form: { ...form, password: event.value } };
    case 'submit-attempted':
      return { ...state, form: { ...form, submitted: true } };
    case 'join-started':
      // A new attempt: what was said about the last one is over.
      return { ...state, notice: null, session: session.kind === 'asking' ? { kind: 'out' } : session };
    case 'conflict-found':
      if (session.kind !== 'out') return state;
      return { ...state, session: { kind: 'asking', request: event.request } };
    case 'conflict-declined':
      if (session.kind !== 'asking') return state;
      return { ...state, session: { kind: 'out' }, notice: JOIN_WORDS.stayed };
    case 'joined':
      if (session.kind !== 'out') return state;
      // The password is not kept once used; the next join (after leaving) checks the fields afresh.
      return {
        ...state,
        form: { ...form, password: '', submitted: false },
        session: { kind: 'joined', sessionId: event.sessionId, name: event.name, rename: null },
      };
    case 'left':
      // An ending that came first stays on screen; the notice waits for the form.
      return { ...state, session: session.kind === 'joined' ? { kind: 'out' } : session, notice: JOIN_WORDS.left };
    case 'session-ended':
      if (session.kind !== 'joined' || session.sessionId !== event.sessionId) return state;
      return { ...state, session: { kind: 'ended', message: event.message } };
    case 'banned':
      if (session.kind !== 'out') return state;
      return { ...state, notice: null, session: { kind: 'banned', message: event.message } };
    case 'join-again':
      if (session.kind !== 'ended') return state;
      return { ...state, session: { kind: 'out' } };
    case 'rename-opened':
      if (session.kind !== 'joined') return state;
      return { ...state, session: { ...session, rename: { value: session.name, submitted: false } } };
    case 'rename-typed':
      return updateRename(state, (draft) => ({ ...draft, value: event.value }));
    case 'rename-attempted':
      return updateRename(state, (draft) => ({ ...draft, submitted: true }));
    case 'rename-closed':
      return updateRename(state, () => null);
    case 'renamed':
      if (session.kind !== 'joined') return state;
      return { ...state, session: { ...session, name: event.name, rename: null } };
  }
}

/** What the form needs of the conversation to check itself. */
export interface FormRules {
  isGuest: boolean;
  needsPassword: boolean;
}

/** Why the typed name is not accepted: over the limit while typing; missing, too, once "Join" was pressed. */
export function nameProblem(form: JoinForm, { isGuest }: FormRules): string | null {
  if (!isGuest) return null;
  return form.submitted ? guestNameError(form.name) : guestNameLengthError(form.name);
}

export function passwordProblem(form: JoinForm, { needsPassword }: FormRules): string | null {
  return needsPassword && form.submitted && form.password === '' ? JOIN_WORDS.passwordRequired : null;
}

/** The first field that stops a join (its focus goes there), as "Join" checks them; null to join. */
export function joinFormProblem(form: JoinForm, { isGuest, needsPassword }: FormRules): 'name' | 'password' | null {
  if (isGuest && guestNameError(form.name) !== null) return 'name';
  if (needsPassword && form.password === '') return 'password';
  return null;
}

/** Why the draft name is not accepted: as the join form's name. */
export function renameProblem(draft: RenameDraft): string | null {
  return draft.submitted ? guestNameError(draft.value) : guestNameLengthError(draft.value);
}

/**
 * The lobby that holds this person: only once joined (their role decides), and neither moderators nor those a
 * moderator let in (the permission "skip the lobby", v4). Null when nothing holds them.
 */
export function lobbyHold(
  session: SessionState,
  conversation: Pick<Conversation, 'lobby' | 'canModerate' | 'ownPermissions'> | undefined,
): { opensAt: number | null } | null {
  if (session.kind !== 'joined' || conversation === undefined) return null;
  if (!conversation.lobby.enabled || conversation.canModerate) return null;
  if (conversation.ownPermissions !== null && (conversation.ownPermissions & Permission.SkipLobby) !== 0) return null;
  return { opensAt: conversation.lobby.opensAt };
}

/** How reading the conversation stands, in the page's terms (the hook turns errors into words). */
export type ConversationRead =
  | { kind: 'loaded' }
  | { kind: 'loading' }
  /** It failed and gave up; `final` when trying again cannot help (a wrong link). */
  | { kind: 'failed'; message: string; final: boolean; fetching: boolean }
  /** It failed for now and is trying again by itself. */
  | { kind: 'retrying'; message: string };

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
  | { kind: 'ended'; message: string }
  /** Banned from the conversation: says so, and offers no join. */
  | { kind: 'banned'; message: string };

/**
 * The screen for a session, the conversation's read and the lobby that holds the person (lobbyHold). The
 * server lifts a lobby when its start time has passed; the page lets the person in at that moment (`now`).
 */
export function joinPhase(
  session: SessionState,
  read: ConversationRead,
  lobby: { opensAt: number | null } | null,
  now: number,
): JoinPhase {
  if (session.kind === 'ended') return { kind: 'ended', message: session.message };
  if (session.kind === 'banned') return { kind: 'banned', message: session.message };
  if (session.kind === 'joined') {
    const opensAt = lobby?.opensAt ?? null;
    const waiting = lobby !== null && !(opensAt !== null && opensAt <= now);
    if (!waiting) return { kind: 'joined' };
    return { kind: 'lobby', opensAt, remainingMs: opensAt === null ? null : Math.max(0, opensAt - now) };
  }
  switch (read.kind) {
    case 'loaded':
      return { kind: 'form' };
    case 'failed':
      return { kind: 'unavailable', message: read.message, retrying: read.fetching, canRetry: !read.final };
    case 'retrying':
      // Instead of a bare "Loading": say what went wrong and that it is being tried again.
      return { kind: 'unavailable', message: read.message, retrying: true, canRetry: false };
    case 'loading':
      return { kind: 'loading' };
  }
}

/** Whether the person is still a participant, as the conversation read after the session ended says. */
export type Membership = 'participant' | 'not-participant' | 'unknown';

/**
 * Why a session ended, once that is known. A pull that says only "ended" (Talk's 409, for removed, timed out and
 * replaced sessions alike) is explained by whether the person is still a participant: someone removed (or,
 * after an outage, timed out) is not; someone still in, with the server answering all along, was replaced by
 * another window. Still in after an outage: it timed out, whatever else may have happened meanwhile.
 */
export function sessionEndReason(pulled: SessionEndReason, membership: Membership, afterOutage: boolean): SessionEndReason {
  if (pulled !== 'ended') return pulled;
  switch (membership) {
    case 'not-participant':
      return 'not-in-conversation';
    case 'participant':
      return afterOutage ? 'not-in-conversation' : 'replaced';
    case 'unknown':
      return 'ended';
  }
}
