import { lazy, Suspense } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router-dom';
import { ConversationsPage } from '../features/rooms/ConversationsPage';
import { RouteErrorBoundary } from './errors';
import { LoginRoute, NotFoundPage, PageFocus, ProtectedLayout } from './layout';
import type { RoutePrefetch } from './prefetch';
import { LoadingStatus } from './loading-status';

const loadRoomPage = () => import('./room-page');
// The roster page (virtualiser, menus, dialogs) is its own chunk, fetched when a conversation is opened.
const RoomPage = lazy(() => loadRoomPage().then((module) => ({ default: module.RoomPage })));
// The join page is where guests land from a link: its own chunk, and no sign-in in front of it.
const CallPage = lazy(() => import('./call-page').then((module) => ({ default: module.CallPage })));

/**
 * The app's routes. Their loaders wait for nothing: they start what the page will ask for (its data, its chunk)
 * the moment the address is known, all at once, so nothing waits for the component that asks for the next thing.
 */
export function createAppRoutes(prefetch: RoutePrefetch): RouteObject[] {
  return [
    {
      element: <PageFocus />,
      // Shown only until the first page's loaders have returned, which they do at once (they wait for nothing).
      hydrateFallbackElement: <LoadingStatus what="app.loading" />,
      children: [
        { path: '/login', element: <LoginRoute />, errorElement: <RouteErrorBoundary /> },
        {
          path: '/call/:token',
          element: (
            <Suspense fallback={<LoadingStatus what="app.loadingConversation" />}>
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
                {
                  index: true,
                  element: <ConversationsPage />,
                  loader: () => {
                    prefetch.conversations();
                    return null;
                  },
                },
                {
                  path: 'rooms/:token',
                  element: (
                    <Suspense fallback={<LoadingStatus what="app.loadingConversation" />}>
                      <RoomPage />
                    </Suspense>
                  ),
                  loader: ({ params }) => {
                    void loadRoomPage();
                    prefetch.conversation(params.token ?? '');
                    return null;
                  },
                },
                { path: '*', element: <NotFoundPage /> },
              ],
            },
          ],
        },
      ],
    },
  ];
}

export function createAppRouter(routes: RouteObject[]) {
  return createBrowserRouter(routes);
}
