import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { Credentials, CurrentUser } from '../lib/api';

interface IdentityState {
  /** Who is signed in; null when nobody is. */
  credentials: Credentials | null;
  /** The account behind the credentials, as the server names it; null when nobody is signed in. */
  user: CurrentUser | null;
  /**
   * The password is an app password this app obtained itself (Login Flow v2), so signing out revokes it. An app
   * password typed into the form is not: scripts may share it.
   */
  viaLoginFlow: boolean;
  /** Shown on the sign-in page after a sign-out that could not revoke the app password; not kept across loads. */
  signOutWarning: string | null;
  signIn(credentials: Credentials, user: CurrentUser, how?: { viaLoginFlow: boolean }): void;
  signOut(warning?: string): void;
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
      viaLoginFlow: false,
      signOutWarning: null,
      signIn: (credentials, user, how) =>
        set({ credentials, user, viaLoginFlow: how?.viaLoginFlow ?? false, signOutWarning: null }),
      signOut: (warning) => set({ credentials: null, user: null, viaLoginFlow: false, signOutWarning: warning ?? null }),
    }),
    {
      name: 'rollcall.identity',
      storage: createJSONStorage(() => sessionStorage),
      partialize: ({ credentials, user, viaLoginFlow }) => ({ credentials, user, viaLoginFlow }),
    },
  ),
);
