import { useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { Dialog } from '../../components/ui';
import { BAN_NOTE_MAX_LENGTH } from '../../lib/api';

export interface BanDialogProps {
  open: boolean;
  /** Who would be banned, as the roster shows them. */
  name: string;
  conversationName: string;
  /** The decision: the internal note to ban with, or null for "Cancel" (Escape, a click outside). */
  onDecision: (internalNote: string | null) => void;
  finalFocus?: HTMLElement | RefObject<HTMLElement | null> | null;
}

const countFormat = new Intl.NumberFormat('en');

/**
 * Asks before a ban, with an internal note for the other moderators (Talk keeps up to 4,000 characters). It only
 * answers; the roster bans and reports. Focus starts in the note, the one thing to fill in; Enter there makes a new
 * line, so only the "Ban" button bans.
 */
export function BanDialog({ open, name, conversationName, onDecision, finalFocus }: BanDialogProps) {
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
      title={`Ban ${name}?`}
      role="alertdialog"
      initialFocus={noteRef}
      finalFocus={finalFocus}
    >
      <form className="form" onSubmit={onSubmit} noValidate>
        <div className="ui-dialog-body">
          <p>
            {name} will be removed from “{conversationName}” and cannot join again until a moderator lifts the ban under
            “Bans”.
          </p>
        </div>
        <div className="field">
          <label htmlFor={noteId}>Internal note</label>
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
            Only moderators see it. {countFormat.format(note.length)} of {countFormat.format(BAN_NOTE_MAX_LENGTH)} characters
          </span>
          {tooLong && (
            <span id={errorId} className="field-error">
              The note is too long: shorten it to {countFormat.format(BAN_NOTE_MAX_LENGTH)} characters.
            </span>
          )}
        </div>
        <div className="ui-dialog-actions">
          <button type="button" onClick={() => onDecision(null)}>
            Cancel
          </button>
          <button type="submit" className="ui-button-danger">
            Ban
          </button>
        </div>
      </form>
    </Dialog>
  );
}
