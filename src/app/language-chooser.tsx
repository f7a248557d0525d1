import { useId } from 'react';
import { LOCALES, LOCALE_NAMES, activateLocale, isLocale, rememberChosenLocale, useI18n } from '../lib/i18n';

/** The header's language menu: the choice outlives the page, and overrides the browser's languages from then on. */
export function LanguageChooser() {
  const { locale, t } = useI18n();
  const id = useId();
  return (
    <span className="language-chooser">
      <label htmlFor={id}>{t('app.language')}</label>{' '}
      <select
        id={id}
        value={locale}
        onChange={(event) => {
          const chosen = event.target.value;
          if (!isLocale(chosen)) return;
          rememberChosenLocale(chosen);
          void activateLocale(chosen);
        }}
      >
        {LOCALES.map((option) => (
          // Each language named in itself, and marked so a screen reader pronounces it so.
          <option key={option} value={option} lang={option}>
            {LOCALE_NAMES[option]}
          </option>
        ))}
      </select>
    </span>
  );
}
