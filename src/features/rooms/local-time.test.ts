import { describe, expect, it } from 'vitest';
import { activateLocale } from '../../lib/i18n';
import { formatLocalDateTime, fromLocalInputValue, toLocalInputValue } from './local-time';

describe('local date-time inputs', () => {
  it('reads the value as local time and writes it back the same', () => {
    const opensAt = fromLocalInputValue('2030-05-01T09:30');

    expect(opensAt).toBe(new Date(2030, 4, 1, 9, 30).getTime());
    expect(toLocalInputValue(opensAt ?? 0)).toBe('2030-05-01T09:30');
  });

  it('accepts seconds, which some browsers add', () => {
    expect(fromLocalInputValue('2030-05-01T09:30:15')).toBe(new Date(2030, 4, 1, 9, 30, 15).getTime());
  });

  it('gives null for empty, incomplete or impossible values', () => {
    expect(fromLocalInputValue('')).toBeNull();
    expect(fromLocalInputValue('2030-05-01')).toBeNull();
    expect(fromLocalInputValue('2030-02-31T10:00')).toBeNull();
    expect(fromLocalInputValue('tomorrow')).toBeNull();
  });

  it('drops seconds when writing, as the input shows minutes', () => {
    expect(toLocalInputValue(new Date(2031, 0, 2, 3, 4, 59).getTime())).toBe('2031-01-02T03:04');
  });
});

describe('a lobby start time shown to the person', () => {
  const opensAt = new Date(2030, 4, 1, 9, 30).getTime();

  it('is written in the UI’s language, not the browser’s', async () => {
    expect(formatLocalDateTime(opensAt)).toBe('May 1, 2030, 9:30 AM');
    await activateLocale('de');
    expect(formatLocalDateTime(opensAt)).toBe('01.05.2030, 09:30');
  });
});
