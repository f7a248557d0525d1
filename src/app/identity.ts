import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { Credentials, CurrentUser } from '../lib/api';

interface IdentityState {
  /** Who is signed in; null when nobody is. */
  credentials: Credentials | null;
  /** The account behind the credentials, as the server names it; null when nobody is signed in. */
  user: CurrentUser | null;
  signIn(credentials: Credentials, user: CurrentUser): void;
  signOut(): void;
}

/**
 * The signed-in identity, and nothing else. Talk authenticates every request with HTTP Basic, so the
 * password has to be kept; sessionStorage keeps it to this tab and forgets it when the tab closes, where
 * localStorage would keep it on disk indefinitely.
 */
export const useIdentity = create<IdentityState>()(
  persist(
    (set) => ({
      credentials: null,
      user: null,
      signIn: (credentials, user) => set({ credentials, user }),
      signOut: () => set({ credentials: null, user: null }),
    }),
    {
      name: 'rollcall.identity',
      storage: createJSONStorage(() => sessionStorage),
      partialize: ({ credentials, user }) => ({ credentials, user }),
    },
  ),
);
