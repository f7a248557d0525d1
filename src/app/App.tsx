import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router-dom';
import { TalkClientProvider } from '../lib/api';
import type { AppServices } from './services';

export function App({ services }: { services: AppServices }) {
  return (
    <QueryClientProvider client={services.queryClient}>
      <TalkClientProvider client={services.talkClient}>
        <RouterProvider router={services.router} />
      </TalkClientProvider>
    </QueryClientProvider>
  );
}
