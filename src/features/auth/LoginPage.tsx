import { PageTitle } from '../../lib/theme';
import { useId, useRef, useState, type FormEvent } from 'react';
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

export interface LoginPageProps {
  /** Called with credentials the server accepted, and the account they belong to. */
  onSignedIn: (credentials: Credentials, user: CurrentUser) => void;
  /** Words for failures other than a rejected password (the app owns those). */
  describeError: (error: unknown) => string;
}

const WRONG_CREDENTIALS = 'Wrong account or password.';

/**
 * Asks the server who the credentials belong to, and for the room list (so a server without Talk fails here,
 * not later): a 401 means they are wrong.
 */
async function checkCredentials(talk: TalkClient, credentials: Credentials): Promise<CurrentUser> {
  const [user] = await Promise.all([getCurrentUser(talk, { credentials }), listConversations(talk, { credentials })]);
  return user;
}

export function LoginPage({ onSignedIn, describeError }: LoginPageProps) {
  const talk = useTalkClient();
  const [account, setAccount] = useState('');
  const [password, setPassword] = useState('');
  const headingId = useId();
  const accountId = useId();
  const passwordId = useId();
  const errorId = useId();
  const passwordField = useRef<HTMLInputElement>(null);

  const signIn = useMutation({
    mutationFn: (credentials: Credentials) => checkCredentials(talk, credentials),
    onSuccess: (user, credentials) => onSignedIn(credentials, user),
    // The field to fix (or, after a network failure, to press Enter in again), its text selected so that
    // typing replaces it; the message is its description, so it is read out with it.
    onError: () => {
      passwordField.current?.focus();
      passwordField.current?.select();
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The button stays enabled while the check runs (a disabled button drops the focus to the page).
    if (signIn.isPending) return;
    signIn.mutate({ account: account.trim(), password });
  }

  const errorMessage = signIn.isError
    ? signIn.error instanceof UnauthorizedError
      ? WRONG_CREDENTIALS
      : describeError(signIn.error)
    : null;

  return (
    <section className="sign-in" aria-labelledby={headingId}>
      <PageTitle>Sign in</PageTitle>
      <h1 id={headingId}>Sign in</h1>
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={accountId}>Account</label>
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
          <label htmlFor={passwordId}>Password</label>
          <input
            ref={passwordField}
            id={passwordId}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-invalid={signIn.error instanceof UnauthorizedError || undefined}
            aria-describedby={errorMessage ? errorId : undefined}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        {errorMessage && (
          <p id={errorId} className="alert" role="alert">
            {errorMessage}
          </p>
        )}
        <button type="submit" className="button-primary" aria-disabled={signIn.isPending} aria-busy={signIn.isPending}>
          Sign in
        </button>
      </form>
    </section>
  );
}
