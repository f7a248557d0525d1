import { createBrowserRouter, type RouteObject } from 'react-router-dom';
import { ConversationsPage } from '../features/rooms/ConversationsPage';
import { RouteErrorBoundary } from './errors';
import { LoginRoute, NotFoundPage, ProtectedLayout } from './layout';

export const appRoutes: RouteObject[] = [
  { path: '/login', element: <LoginRoute />, errorElement: <RouteErrorBoundary /> },
  {
    element: <ProtectedLayout />,
    errorElement: <RouteErrorBoundary />,
    children: [
      {
        // Catches page errors below the layout, so the header (and "Sign out") stays usable.
        errorElement: <RouteErrorBoundary />,
        children: [
          { index: true, element: <ConversationsPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(appRoutes);
}
