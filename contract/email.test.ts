import { describe, expect, it } from 'vitest';
import { isEmailAddress } from './email';

describe('isEmailAddress', () => {
  it.each(['pat@example.com', 'pat.smith+talk@mail.example.co.uk', 'PAT@EXAMPLE.COM', "o'brien@example.ie"])(
    'accepts %s',
    (address) => {
      expect(isEmailAddress(address)).toBe(true);
    },
  );

  it.each([
    ['no @', 'pat.example.com'],
    ['no dot in the domain', 'pat@localhost'],
    ['two @', 'pat@home@example.com'],
    ['nothing before the @', '@example.com'],
    ['a space', 'pat smith@example.com'],
    ['spaces around it (trimming is the caller’s job)', ' pat@example.com '],
    ['a display name with angle brackets', 'Pat <pat@example.com>'],
    ['an angle bracket', 'pat<@example.com'],
    ['a double quote', '"pat"@example.com'],
    ['nothing', ''],
  ])('refuses an address with %s', (_case, address) => {
    expect(isEmailAddress(address)).toBe(false);
  });
});
