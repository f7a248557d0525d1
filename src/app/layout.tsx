import { Link, Navigate, Outlet, useLocation, useSearchParams } from 'react-router-dom';
import { LoginPage } from '../features/auth/LoginPage';
import { describeError } from './errors';
import { useIdentity } from './identity';
import { Notices } from './notices';
import { OfflineBanner } from './offline-banner';
import { safeNextPath, signInPath } from './navigation';
import { useFocusHeadingOnNavigation } from './page-focus';
import { PageTitle } from '../lib/theme';
import { ServerBrand } from './server-look';

/** Around every page: takes the focus to the page's heading when another page is navigated to. */
export function PageFocus() {
  useFocusHeadingOnNavigation();
  return <Outlet />;
}

/** Everything behind sign-in. Losing the identity (sign-out, or a 401 anywhere) lands on the sign-in page. */
export function ProtectedLayout() {
  const credentials = useIdentity((state) => state.credentials);
  const user = useIdentity((state) => state.user);
  const signOut = useIdentity((state) => state.signOut);
  const location = useLocation();

  if (!credentials) return <Navigate to={signInPath(location)} replace />;

  return (
    <>
      <header className="app-header">
        <Link to="/" className="app-name">
          <ServerBrand />
        </Link>
        <span className="app-identity">
          Signed in as <strong>{user?.displayName ?? credentials.account}</strong>
        </span>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      <OfflineBanner />
      {/* tabIndex -1: notices hand the focus back here when nothing closer is left (app/notices.tsx). */}
      <main className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
      <Notices />
    </>
  );
}

export function LoginRoute() {
  const credentials = useIdentity((state) => state.credentials);
  const signIn = useIdentity((state) => state.signIn);
  const [searchParams] = useSearchParams();

  // Signing in stores the identity; this redirect is what moves on to where the person was going.
  if (credentials) return <Navigate to={safeNextPath(searchParams.get('next'))} replace />;

  return (
    <>
      {/* Whose server this is, before anything is asked: its name and logo, as on Nextcloud's own login page. */}
      <header className="app-header">
        <span className="app-name">
          <ServerBrand />
        </span>
      </header>
      <main className="app-main app-main--narrow">
        <LoginPage onSignedIn={signIn} describeError={describeError} />
      </main>
    </>
  );
}

export function NotFoundPage() {
  return (
    <section aria-labelledby="not-found-heading">
      <PageTitle>Page not found</PageTitle>
      <h1 id="not-found-heading" tabIndex={-1}>
        Page not found
      </h1>
      <p>
        There is nothing at this address. <Link to="/">Back to the conversations</Link>
      </p>
    </section>
  );
}
