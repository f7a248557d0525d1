import { afterEach, describe, expect, it } from 'vitest';
import { GUEST_NAME_WORDS, guestNameError, guestNameLengthError, recallGuestName, rememberGuestName } from './guest-name';

afterEach(() => localStorage.clear());

describe('guest names', () => {
  it('are required, trimmed, and at most 64 characters once trimmed', () => {
    expect(guestNameError('')).toBe(GUEST_NAME_WORDS.required);
    expect(guestNameError('   ')).toBe(GUEST_NAME_WORDS.required);
    expect(guestNameError('Pat')).toBeNull();
    expect(guestNameError('x'.repeat(64))).toBeNull();
    expect(guestNameError(`  ${'x'.repeat(64)}  `)).toBeNull();
    expect(guestNameError('x'.repeat(65))).toBe(GUEST_NAME_WORDS.tooLong);
    expect(GUEST_NAME_WORDS.tooLong).toContain('64');
  });

  it('say they are too long while typing, but not that they are missing', () => {
    expect(guestNameLengthError('')).toBeNull();
    expect(guestNameLengthError('x'.repeat(65))).toBe(GUEST_NAME_WORDS.tooLong);
  });

  it('are remembered in this browser, trimmed', () => {
    expect(recallGuestName()).toBe('');
    rememberGuestName('  Pat  ');
    expect(recallGuestName()).toBe('Pat');
  });
});
