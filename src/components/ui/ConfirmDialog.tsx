import { useRef, type ReactNode, type RefObject } from 'react';
import { useI18n } from '../../lib/i18n';
import { Dialog } from './Dialog';

export interface ConfirmDialogProps {
  open: boolean;
  /** The question, e.g. "Remove Bob?". */
  title: ReactNode;
  /** What will happen, in words. */
  children?: ReactNode;
  /** The verb of the action, repeated on the confirm button: "Remove", "Leave". */
  confirmLabel: string;
  cancelLabel?: string;
  /** Destructive actions get the danger style. */
  tone?: 'danger' | 'default';
  /** The decision: true to go ahead. Escape and a click outside are `false`. The caller runs the action. */
  onDecision: (confirmed: boolean) => void;
  finalFocus?: HTMLElement | RefObject<HTMLElement | null> | null;
}

/**
 * Asks before something that cannot be undone. It only returns a decision: the caller runs the mutation and
 * shows its progress and outcome. Focus starts on the cancel button, the harmless choice.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel,
  tone = 'danger',
  onDecision,
  finalFocus,
}: ConfirmDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const { t } = useI18n();

  return (
    <Dialog
      open={open}
      onClose={() => onDecision(false)}
      title={title}
      role="alertdialog"
      initialFocus={cancelRef}
      finalFocus={finalFocus}
    >
      {children !== undefined && <div className="ui-dialog-body">{children}</div>}
      <div className="ui-dialog-actions">
        <button ref={cancelRef} type="button" onClick={() => onDecision(false)}>
          {cancelLabel ?? t('ui.cancel')}
        </button>
        <button
          type="button"
          className={tone === 'danger' ? 'ui-button-danger' : 'button-primary'}
          onClick={() => onDecision(true)}
        >
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
