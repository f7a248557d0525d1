import { beforeEach, describe, expect, it } from 'vitest';
import { activateLocale } from '../../lib/i18n';
import { formatCountdown, formatStart } from './countdown';

describe('formatCountdown', () => {
  it.each([
    [-5, 'now'],
    [0, 'now'],
    [1, '00:01'],
    [999, '00:01'],
    [1000, '00:01'],
    [1001, '00:02'],
    [59_000, '00:59'],
    [60_000, '01:00'],
    [90_000, '01:30'],
    [3_599_000, '59:59'],
    [3_600_000, '01:00:00'],
    [86_399_000, '23:59:59'],
    [86_400_000, '1 day, 00:00:00'],
    [86_410_000, '1 day, 00:00:10'],
    [7 * 86_400_000 - 1000, '6 days, 23:59:59'],
    [2 * 86_400_000 + 3 * 3_600_000 + 4 * 60_000 + 5000, '2 days, 03:04:05'],
  ])('%d ms left: %s', (remainingMs, text) => {
    expect(formatCountdown(remainingMs)).toBe(text);
  });
});

describe('the lobby times in German', () => {
  beforeEach(() => activateLocale('de'));

  it('counts days and says "now" in German', () => {
    expect(formatCountdown(86_400_000)).toBe('1 Tag, 00:00:00');
    expect(formatCountdown(2 * 86_400_000 + 5000)).toBe('2 Tage, 00:00:05');
    expect(formatCountdown(0)).toBe('jetzt');
  });

  it('writes the scheduled start as German does, whatever the browser’s language', () => {
    expect(formatStart(new Date(2030, 4, 1, 9, 30).getTime())).toBe('Mittwoch, 1. Mai 2030 um 09:30');
  });
});
