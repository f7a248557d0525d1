import { PageTitle } from '../../lib/theme';
import { useEffect, useId, useRef, type FormEvent, type RefObject } from 'react';
import { Dialog } from '../../components/ui';
import { RichMessage, useI18n } from '../../lib/i18n';
import { formatCountdown, formatStart } from './countdown';
import type { FieldState, JoinPageModel, JoinPhase, RenameModel } from './useJoinPage';
import { useJoinPage } from './useJoinPage';
import './join.css';

/** A text field with its limit shown before anything is submitted, and the reason it is not accepted. */
function NameField({
  label,
  field,
  inputRef,
}: {
  label: string;
  field: FieldState & { maxLength: number; length: number };
  inputRef: RefObject<HTMLInputElement | null>;
}) {
  const id = useId();
  const hintId = useId();
  const errorId = useId();
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        ref={inputRef}
        id={id}
        name="displayName"
        autoComplete="nickname"
        required
        value={field.value}
        onChange={(event) => field.onChange(event.target.value)}
        aria-invalid={field.error ? true : undefined}
        aria-describedby={field.error ? `${errorId} ${hintId}` : hintId}
      />
      <span id={hintId} className="field-hint">
        {t('join.nameLength', { length: field.length, max: field.maxLength })}
      </span>
      {field.error && (
        <span id={errorId} className="field-error">
          {field.error}
        </span>
      )}
    </div>
  );
}

function JoinForm(model: JoinPageModel) {
  const nameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const passwordId = useId();
  const passwordErrorId = useId();
  const errorId = useId();
  const { t } = useI18n();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const invalid = model.submit();
    if (invalid === 'name') nameRef.current?.focus();
    if (invalid === 'password') passwordRef.current?.focus();
  }

  // A refused password is typed again: the field gets the focus (the name stays as it was).
  const { passwordRefusedAt } = model;
  useEffect(() => {
    if (passwordRefusedAt !== null) passwordRef.current?.focus();
  }, [passwordRefusedAt]);

  return (
    <form className="form call-form" onSubmit={onSubmit} noValidate aria-describedby={model.joinError ? errorId : undefined}>
      {model.isGuest ? (
        <NameField label={t('join.yourName')} field={model.name} inputRef={nameRef} />
      ) : (
        <p className="call-identity">
          <RichMessage id="join.withAccount" values={{ account: model.account }} components={{ 0: <strong /> }} />
        </p>
      )}

      {model.password && (
        <div className="field">
          <label htmlFor={passwordId}>{t('join.password')}</label>
          <input
            ref={passwordRef}
            id={passwordId}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={model.password.value}
            onChange={(event) => model.password?.onChange(event.target.value)}
            aria-invalid={model.password.error ? true : undefined}
            aria-describedby={model.password.error ? passwordErrorId : undefined}
          />
          {model.password.error && (
            <span id={passwordErrorId} className="field-error">
              {model.password.error}
            </span>
          )}
        </div>
      )}

      {/* Always in the page, so screen readers announce what changes in it. */}
      <p role="status" className="status-text call-status">
        {model.isJoining ? t('join.joining') : (model.notice ?? '')}
      </p>
      {model.joinError && (
        <p id={errorId} className="alert" role="alert">
          {model.joinError}
        </p>
      )}

      <button type="submit" className="button-primary call-primary" disabled={model.isJoining} aria-busy={model.isJoining}>
        {t('join.join')}
      </button>
    </form>
  );
}

function ConnectionStatus({ connection }: { connection: JoinPageModel['connection'] }) {
  const { t } = useI18n();
  return (
    <p role="status" className="status-text call-status call-connection">
      {connection === 'reconnecting' ? t('join.reconnectingLong') : ''}
    </p>
  );
}

function SessionActions(model: JoinPageModel) {
  const { t } = useI18n();
  return (
    <>
      <div className="call-actions">
        {model.rename.available && (
          <button type="button" onClick={model.rename.open}>
            {t('join.changeName')}
          </button>
        )}
        <button type="button" onClick={model.leave} disabled={model.isLeaving} aria-busy={model.isLeaving}>
          {t('join.leave')}
        </button>
      </div>
      <p role="status" className="status-text call-status">
        {model.isLeaving ? t('join.leaving') : ''}
      </p>
      {model.leaveError && (
        <p className="alert" role="alert">
          {model.leaveError}
        </p>
      )}
    </>
  );
}

function LobbyWait({ model, phase }: { model: JoinPageModel; phase: Extract<JoinPhase, { kind: 'lobby' }> }) {
  const headingId = useId();
  const { opensAt, remainingMs } = phase;
  const { t } = useI18n();
  return (
    <section aria-labelledby={headingId} className="call-lobby">
      <h2 id={headingId}>{t('join.lobby.heading')}</h2>
      {opensAt !== null && remainingMs !== null && (
        <div className="call-schedule">
          <p>
            <RichMessage
              id="join.lobby.scheduled"
              values={{ start: formatStart(opensAt) }}
              components={{ 0: <time dateTime={new Date(opensAt).toISOString()} /> }}
            />
          </p>
          <p>
            <RichMessage
              id="join.lobby.startsIn"
              values={{ countdown: formatCountdown(remainingMs) }}
              components={{ 0: <span role="timer" className="call-countdown" /> }}
            />
          </p>
        </div>
      )}
      <p>
        {t('join.lobby.text')}
      </p>
      <p className="call-identity">{t('join.lobby.waitingAs', { name: model.joinedAs })}</p>
      <ConnectionStatus connection={model.connection} />
      <SessionActions {...model} />
    </section>
  );
}

