import { useId } from 'react';
import { Dialog } from '../../components/ui';
import { useI18n } from '../../lib/i18n';
import type { NewConversationModel } from './useNewConversation';
import './rooms.css';

/** The "New conversation" form in a dialog: name, kind (group or public) and, for public ones, a password. */
export function NewConversationDialog(model: NewConversationModel) {
  const nameId = useId();
  const nameHintId = useId();
  const nameErrorId = useId();
  const kindId = useId();
  const passwordId = useId();
  const passwordHintId = useId();
  const errorId = useId();
  const isPublic = model.type === 'public';
  const { t } = useI18n();

  return (
    <Dialog open={model.isOpen} onClose={model.close} title={t('rooms.create.title')} className="rooms-dialog">
      <form className="form" onSubmit={model.submit} noValidate aria-describedby={model.errorMessage ? errorId : undefined}>
        <div className="field">
          <label htmlFor={nameId}>{t('rooms.create.name')}</label>
          <input
            id={nameId}
            name="name"
            autoComplete="off"
            required
            maxLength={model.nameMaxLength}
            value={model.name}
            onChange={(event) => model.setName(event.target.value)}
            aria-invalid={model.nameError ? true : undefined}
            aria-describedby={model.nameError ? `${nameErrorId} ${nameHintId}` : nameHintId}
          />
          <span id={nameHintId} className="field-hint">
            {t('rooms.create.nameLength', { length: model.name.length, max: model.nameMaxLength })}
          </span>
          {model.nameError && (
            <span id={nameErrorId} className="field-error">
              {model.nameError}
            </span>
          )}
        </div>

        <fieldset className="choice-group" role="radiogroup" aria-labelledby={kindId}>
          <legend id={kindId}>{t('rooms.create.kind')}</legend>
          <label className="choice">
            <input
              type="radio"
              name="kind"
              value="group"
              checked={model.type === 'group'}
              onChange={() => model.setType('group')}
            />
            {t('rooms.create.group')}
          </label>
          <label className="choice">
            <input
              type="radio"
              name="kind"
              value="public"
              checked={isPublic}
              onChange={() => model.setType('public')}
            />
            {t('rooms.create.public')}
          </label>
        </fieldset>

        {isPublic && (
          <div className="field">
            <label htmlFor={passwordId}>{t('rooms.create.password')}</label>
            <input
              id={passwordId}
              name="password"
              type="password"
              autoComplete="new-password"
              value={model.password}
              onChange={(event) => model.setPassword(event.target.value)}
              aria-describedby={passwordHintId}
            />
            <span id={passwordHintId} className="field-hint">
              {t('rooms.create.passwordHint')}
            </span>
          </div>
        )}

        {model.isCreating && <p role="status">{t('rooms.create.creating')}</p>}
        {model.errorMessage && (
          <p id={errorId} className="alert" role="alert">
            {model.errorMessage}
          </p>
        )}

        <div className="dialog-actions">
          <button type="button" onClick={model.close}>
            {t('rooms.cancel')}
          </button>
          <button type="submit" className="button-primary" disabled={model.isCreating} aria-busy={model.isCreating}>
            {t('rooms.create.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
