import { afterEach, describe, expect, it } from 'vitest';
import { NAME_REQUIRED, NAME_TOO_LONG, guestNameError, guestNameLengthError, recallGuestName, rememberGuestName } from './guest-name';

afterEach(() => localStorage.clear());

describe('guest names', () => {
  it('are required, trimmed, and at most 64 characters once trimmed', () => {
    expect(guestNameError('')).toBe(NAME_REQUIRED);
    expect(guestNameError('   ')).toBe(NAME_REQUIRED);
    expect(guestNameError('Pat')).toBeNull();
    expect(guestNameError('x'.repeat(64))).toBeNull();
    expect(guestNameError(`  ${'x'.repeat(64)}  `)).toBeNull();
    expect(guestNameError('x'.repeat(65))).toBe(NAME_TOO_LONG);
    expect(NAME_TOO_LONG).toContain('64');
  });

  it('say they are too long while typing, but not that they are missing', () => {
    expect(guestNameLengthError('')).toBeNull();
    expect(guestNameLengthError('x'.repeat(65))).toBe(NAME_TOO_LONG);
  });

  it('are remembered in this browser, trimmed', () => {
    expect(recallGuestName()).toBe('');
    rememberGuestName('  Pat  ');
    expect(recallGuestName()).toBe('Pat');
  });
});
