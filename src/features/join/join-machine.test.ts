import { describe, expect, it } from 'vitest';
import {
  JOIN_WORDS,
  initialJoinState,
  joinFormProblem,
  joinPhase,
  joinReducer,
  lobbyHold,
  nameProblem,
  passwordProblem,
  renameProblem,
  sessionEndReason,
  type JoinEvent,
  type JoinState,
} from './join-machine';
import { GUEST_NAME_WORDS } from './guest-name';

const request = { name: 'Pat', password: '', force: false };

function run(events: JoinEvent[], from: JoinState = initialJoinState('')): JoinState {
  return events.reduce(joinReducer, from);
}

const joinedAsPat: JoinEvent[] = [
  { type: 'name-typed', value: 'Pat' },
  { type: 'submit-attempted' },
  { type: 'join-started' },
  { type: 'joined', sessionId: 's1', name: 'Pat' },
];

describe('the session', () => {
  it('starts out, with the remembered name in the form', () => {
    expect(initialJoinState('Pat')).toEqual({
      form: { name: 'Pat', password: '', submitted: false },
      session: { kind: 'out' },
      notice: null,
    });
  });

  it('joins; the password is not kept and the form checks afresh next time', () => {
    const state = run([
      { type: 'name-typed', value: 'Pat' },
      { type: 'password-typed', value: 'secret' },
      { type: 'submit-attempted' },
      { type: 'join-started' },
      { type: 'joined', sessionId: 's1', name: 'Pat' },
    ]);
    expect(state.session).toEqual({ kind: 'joined', sessionId: 's1', name: 'Pat', rename: null });
    expect(state.form).toEqual({ name: 'Pat', password: '', submitted: false });
  });

  it('asks on a conflict; "Cancel" goes back out and says nothing changed', () => {
    const asking = run([{ type: 'join-started' }, { type: 'conflict-found', request }]);
    expect(asking.session).toEqual({ kind: 'asking', request });

    const declined = joinReducer(asking, { type: 'conflict-declined' });
    expect(declined.session).toEqual({ kind: 'out' });
    expect(declined.notice).toBe(JOIN_WORDS.stayed);
  });

  it('"Join here" after a conflict starts a new join, which clears the notice', () => {
    const declinedOnce = run([{ type: 'conflict-found', request }, { type: 'conflict-declined' }]);
    const state = run([{ type: 'join-started' }, { type: 'conflict-found', request }, { type: 'join-started' }], declinedOnce);
    expect(state.session).toEqual({ kind: 'out' });
    expect(state.notice).toBeNull();
    expect(joinReducer(state, { type: 'joined', sessionId: 's2', name: 'Pat' }).session.kind).toBe('joined');
  });

  it('leaving goes back out with a notice; the name stays typed', () => {
    const state = run([...joinedAsPat, { type: 'left' }]);
    expect(state.session).toEqual({ kind: 'out' });
    expect(state.notice).toBe(JOIN_WORDS.left);
    expect(state.form.name).toBe('Pat');
  });

  it('an ended session says why until "Join again" brings the form back', () => {
    const ended = run([...joinedAsPat, { type: 'session-ended', sessionId: 's1', message: 'Replaced' }]);
    expect(ended.session).toEqual({ kind: 'ended', message: 'Replaced' });

    const again = joinReducer(ended, { type: 'join-again' });
    expect(again.session).toEqual({ kind: 'out' });
    expect(again.form.name).toBe('Pat');
  });

  it('a leave answered after the session ended keeps the ending on screen', () => {
    const state = run([...joinedAsPat, { type: 'session-ended', sessionId: 's1', message: 'Removed' }, { type: 'left' }]);
    expect(state.session).toEqual({ kind: 'ended', message: 'Removed' });
    expect(state.notice).toBe(JOIN_WORDS.left);
  });

  it.each<[string, JoinEvent[], JoinEvent]>([
    ['a conflict while joined', joinedAsPat, { type: 'conflict-found', request }],
    ['"Cancel" with no question open', [], { type: 'conflict-declined' }],
    ['an ending while out', [], { type: 'session-ended', sessionId: 's1', message: 'Removed' }],
    [
      'the late ending of an earlier session',
      [...joinedAsPat, { type: 'left' }, { type: 'join-started' }, { type: 'joined', sessionId: 's2', name: 'Pat' }],
      { type: 'session-ended', sessionId: 's1', message: 'Removed' },
    ],
    ['"Join again" while joined', joinedAsPat, { type: 'join-again' }],
    ['a rename while out', [], { type: 'rename-opened' }],
    ['a saved name while out', [], { type: 'renamed', name: 'Sam' }],
  ])('ignores %s', (_case, before, event) => {
    const state = run(before);
    expect(joinReducer(state, event)).toBe(state);
  });
});