function ChangeNameDialog({ rename }: { rename: RenameModel }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const errorId = useId();
  const { t } = useI18n();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (rename.submit()) inputRef.current?.focus();
  }

  return (
    <Dialog open={rename.isOpen} onClose={rename.close} title={t('join.rename.title')} initialFocus={inputRef}>
      <form className="form" onSubmit={onSubmit} noValidate aria-describedby={rename.saveError ? errorId : undefined}>
        <NameField label={t('join.yourName')} field={rename.name} inputRef={inputRef} />
        <p role="status" className="status-text call-status">
          {rename.isSaving ? t('join.rename.saving') : ''}
        </p>
        {rename.saveError && (
          <p id={errorId} className="alert" role="alert">
            {rename.saveError}
          </p>
        )}
        <div className="ui-dialog-actions">
          <button type="button" onClick={rename.close}>
            {t('join.cancel')}
          </button>
          <button type="submit" className="button-primary" disabled={rename.isSaving} aria-busy={rename.isSaving}>
            {t('join.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function ConflictDialog({ open, decide }: { open: boolean; decide: (joinHere: boolean) => void }) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const { t } = useI18n();
  return (
    <Dialog
      open={open}
      onClose={() => decide(false)}
      title={t('join.conflict.title')}
      description={t('join.conflict.text')}
      // The harmless choice first.
      initialFocus={cancelRef}
    >
      <div className="ui-dialog-actions">
        <button ref={cancelRef} type="button" onClick={() => decide(false)}>
          {t('join.cancel')}
        </button>
        <button type="button" className="button-primary" onClick={() => decide(true)}>
          {t('join.conflict.joinHere')}
        </button>
      </div>
    </Dialog>
  );
}

function PhaseContent(model: JoinPageModel) {
  const { phase } = model;
  const { t } = useI18n();
  switch (phase.kind) {
    case 'loading':
      return <p role="status">{t('join.loading')}</p>;
    case 'unavailable':
      return (
        <div className="error-panel" role="alert">
          <p>{phase.message}</p>
          {phase.retrying && <p className="status-text call-status">{t('join.reconnecting')}</p>}
          {phase.canRetry && !phase.retrying && (
            <button type="button" onClick={model.retryLoad}>
              {t('join.tryAgain')}
            </button>
          )}
        </div>
      );
    case 'form':
      return <JoinForm {...model} />;
    case 'lobby':
      return <LobbyWait model={model} phase={phase} />;
    case 'joined':
      return (
        <>
          <p className="call-joined">{t('join.joinedAs', { name: model.joinedAs })}</p>
          <ConnectionStatus connection={model.connection} />
          <SessionActions {...model} />
        </>
      );
    case 'banned':
      return (
        <div className="error-panel" role="alert">
          <p>{phase.message}</p>
          <p>{t('join.banLift')}</p>
        </div>
      );
    case 'ended':
      return (
        <>
          <p className="alert" role="alert">
            {phase.message}
          </p>
          <div className="call-actions">
            <button type="button" className="button-primary" onClick={model.joinAgain}>
              {t('join.joinAgain')}
            </button>
          </div>
        </>
      );
  }
}

/**
 * The join page (`/call/:token`): the conversation's name, then whichever screen applies, the join form, the
 * lobby, "You joined as NAME", or why the session ended. Dumb: everything comes from the model.
 */
export function JoinPageView(model: JoinPageModel) {
  const headingId = useId();
  const panelRef = useRef<HTMLDivElement>(null);
  const previousPhase = useRef(model.phase.kind);
  const { t } = useI18n();

  // The screen changed under the person (joined, let in, session ended, left): focus follows, so keyboard and
  // screen reader users are where the new content is. The first screen of the page keeps the browser's focus.
  const phaseKind = model.phase.kind;
  useEffect(() => {
    const previous = previousPhase.current;
    previousPhase.current = phaseKind;
    if (previous === phaseKind || previous === 'loading' || previous === 'unavailable') return;
    panelRef.current?.focus();
  }, [phaseKind]);

  return (
    <section className="call-page" aria-labelledby={headingId}>
      <PageTitle>{model.conversationName ?? t('join.title')}</PageTitle>
      <h1 id={headingId} className="call-name">
        {model.conversationName ?? t('join.title')}
      </h1>
      <div ref={panelRef} tabIndex={-1} className="call-panel">
        <PhaseContent {...model} />
      </div>
      <ConflictDialog open={model.conflictOpen} decide={model.decideConflict} />
      <ChangeNameDialog rename={model.rename} />
    </section>
  );
}

/** Joining one conversation, as a guest (`account` null) or under the signed-in account (`account`: its name). */
export function JoinConversation({ token, account }: { token: string; account: string | null }) {
  return <JoinPageView {...useJoinPage(token, account)} />;
}
