import { useLayoutEffect, useRef, type FocusEvent } from 'react';
import { useI18n } from '../../lib/i18n';
import type { Notice, NoticeHold } from '../../lib/notices';
import { CloseIcon } from './icons';
import './ui.css';

export interface NoticeStackProps {
  notices: readonly Notice[];
  onUndo: (id: number) => void;
  onDismiss: (id: number) => void;
  /** The person is on a notice (focus or pointer): it should not go away under them. */
  onHold: (id: number, by: NoticeHold) => void;
  /** The person left it. */
  onRelease: (id: number, by: NoticeHold) => void;
  /**
   * Where focus goes when the notice that had it goes away and no other notice is left, and the element the
   * person came from is gone too.
   */
  fallbackFocus?: () => HTMLElement | null;
}

function messageOf(notice: Notice, t: ReturnType<typeof useI18n>['t']): string {
  return notice.state === 'undoing' ? t('ui.undoing', { message: notice.message }) : notice.message;
}

/**
 * The notices of the last actions, newest last, in one polite live region that exists before any notice
 * does, so screen readers announce each one as it arrives, and each change of its words (undoing, undone, or
 * the refusal). When a notice with the focus in it goes (dismissed, or its "Undo" button gone once used),
 * focus moves to the next notice, or back where the person came from, never onto the page's body.
 */
export function NoticeStack({ notices, onUndo, onDismiss, onHold, onRelease, fallbackFocus }: NoticeStackProps) {
  const stackRef = useRef<HTMLDivElement>(null);
  /** The element with the focus, while the focus is in the stack. */
  const focusedRef = useRef<{ element: HTMLElement; noticeId: number } | null>(null);
  /** Where the focus was before it came into the stack. */
  const cameFromRef = useRef<HTMLElement | null>(null);
  /** The notices' order as last rendered, to find the neighbours of one that went. */
  const orderRef = useRef<number[]>([]);
  const { t } = useI18n();

  useLayoutEffect(() => {
    const previousOrder = orderRef.current;
    orderRef.current = notices.map((notice) => notice.id);
    const focused = focusedRef.current;
    const stack = stackRef.current;
    if (!focused || !stack) return;
    const active = document.activeElement;
    if (active && stack.contains(active)) return;
    focusedRef.current = null;
    // Still on the page, or focus is somewhere else: the person moved on themselves.
    if (focused.element.isConnected || (active !== null && active !== document.body)) return;

    // The element went with the focus. Its own notice if still there, else the next one, else the one before.
    const byId = (id: number) => stack.querySelector<HTMLElement>(`[data-notice-id="${id}"]`);
    const at = previousOrder.indexOf(focused.noticeId);
    const candidates = [
      focused.noticeId,
      ...previousOrder.slice(at + 1),
      ...previousOrder.slice(0, Math.max(at, 0)).reverse(),
    ];
    for (const id of candidates) {
      const button = byId(id)?.querySelector<HTMLElement>('button:not([aria-disabled="true"])');
      if (button) {
        button.focus();
        // React may not report a focus moved during its commit: note it here, as onFocus would.
        focusedRef.current = { element: button, noticeId: id };
        onHold(id, 'focus');
        return;
      }
    }
    const cameFrom = cameFromRef.current;
    const target = cameFrom?.isConnected ? cameFrom : (fallbackFocus?.() ?? null);
    target?.focus();
  }, [notices, fallbackFocus, onHold]);

  const onFocus = (noticeId: number) => (event: FocusEvent<HTMLElement>) => {
    const from = event.relatedTarget;
    const stack = stackRef.current;
    // Only a control outside the stack: not a notice, nor something around the stack.
    if (from instanceof HTMLElement && stack && !stack.contains(from) && !from.contains(stack)) cameFromRef.current = from;
    focusedRef.current = { element: event.target, noticeId };
    onHold(noticeId, 'focus');
  };

  const onBlur = (noticeId: number) => (event: FocusEvent<HTMLElement>) => {
    // Moving between the buttons of one notice keeps holding it.
    if (event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget)) return;
    onRelease(noticeId, 'focus');
  };

  return (
    <div ref={stackRef} className="ui-notices" role="status" aria-label={t('ui.notices')}>
      {notices.map((notice) => (
        <div
          key={notice.id}
          data-notice-id={notice.id}
          className={`ui-notice ui-notice--${notice.state}`}
          onFocus={onFocus(notice.id)}
          onBlur={onBlur(notice.id)}
          onPointerEnter={() => onHold(notice.id, 'pointer')}
          onPointerLeave={() => onRelease(notice.id, 'pointer')}
        >
          <p className="ui-notice-message">{messageOf(notice, t)}</p>
          {notice.undo && (notice.state === 'shown' || notice.state === 'undoing') && (
            <button
              type="button"
              className="ui-notice-undo"
              // aria-disabled, not disabled: the button keeps the focus while the undo runs.
              aria-disabled={notice.state === 'undoing' || undefined}
              onClick={() => {
                if (notice.state === 'shown') onUndo(notice.id);
              }}
            >
              {t('ui.undo')}
            </button>
          )}
          <button type="button" className="ui-notice-close" aria-label={t('ui.dismiss')} onClick={() => onDismiss(notice.id)}>
            <CloseIcon />
          </button>
        </div>
      ))}
    </div>
  );
}
