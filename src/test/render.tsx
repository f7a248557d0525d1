import type { ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { vi } from 'vitest';
import { describeError } from '../app/errors';
import { Notices } from '../app/notices';
import { createAppQueryClient } from '../app/query-client';
import { DescribeErrorProvider } from '../lib/describe-error';
import { LanguageProvider } from '../lib/i18n';
import { TalkClientProvider, createTalkClient, type Credentials } from '../lib/api';

/** A fresh QueryClient with the app's policies but no retries, and a Talk client signed in as `credentials`. */
export function createTestServices(credentials: Credentials | null = { account: 'alice', password: 'demo' }) {
  const onSignInRequired = vi.fn();
  const queryClient = createAppQueryClient({ onSignInRequired, retry: false });
  const talkClient = createTalkClient({ getCredentials: () => credentials });
  return { queryClient, talkClient, onSignInRequired };
}

export type TestServices = ReturnType<typeof createTestServices>;

export function TestProviders({ services, children }: { services: TestServices; children: ReactNode }) {
  return (
    <LanguageProvider>
      <QueryClientProvider client={services.queryClient}>
        <TalkClientProvider client={services.talkClient}>
          {/* The app's own error words, so tests read what a person would. */}
          <DescribeErrorProvider describe={describeError}>{children}</DescribeErrorProvider>
        </TalkClientProvider>
      </QueryClientProvider>
    </LanguageProvider>
  );
}

/**
 * Renders a page inside the providers and a router at `path`; with `notices`, also the app's notices (what
 * actions did, with "Undo"), as the layout shows them beside every page.
 */
export function renderPage(ui: ReactNode, options: { services?: TestServices; path?: string; notices?: boolean } = {}) {
  const services = options.services ?? createTestServices();
  const result = render(
    <TestProviders services={services}>
      <MemoryRouter initialEntries={[options.path ?? '/']}>{ui}</MemoryRouter>
      {options.notices && <Notices />}
    </TestProviders>,
  );
  return { ...result, services };
}
