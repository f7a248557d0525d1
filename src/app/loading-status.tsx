import { useI18n, type MessageKey } from '../lib/i18n';

/** The routes' placeholders while a page or its chunk is on its way, in the current language. */
export function LoadingStatus({ what }: { what: Extract<MessageKey, 'app.loading' | 'app.loadingConversation'> }) {
  const { t } = useI18n();
  return <p role="status">{t(what)}</p>;
}
