import { PageTitle } from '../../lib/theme';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import {
  UnauthorizedError,
  getCurrentUser,
  listConversations,
  useTalkClient,
  type Credentials,
  type CurrentUser,
  type TalkClient,
} from '../../lib/api';
import { useLoginFlow, type LoginFlowState } from './use-login-flow';
import { translate, useI18n } from '../../lib/i18n';

export interface LoginPageProps {
  /**
   * Called with credentials the server accepted, and the account they belong to; `viaLoginFlow` when they are
   * an app password this page obtained (Login Flow v2), which signing out should revoke.
   */
  onSignedIn: (credentials: Credentials, user: CurrentUser, how: { viaLoginFlow: boolean }) => void;
  /** Words for failures other than a rejected password (the app owns those). */
  describeError: (error: unknown) => string;
  /** Something the person should know on arriving here (a sign-out that left something behind). */
  notice?: string | null;
}

/**
 * Asks the server who the credentials belong to, and for the room list (so a server without Talk fails here,
 * not later): a 401 means they are wrong.
 */
async function checkCredentials(talk: TalkClient, credentials: Credentials): Promise<CurrentUser> {
  const [user] = await Promise.all([getCurrentUser(talk, { credentials }), listConversations(talk, { credentials })]);
  return user;
}

/** Why a Login Flow ended without signing in, in words; null while it has not. */
function flowEnding(state: LoginFlowState, describeError: (error: unknown) => string): string | null {
  switch (state.step) {
    case 'failed':
      return describeError(state.error);
    case 'expired':
      return translate('auth.flowExpired');
    case 'window-closed':
      return translate('auth.flowWindowClosed');
    default:
      return null;
  }
}

export function LoginPage({ onSignedIn, describeError, notice }: LoginPageProps) {
  const talk = useTalkClient();
  const [account, setAccount] = useState('');
  const [password, setPassword] = useState('');
  const headingId = useId();
  const accountId = useId();
  const passwordId = useId();
  const errorId = useId();
  const passwordField = useRef<HTMLInputElement>(null);
  const { t } = useI18n();

  const signIn = useMutation({
    mutationFn: ({ credentials }: { credentials: Credentials; viaLoginFlow: boolean }) => checkCredentials(talk, credentials),
    onSuccess: (user, { credentials, viaLoginFlow }) => onSignedIn(credentials, user, { viaLoginFlow }),
  });
  const loginFlow = useLoginFlow((credentials) => signIn.mutate({ credentials, viaLoginFlow: true }));
  const flowStep = loginFlow.state.step;
  const popupBlocked = loginFlow.state.step === 'waiting' && loginFlow.state.popupBlocked;
  const nextcloudButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const blockedLink = useRef<HTMLAnchorElement>(null);
  // The pressed button is replaced while the flow waits: the focus goes to what can be done next (the link
  // when the window was blocked, else "Cancel"), and back to the button when the wait ends without a grant.
  const previousStep = useRef(flowStep);
  useEffect(() => {
    const before = previousStep.current;
    previousStep.current = flowStep;
    if (before === flowStep) return;
    if (flowStep === 'waiting') (popupBlocked ? blockedLink : cancelButton).current?.focus();
    if (before === 'waiting' && flowStep !== 'waiting') nextcloudButton.current?.focus();
    if (flowStep === 'failed') nextcloudButton.current?.focus();
  }, [flowStep, popupBlocked]);

  // After a refusal, the field to fix (or, after a network failure, to press Enter in again), its text selected
  // so that typing replaces it. Once the refusal is on screen: the message is the field's description, and
  // focusing the field before it is there would read the field out without it.
  const refusedAt = signIn.isError && !signIn.variables.viaLoginFlow ? signIn.submittedAt : null;
  useEffect(() => {
    if (refusedAt === null) return;
    passwordField.current?.focus();
    passwordField.current?.select();
  }, [refusedAt]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The button stays enabled while the check runs (a disabled button drops the focus to the page).
    if (signIn.isPending) return;
    signIn.mutate({ credentials: { account: account.trim(), password }, viaLoginFlow: false });
  }

  const errorMessage = signIn.isError
    ? signIn.error instanceof UnauthorizedError
      ? t('auth.wrongCredentials')
      : describeError(signIn.error)
    : null;
  const formError = signIn.variables?.viaLoginFlow ? null : errorMessage;
  const flowError = flowEnding(loginFlow.state, describeError) ?? (signIn.variables?.viaLoginFlow ? errorMessage : null);

  return (
    <section className="sign-in" aria-labelledby={headingId}>
      <PageTitle>{t('auth.heading')}</PageTitle>
      <h1 id={headingId}>{t('auth.heading')}</h1>
      {notice && (
        <p className="alert" role="status">
          {notice}
        </p>
      )}
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={accountId}>{t('auth.account')}</label>
          <input
            id={accountId}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={account}
            onChange={(event) => setAccount(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={passwordId}>{t('auth.password')}</label>
          <input
            ref={passwordField}
            id={passwordId}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-invalid={(!signIn.variables?.viaLoginFlow && signIn.error instanceof UnauthorizedError) || undefined}
            aria-describedby={formError ? errorId : undefined}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        {formError && (
          <p id={errorId} className="alert" role="alert">
            {formError}
          </p>
        )}
        <button type="submit" className="button-primary" aria-disabled={signIn.isPending} aria-busy={signIn.isPending}>
          {t('auth.submit')}
        </button>
      </form>
      <div className="sign-in-nextcloud">
        <p>{t('auth.nextcloudIntro')}</p>
        {/* Always in the page, so that a screen reader announces the wait when it starts. */}
        <p role="status">
          {flowStep === 'waiting'
            ? t('auth.flowWaiting')
            : signIn.isPending && signIn.variables.viaLoginFlow
              ? t('auth.flowGranted')
              : ''}
        </p>
        {popupBlocked && loginFlow.state.step === 'waiting' && (
          <p className="alert" role="alert">
            {t('auth.popupBlocked')}{' '}
            <a ref={blockedLink} href={loginFlow.state.flow.loginUrl} target="_blank" rel="noopener noreferrer">
              {t('auth.openLoginPage')}
            </a>
          </p>
        )}
        {flowStep === 'waiting' ? (
          <button ref={cancelButton} type="button" onClick={loginFlow.cancel}>
            {t('auth.cancel')}
          </button>
        ) : (
          <button
            ref={nextcloudButton}
            type="button"
            onClick={loginFlow.start}
            aria-disabled={flowStep === 'starting' || undefined}
            aria-busy={flowStep === 'starting' || (signIn.isPending && signIn.variables.viaLoginFlow)}
          >
            {t('auth.signInWithNextcloud')}
          </button>
        )}
        {flowError && (
          <p className="alert" role="alert">
            {flowError}
          </p>
        )}
      </div>
    </section>
  );
}
