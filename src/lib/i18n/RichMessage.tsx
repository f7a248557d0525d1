import type { ReactElement, ReactNode } from 'react';
import { I18nProvider, Trans } from '@lingui/react';
import { i18n, type MessageValues } from './i18n';
import type { MessageKey } from './message-keys';

/**
 * A message with markup inside it: in the catalogue, `Signed in as <0>{name}</0>`; here, `components={{ 0:
 * <strong /> }}`. The translation decides where the markup goes, so no sentence is cut into pieces.
 */
export function RichMessage({
  id,
  values,
  components,
}: {
  id: MessageKey;
  values?: Record<string, ReactNode | MessageValues[string]>;
  components: Record<string, ReactElement>;
}) {
  return <Trans id={id} values={values} components={components} />;
}

/** Around the app (and every test render): RichMessage reads the language from here. */
export function LanguageProvider({ children }: { children: ReactNode }) {
  return <I18nProvider i18n={i18n}>{children}</I18nProvider>;
}