describe('the rename draft', () => {
  it('opens with the joined name, checks on "Save", and closes when the name is saved', () => {
    const opened = run([...joinedAsPat, { type: 'rename-opened' }]);
    expect(opened.session).toMatchObject({ rename: { value: 'Pat', submitted: false } });

    const attempted = run([{ type: 'rename-typed', value: ' ' }, { type: 'rename-attempted' }], opened);
    expect(attempted.session).toMatchObject({ rename: { value: ' ', submitted: true } });

    const saved = run([{ type: 'rename-typed', value: 'Pat Smith' }, { type: 'renamed', name: 'Pat Smith' }], attempted);
    expect(saved.session).toEqual({ kind: 'joined', sessionId: 's1', name: 'Pat Smith', rename: null });
  });

  it('closes without changing the name, and goes with the session', () => {
    const opened = run([...joinedAsPat, { type: 'rename-opened' }, { type: 'rename-typed', value: 'Sam' }]);
    expect(joinReducer(opened, { type: 'rename-closed' }).session).toMatchObject({ name: 'Pat', rename: null });
    expect(joinReducer(opened, { type: 'session-ended', sessionId: 's1', message: 'Removed' }).session).toEqual({
      kind: 'ended',
      message: 'Removed',
    });
  });

  it('says a name over the limit while typing, a missing one only after "Save"', () => {
    expect(renameProblem({ value: '', submitted: false })).toBeNull();
    expect(renameProblem({ value: '', submitted: true })).toBe(GUEST_NAME_WORDS.required);
    expect(renameProblem({ value: 'x'.repeat(65), submitted: false })).toBe(GUEST_NAME_WORDS.tooLong);
  });
});

describe('the form checks', () => {
  const guest = { isGuest: true, needsPassword: false };
  const guestWithPassword = { isGuest: true, needsPassword: true };
  const account = { isGuest: false, needsPassword: false };

  it('say a name over the limit while typing, a missing name or password only after "Join"', () => {
    const typing = { name: '', password: '', submitted: false };
    expect(nameProblem(typing, guest)).toBeNull();
    expect(passwordProblem(typing, guestWithPassword)).toBeNull();
    expect(nameProblem({ ...typing, name: 'x'.repeat(65) }, guest)).toBe(GUEST_NAME_WORDS.tooLong);

    const submitted = { ...typing, submitted: true };
    expect(nameProblem(submitted, guest)).toBe(GUEST_NAME_WORDS.required);
    expect(passwordProblem(submitted, guestWithPassword)).toBe(JOIN_WORDS.passwordRequired);
    expect(passwordProblem(submitted, guest)).toBeNull();
  });

  it('ask nothing of an account’s name', () => {
    const submitted = { name: '', password: '', submitted: true };
    expect(nameProblem(submitted, account)).toBeNull();
    expect(joinFormProblem(submitted, account)).toBeNull();
  });

  it('stop a join at the first field that needs the person: the name, then the password', () => {
    expect(joinFormProblem({ name: '  ', password: '', submitted: false }, guestWithPassword)).toBe('name');
    expect(joinFormProblem({ name: 'Pat', password: '', submitted: false }, guestWithPassword)).toBe('password');
    expect(joinFormProblem({ name: 'Pat', password: 'secret', submitted: false }, guestWithPassword)).toBeNull();
  });
});

