import type { KeyboardEvent as ReactKeyboardEvent, ReactNode, RefObject } from 'react';
import * as Ariakit from '@ariakit/react';
import { useI18n } from '../../lib/i18n';
import { CloseIcon } from './icons';
import './ui.css';

export interface DialogProps {
  open: boolean;
  /** Escape, a click outside or the close button: the caller decides what closing means. */
  onClose: () => void;
  /** The dialog's heading and accessible name. */
  title: ReactNode;
  /** Optional text under the heading; becomes the dialog's accessible description. */
  description?: ReactNode;
  children?: ReactNode;
  /** The element focused on open; by default the first tabbable element inside. */
  initialFocus?: RefObject<HTMLElement | null>;
  /** The element focused on close; by default the one that had focus when the dialog opened. */
  finalFocus?: HTMLElement | RefObject<HTMLElement | null> | null;
  /** `alertdialog` for questions that interrupt (confirmations). */
  role?: 'dialog' | 'alertdialog';
  /** Shows a close button (a cross) in the corner; the visually hidden one Ariakit adds is always there. */
  closeButton?: boolean;
  className?: string;
}

/** Escape key presses that began in a field whose popup was open, noted before anything handled them. */
const escapesForPopups = new WeakSet<Event>();

function notePopupEscape(event: ReactKeyboardEvent) {
  const target = event.target;
  if (event.key === 'Escape' && target instanceof Element && target.getAttribute('aria-expanded') === 'true') {
    escapesForPopups.add(event.nativeEvent);
  }
}

/**
 * Escape pressed in a field whose popup is open (a combobox's suggestions, a menu button's menu) closes that
 * popup only; the next Escape closes the dialog. Otherwise one key press would also drop everything typed in
 * the dialog. The popup is already closed when the dialog is asked, hence the note taken on the way down.
 */
function escapeClosesDialog(event: KeyboardEvent | ReactKeyboardEvent): boolean {
  const nativeEvent = 'nativeEvent' in event ? event.nativeEvent : event;
  return !escapesForPopups.has(nativeEvent);
}

/**
 * A modal dialog: focus moves in on open, stays inside (Tab wraps) and returns on close; the rest of the page
 * is inert; Escape closes. Rendered in a portal, and not at all while closed.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  initialFocus,
  finalFocus,
  role = 'dialog',
  closeButton = false,
  className,
}: DialogProps) {
  const { t } = useI18n();
  return (
    <Ariakit.Dialog
      open={open}
      onClose={onClose}
      role={role}
      hideOnEscape={escapeClosesDialog}
      onKeyDownCapture={notePopupEscape}
      unmountOnHide
      initialFocus={initialFocus}
      finalFocus={finalFocus}
      backdrop={<div className="ui-dialog-backdrop" />}
      className={className ? `ui-dialog ${className}` : 'ui-dialog'}
    >
      <div className="ui-dialog-header">
        <Ariakit.DialogHeading className="ui-dialog-title">{title}</Ariakit.DialogHeading>
        {closeButton && (
          <Ariakit.DialogDismiss className="ui-dialog-close" aria-label={t('ui.close')}>
            <CloseIcon />
          </Ariakit.DialogDismiss>
        )}
      </div>
      {description !== undefined && (
        <Ariakit.DialogDescription className="ui-dialog-description">{description}</Ariakit.DialogDescription>
      )}
      {children}
    </Ariakit.Dialog>
  );
}
