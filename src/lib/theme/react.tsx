import { queryOptions, useQuery } from '@tanstack/react-query';
import { useTalkClient, type TalkClient } from '../api';
import { useI18n } from '../i18n';
import { recallServerTheme, rememberServerTheme } from './memory';
import { themeFromCapabilities, type ServerTheme } from './theming';

const storage = () => (typeof localStorage === 'undefined' ? undefined : localStorage);

/** rollcall's own name, where the server gives none (or has not answered yet). */
export const DEFAULT_PRODUCT_NAME = 'rollcall';

export const SERVER_THEME_KEY = ['server-theme'] as const;

export const serverThemeQuery = (talk: TalkClient) =>
  queryOptions({
    queryKey: SERVER_THEME_KEY,
    queryFn: async (): Promise<ServerTheme | null> => {
      const theme = themeFromCapabilities(await talk.capabilities(), window.location.origin);
      rememberServerTheme(storage(), theme);
      return theme;
    },
    // What the last page load read, until the capabilities answer: no flash of rollcall's own look.
    placeholderData: () => recallServerTheme(storage()),
    // The theme changes when an admin changes it: the next page load shows it.
    staleTime: Infinity,
    gcTime: Infinity,
    // Without it the page is still usable in rollcall's own look: never an error page for the theme.
    throwOnError: false,
  });

/** The server's theme; null while it is read, when the read failed, or when the server has none. */
export function useServerTheme(): ServerTheme | null {
  return useQuery(serverThemeQuery(useTalkClient())).data ?? null;
}

/** The name pages go by: the server's (Nextcloud's instance name), else rollcall's. */
export function useProductName(): string {
  return useServerTheme()?.name ?? DEFAULT_PRODUCT_NAME;
}

/** The document title: what the page shows, then the product's name ("Conversations · Nextcloud"). */
export function PageTitle({ children }: { children: string }) {
  const { t } = useI18n();
  const brand = useProductName();
  return <title>{t('app.pageTitle', { page: children, brand })}</title>;
}
