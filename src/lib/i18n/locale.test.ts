import { describe, expect, it } from 'vitest';
import { localeFromLanguages, preferredLocale, rememberChosenLocale } from './locale';

describe('the language', () => {
  it("is the first of the browser's languages that rollcall speaks", () => {
    expect(localeFromLanguages(['fr-FR', 'de-AT', 'en-US'])).toBe('de');
    expect(localeFromLanguages(['en-GB', 'de-DE'])).toBe('en');
  });

  it('is English when rollcall speaks none of them', () => {
    expect(localeFromLanguages(['fr-FR', 'it'])).toBe('en');
    expect(localeFromLanguages([])).toBe('en');
  });

  it("is the one chosen before, over the browser's", () => {
    rememberChosenLocale('de');
    expect(preferredLocale()).toBe('de');
  });
});
