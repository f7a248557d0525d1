import { useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useSearchParams } from 'react-router-dom';
import { useTalkClient } from '../lib/api';
import { LoginPage } from '../features/auth/LoginPage';
import { describeError } from './errors';
import { useIdentity } from './identity';
import { Notices } from './notices';
import { OfflineBanner } from './offline-banner';
import { safeNextPath, signInPath } from './navigation';
import { useFocusHeadingOnNavigation } from './page-focus';
import { signOutAndRevoke } from './sign-out';
import { LanguageChooser } from './language-chooser';
import { RichMessage, useI18n } from '../lib/i18n';
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
  const talk = useTalkClient();
  const [signingOut, setSigningOut] = useState(false);
  const location = useLocation();
  const { t } = useI18n();

  function signOut() {
    if (signingOut) return;
    setSigningOut(true);
    // The layout goes away with the identity; nothing to set back afterwards.
    void signOutAndRevoke(talk);
  }

  if (!credentials) return <Navigate to={signInPath(location)} replace />;

  return (
    <>
      <header className="app-header">
        <Link to="/" className="app-name">
          <ServerBrand />
        </Link>
        <span className="app-identity">
          <RichMessage
            id="app.signedInAs"
            values={{ name: user?.displayName ?? credentials.account }}
            components={{ 0: <strong /> }}
          />
        </span>
        <LanguageChooser />
        <button type="button" onClick={signOut} aria-busy={signingOut}>
          {t('app.signOut')}
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
  const signOutWarning = useIdentity((state) => state.signOutWarning);
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
        {/* Nothing else is in the header before signing in: the sign-in page offers the language here. */}
        <LanguageChooser />
      </header>
      <main className="app-main app-main--narrow">
        <LoginPage onSignedIn={signIn} describeError={describeError} notice={signOutWarning} />
      </main>
    </>
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="not-found-heading">
      <PageTitle>{t('app.notFound.heading')}</PageTitle>
      <h1 id="not-found-heading" tabIndex={-1}>
        {t('app.notFound.heading')}
      </h1>
      <p>
        <RichMessage id="app.notFound.text" components={{ 0: <Link to="/" /> }} />
      </p>
    </section>
  );
}
