import { lazy, Suspense } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router-dom';
import { ConversationsPage } from '../features/rooms/ConversationsPage';
import { RouteErrorBoundary } from './errors';
import { LoginRoute, NotFoundPage, ProtectedLayout } from './layout';

// The roster page (virtualiser, menus, dialogs) is its own chunk, fetched when a conversation is opened.
const RoomPage = lazy(() => import('./room-page').then((module) => ({ default: module.RoomPage })));
// The join page is where guests land from a link: its own chunk, and no sign-in in front of it.
const CallPage = lazy(() => import('./call-page').then((module) => ({ default: module.CallPage })));

export const appRoutes: RouteObject[] = [
  { path: '/login', element: <LoginRoute />, errorElement: <RouteErrorBoundary /> },
  {
    path: '/call/:token',
    element: (
      <Suspense fallback={<p role="status">Loading the conversation…</p>}>
        <CallPage />
      </Suspense>
    ),
    errorElement: <RouteErrorBoundary />,
  },
  {
    element: <ProtectedLayout />,
    errorElement: <RouteErrorBoundary />,
    children: [
      {
        // Catches page errors below the layout, so the header (and "Sign out") stays usable.
        errorElement: <RouteErrorBoundary />,
        children: [
          { index: true, element: <ConversationsPage /> },
          {
            path: 'rooms/:token',
            element: (
              <Suspense fallback={<p role="status">Loading the conversation…</p>}>
                <RoomPage />
              </Suspense>
            ),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(appRoutes);
}
