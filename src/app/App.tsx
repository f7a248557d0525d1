import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router-dom';
import { TalkClientProvider } from '../lib/api';
import { DescribeErrorProvider } from '../lib/describe-error';
import { LanguageProvider } from '../lib/i18n';
import { describeError } from './errors';
import { ServerColours } from './server-look';
import type { AppServices } from './services';

export function App({ services }: { services: AppServices }) {
  return (
    <LanguageProvider>
      <QueryClientProvider client={services.queryClient}>
        <TalkClientProvider client={services.talkClient}>
          <DescribeErrorProvider describe={describeError}>
            <ServerColours />
            <RouterProvider router={services.router} />
          </DescribeErrorProvider>
        </TalkClientProvider>
      </QueryClientProvider>
    </LanguageProvider>
  );
}
