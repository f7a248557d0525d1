/**
 * `/call/:token`: where a conversation's link leads. Guests (no account) and signed-in people join from here, so
 * it lives outside the signed-in layout. Loaded lazily (router.tsx): the join feature stays out of the initial
 * JavaScript.
 */
import { Link, useLocation, useParams } from 'react-router-dom';
import { JoinConversation } from '../features/join';
import { useIdentity } from './identity';
import { signInPath } from './navigation';
import { RichMessage, useI18n } from '../lib/i18n';
import { ServerBrand } from './server-look';
import { OfflineBanner } from './offline-banner';

export function CallPage() {
  const { token = '' } = useParams();
  // Signed-in people join under their account; the page names them as the server does.
  const account = useIdentity((state) =>
    state.credentials ? (state.user?.displayName ?? state.credentials.account) : null,
  );
  const location = useLocation();
  const { t } = useI18n();

  return (
    <>
      <header className="app-header">
        {account ? (
          <>
            <Link to="/" className="app-name">
              <ServerBrand />
            </Link>
            <span className="app-identity">
              <RichMessage id="app.signedInAs" values={{ name: account }} components={{ 0: <strong /> }} />
            </span>
          </>
        ) : (
          <>
            <span className="app-name">
              <ServerBrand />
            </span>
            <Link to={signInPath(location)}>{t('app.signInWithAccount')}</Link>
          </>
        )}
      </header>
      {/* Guests too: a join that hangs on a lost connection says why. */}
      <OfflineBanner />
      <main className="app-main app-main--narrow">
        {/* Keyed by who is joining: signing in or out starts afresh, as that person. */}
        <JoinConversation key={`${token}\n${account ?? ''}`} token={token} account={account} />
      </main>
    </>
  );
}
