import { useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { Dialog } from '../../components/ui';
import { BAN_NOTE_MAX_LENGTH } from '../../lib/api';
import { useI18n } from '../../lib/i18n';

export interface BanDialogProps {
  open: boolean;
  /** Who would be banned, as the roster shows them. */
  name: string;
  conversationName: string;
  /** The decision: the internal note to ban with, or null for "Cancel" (Escape, a click outside). */
  onDecision: (internalNote: string | null) => void;
  finalFocus?: HTMLElement | RefObject<HTMLElement | null> | null;
}

/**
 * Asks before a ban, with an internal note for the other moderators (Talk keeps up to 4,000 characters). It only
 * answers; the roster bans and reports. Focus starts in the note, the one thing to fill in; Enter there makes a new
 * line, so only the "Ban" button bans.
 */
export function BanDialog({ open, name, conversationName, onDecision, finalFocus }: BanDialogProps) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const noteId = useId();
  const hintId = useId();
  const errorId = useId();
  // maxLength stops typing and pasting at the limit; a note that got longer anyway (a script, an old browser) is
  // refused here with the reason rather than by the server.
  const tooLong = note.length > BAN_NOTE_MAX_LENGTH;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (tooLong) {
      noteRef.current?.focus();
      return;
    }
    onDecision(note.trim());
  }

  return (
    <Dialog
      open={open}
      onClose={() => onDecision(null)}
      title={t('roster.ban.title', { name })}
      role="alertdialog"
      initialFocus={noteRef}
      finalFocus={finalFocus}
    >
      <form className="form" onSubmit={onSubmit} noValidate>
        <div className="ui-dialog-body">
          <p>{t('roster.ban.text', { name, conversation: conversationName })}</p>
        </div>
        <div className="field">
          <label htmlFor={noteId}>{t('roster.ban.note')}</label>
          <textarea
            ref={noteRef}
            id={noteId}
            value={note}
            rows={3}
            maxLength={BAN_NOTE_MAX_LENGTH}
            onChange={(event) => setNote(event.target.value)}
            aria-invalid={tooLong || undefined}
            aria-describedby={tooLong ? `${errorId} ${hintId}` : hintId}
          />
          <span id={hintId} className="field-hint">
            {t('roster.ban.noteHint', { length: note.length, max: BAN_NOTE_MAX_LENGTH })}
          </span>
          {tooLong && (
            <span id={errorId} className="field-error">
              {t('roster.ban.tooLong', { max: BAN_NOTE_MAX_LENGTH })}
            </span>
          )}
        </div>
        <div className="ui-dialog-actions">
          <button type="button" onClick={() => onDecision(null)}>
            {t('ui.cancel')}
          </button>
          <button type="submit" className="ui-button-danger">
            {t('roster.ban.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
