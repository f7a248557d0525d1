/** The languages rollcall speaks; English is the source every other catalogue translates. */
export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];
export const SOURCE_LOCALE = 'en' satisfies Locale;

/** Each language's name in its own language: a person who cannot read the current one still finds theirs. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', de: 'Deutsch' };

const STORAGE_KEY = 'rollcall.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The first of the browser's languages that rollcall speaks ("de-AT" is German), else English. */
export function localeFromLanguages(languages: readonly string[]): Locale {
  for (const language of languages) {
    const primary = language.toLowerCase().split('-')[0];
    if (isLocale(primary)) return primary;
  }
  return SOURCE_LOCALE;
}

/** The language chosen in the header before, else the browser's. */
export function preferredLocale(): Locale {
  const chosen = readChosenLocale();
  if (chosen) return chosen;
  const languages = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  return localeFromLanguages(languages);
}

function readChosenLocale(): Locale | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : null;
  } catch {
    // Storage can be switched off; the browser's language still applies.
    return null;
  }
}

export function rememberChosenLocale(locale: Locale) {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Without storage the choice lasts until the page is reloaded.
  }
}
