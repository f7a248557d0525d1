import { useMemo, useSyncExternalStore } from 'react';
import { setupI18n } from '@lingui/core';
import sourceMessages from 'virtual:rollcall-messages/en';
import { SOURCE_LOCALE, type Locale } from './locale';
import type { MessageKey } from './message-keys';

/**
 * The one Lingui instance of the app. English is in the initial bundle so the first render never waits for it;
 * every other language is its own chunk, loaded when it is chosen.
 */
export const i18n = setupI18n({ locale: SOURCE_LOCALE, messages: { [SOURCE_LOCALE]: sourceMessages } });

const loaders: Record<Exclude<Locale, typeof SOURCE_LOCALE>, () => Promise<{ default: typeof sourceMessages }>> = {
  de: () => import('virtual:rollcall-messages/de'),
};

/** Loads the language (once) and makes it the UI's: text, numbers, dates and plurals, and `<html lang>`. */
export async function activateLocale(locale: Locale) {
  if (locale !== SOURCE_LOCALE && !(locale in loadedLocales)) {
    const { default: messages } = await loaders[locale]();
    i18n.load(locale, messages);
    loadedLocales[locale] = true;
  }
  i18n.activate(locale);
  document.documentElement.lang = locale;
}
const loadedLocales: Partial<Record<Locale, true>> = {};

export type MessageValues = Record<string, string | number | Date | null | undefined>;

/**
 * The message `key` in the current language. Outside React (error words made when an error is shown, notices)
 * this reads the language at the time of the call; views use `useI18n()` so they follow a change of language.
 */
export function translate(key: MessageKey, values?: MessageValues): string {
  return i18n._(key, values);
}

export function currentLocale(): Locale {
  return i18n.locale as Locale;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A number in the UI's language ("10,000" / "10.000"), whatever the browser's. */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions) {
  const cacheKey = `${currentLocale()} ${JSON.stringify(options ?? {})}`;
  let format = numberFormats.get(cacheKey);
  if (!format) numberFormats.set(cacheKey, (format = new Intl.NumberFormat(currentLocale(), options)));
  return format.format(value);
}

/** A date and/or time in the UI's language, whatever the browser's (the time zone stays the browser's). */
export function formatDate(value: Date | number, options: Intl.DateTimeFormatOptions) {
  const cacheKey = `${currentLocale()} ${JSON.stringify(options)}`;
  let format = dateFormats.get(cacheKey);
  if (!format) dateFormats.set(cacheKey, (format = new Intl.DateTimeFormat(currentLocale(), options)));
  return format.format(value);
}

function subscribe(onChange: () => void) {
  return i18n.on('change', onChange);
}

/**
 * The current language for a view, which renders again when it changes. `t`, `number` and `date` are new
 * functions per language, so a memo that lists them recomputes when the language changes.
 */
export function useI18n() {
  const locale = useSyncExternalStore(subscribe, currentLocale);
  return useMemo(
    () => ({
      locale,
      t: (key: MessageKey, values?: MessageValues) => translate(key, values),
      number: (value: number, options?: Intl.NumberFormatOptions) => formatNumber(value, options),
      date: (value: Date | number, options: Intl.DateTimeFormatOptions) => formatDate(value, options),
    }),
    [locale],
  );
}

/**
 * Named words that read the current language whenever they are used (`REFUSALS.banned`), for modules that
 * export sentences as constants: the sentence is never frozen in the language of the moment it was imported.
 */
export function messageGetters<const Keys extends Record<string, MessageKey>>(keys: Keys): { readonly [Name in keyof Keys]: string } {
  const words = {} as { [Name in keyof Keys]: string };
  for (const name of Object.keys(keys) as (keyof Keys)[]) {
    Object.defineProperty(words, name, { enumerable: true, get: () => translate(keys[name]!) });
  }
  return words;
}
