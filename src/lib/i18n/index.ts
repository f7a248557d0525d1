export {
  i18n,
  activateLocale,
  translate,
  currentLocale,
  formatNumber,
  formatDate,
  messageGetters,
  useI18n,
  type MessageValues,
} from './i18n';
export { LOCALES, LOCALE_NAMES, SOURCE_LOCALE, isLocale, localeFromLanguages, preferredLocale, rememberChosenLocale, type Locale } from './locale';
export type { MessageKey } from './message-keys';
export { RichMessage, LanguageProvider } from './RichMessage';