describe('the screen', () => {
  const out = { kind: 'out' } as const;
  const joined = { kind: 'joined', sessionId: 's1', name: 'Pat', rename: null } as const;
  const loaded = { kind: 'loaded' } as const;
  const NOW = 1_000_000;

  it('follows the conversation’s read while out', () => {
    expect(joinPhase(out, { kind: 'loading' }, null, NOW)).toEqual({ kind: 'loading' });
    expect(joinPhase(out, loaded, null, NOW)).toEqual({ kind: 'form' });
    expect(joinPhase({ kind: 'asking', request }, loaded, null, NOW)).toEqual({ kind: 'form' });
    expect(joinPhase(out, { kind: 'retrying', message: 'Unreachable' }, null, NOW)).toEqual({
      kind: 'unavailable',
      message: 'Unreachable',
      retrying: true,
      canRetry: false,
    });
  });

  it('offers "Try again" after a failure, unless the link is wrong, and not while a retry runs', () => {
    const failed = { kind: 'failed', message: 'Unreachable', final: false, fetching: false } as const;
    expect(joinPhase(out, failed, null, NOW)).toMatchObject({ retrying: false, canRetry: true });
    expect(joinPhase(out, { ...failed, fetching: true }, null, NOW)).toMatchObject({ retrying: true, canRetry: true });
    expect(joinPhase(out, { ...failed, final: true }, null, NOW)).toMatchObject({ canRetry: false });
  });

  it('holds a joined person in the lobby until its start time, then lets them in', () => {
    expect(joinPhase(joined, loaded, { opensAt: NOW + 90_000 }, NOW)).toEqual({
      kind: 'lobby',
      opensAt: NOW + 90_000,
      remainingMs: 90_000,
    });
    expect(joinPhase(joined, loaded, { opensAt: null }, NOW)).toEqual({ kind: 'lobby', opensAt: null, remainingMs: null });
    expect(joinPhase(joined, loaded, { opensAt: NOW }, NOW)).toEqual({ kind: 'joined' });
    expect(joinPhase(joined, loaded, null, NOW)).toEqual({ kind: 'joined' });
  });

  it('shows why the session ended whatever the read says', () => {
    expect(joinPhase({ kind: 'ended', message: 'Removed' }, { kind: 'loading' }, null, NOW)).toEqual({
      kind: 'ended',
      message: 'Removed',
    });
  });

  it('holds only joined non-moderators, and only while the lobby is on', () => {
    const lobbyOn = { lobby: { enabled: true, opensAt: NOW }, canModerate: false, ownPermissions: 246 as number | null };
    expect(lobbyHold(joined, lobbyOn)).toEqual({ opensAt: NOW });
    expect(lobbyHold(out, lobbyOn)).toBeNull();
    expect(lobbyHold(joined, { ...lobbyOn, canModerate: true })).toBeNull();
    expect(lobbyHold(joined, { ...lobbyOn, lobby: { enabled: false, opensAt: null } })).toBeNull();
    expect(lobbyHold(joined, undefined)).toBeNull();
  });

  it('lets through whoever a moderator let in ("skip the lobby", v4); v1 has no such permission', () => {
    const lobbyOn = { lobby: { enabled: true, opensAt: null }, canModerate: false };
    expect(lobbyHold(joined, { ...lobbyOn, ownPermissions: 254 })).toBeNull();
    expect(lobbyHold(joined, { ...lobbyOn, ownPermissions: 246 })).toEqual({ opensAt: null });
    expect(lobbyHold(joined, { ...lobbyOn, ownPermissions: null })).toEqual({ opensAt: null });
  });
});

describe('a ban', () => {
  const banned: JoinEvent = { type: 'banned', message: 'You have been banned from this conversation.' };

  it('ends the attempt for good: the page says so and offers no form', () => {
    const state = run([{ type: 'name-typed', value: 'Pat' }, { type: 'submit-attempted' }, { type: 'join-started' }, banned]);
    expect(state.session).toEqual({ kind: 'banned', message: 'You have been banned from this conversation.' });
    expect(joinPhase(state.session, { kind: 'loaded' }, null, 0)).toEqual({ kind: 'banned', message: 'You have been banned from this conversation.' });
    // Nothing moves it back to the form.
    expect(run([{ type: 'join-again' }, { type: 'left' }], state).session.kind).toBe('banned');
  });

  it('is ignored while joined (the session ending says what happened)', () => {
    expect(run([...joinedAsPat, banned]).session.kind).toBe('joined');
  });
});

describe('why a session ended', () => {
  it('a 409 (ended, no reason given) for someone no longer a participant: removed, not "another window"', () => {
    expect(sessionEndReason('ended', 'not-participant', false)).toBe('not-in-conversation');
    expect(sessionEndReason('ended', 'not-participant', true)).toBe('not-in-conversation');
  });

  it('a 409 for someone still a participant: another window took over, unless the server was out of reach for longer than a session lives', () => {
    expect(sessionEndReason('ended', 'participant', false)).toBe('replaced');
    expect(sessionEndReason('ended', 'participant', true)).toBe('not-in-conversation');
  });

  it('stays unexplained when the check itself failed, rather than guessing', () => {
    expect(sessionEndReason('ended', 'unknown', false)).toBe('ended');
  });

  it('keeps a reason the pull already gave (404: not in the conversation; own session missing: replaced)', () => {
    expect(sessionEndReason('not-in-conversation', 'participant', false)).toBe('not-in-conversation');
    expect(sessionEndReason('replaced', 'not-participant', false)).toBe('replaced');
  });
});
