import { describe, expect, it } from 'vitest';
import { errorFromResponse } from '../lib/api/errors';
import { activateLocale } from '../lib/i18n';
import { REFUSALS, describeError, type ErrorContext } from './errors';

/** A refusal as the transport reads it from an OCS envelope. */
const refusal = (status: number, data: unknown) =>
  errorFromResponse({ status, hasEnvelope: true, ocsStatusCode: status, message: '', data });

const roleChange = (action: 'promote-participant' | 'demote-participant', role: 'owner' | 'member' | 'moderator'): ErrorContext => ({
  action,
  participant: { name: 'Bob', role, isSelf: false },
});

describe('the words for a refused change of role', () => {
  it.each(['promote-participant', 'demote-participant'] as const)(
    '%s of the owner: their role is fixed, whether Talk 19 says 400 (with or without a code) or an older server 403',
    (action) => {
      for (const error of [refusal(400, []), refusal(400, null), refusal(400, { error: 'owner' }), refusal(403, [])]) {
        expect(describeError(error, roleChange(action, 'owner'))).toBe(REFUSALS.ownerRoleIsFixed);
      }
    },
  );

  it('in a one-to-one conversation: nobody’s role can change', () => {
    expect(describeError(refusal(400, { error: 'room-type' }), roleChange('demote-participant', 'owner'))).toBe(
      REFUSALS.oneToOneRolesAreFixed,
    );
  });

  it('someone who cannot be promoted or demoted for what they are', () => {
    expect(describeError(refusal(400, []), roleChange('promote-participant', 'moderator'))).toBe(
      'Only members and guests can be promoted to moderator.',
    );
    expect(describeError(refusal(400, null), roleChange('demote-participant', 'member'))).toBe(
      'Only moderators and guest moderators can be demoted.',
    );
  });
});

describe('the words for routes that need an account', () => {
  it('401 with Nextcloud’s statuscode 997 asks to sign in', () => {
    const error = errorFromResponse({ status: 401, hasEnvelope: true, ocsStatusCode: 997, message: 'Current user is not logged in', data: [] });
    expect(describeError(error, { action: 'leave-conversation' })).toBe('You are not signed in, or your password has changed.');
  });
});

describe('the words for too many wrong passwords (429)', () => {
  const tooMany = (retryAfter: string | null) =>
    errorFromResponse({ status: 429, hasEnvelope: true, ocsStatusCode: 429, message: 'Reached maximum delay', data: null, retryAfter });

  it('say how long to wait, from Retry-After: seconds while they are few, minutes beyond', () => {
    expect(describeError(tooMany('25'))).toBe('Too many attempts. Try again in 25 seconds.');
    expect(describeError(tooMany('1'))).toBe('Too many attempts. Try again in 1 second.');
    expect(describeError(tooMany('1790'))).toBe('Too many attempts. Try again in 30 minutes.');
  });

  it('say to try later when the server gives no Retry-After (Nextcloud itself sends none)', () => {
    expect(describeError(tooMany(null))).toBe('Too many attempts. Try again later.');
  });

  it('say it in German too, one second or minute apart from many', async () => {
    await activateLocale('de');
    expect(describeError(tooMany('1'))).toBe('Zu viele Versuche. Versuche es in 1 Sekunde erneut.');
    expect(describeError(tooMany('25'))).toBe('Zu viele Versuche. Versuche es in 25 Sekunden erneut.');
    expect(describeError(tooMany('1790'))).toBe('Zu viele Versuche. Versuche es in 30 Minuten erneut.');
    expect(describeError(tooMany(null))).toBe('Zu viele Versuche. Versuche es später erneut.');
  });

  it('are the same when joining a conversation: a 429 is not a wrong password', () => {
    expect(describeError(tooMany('40'), { action: 'join-conversation' })).toBe('Too many attempts. Try again in 40 seconds.');
  });
});

describe('the error words in German', () => {
  it('follow the UI language, numbers included', async () => {
    const note = { action: 'ban-participant', participant: { name: 'Bob' } } as const;
    expect(describeError(refusal(400, { error: 'internalNote' }), note)).toBe(
      'The internal note is too long: it can have up to 4,000 characters.',
    );
    await activateLocale('de');
    expect(describeError(refusal(400, { error: 'internalNote' }), note)).toBe(
      'Die interne Notiz ist zu lang: Sie darf höchstens 4.000 Zeichen haben.',
    );
    expect(REFUSALS.banned).toBe('Du wurdest aus dieser Unterhaltung gesperrt.');
  });
});
