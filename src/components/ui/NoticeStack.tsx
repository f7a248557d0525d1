import type { Notice } from '../../lib/notices';
import './ui.css';

export interface NoticeStackProps {
  notices: readonly Notice[];
  onUndo: (id: number) => void;
  onDismiss: (id: number) => void;
  /** The person is on a notice (focus or pointer): it should not go away under them. */
  onHold: (id: number) => void;
}

/**
 * The notices of the last actions, newest last, in one polite live region that exists before any notice
 * does, so screen readers announce each one as it arrives.
 */
export function NoticeStack({ notices, onUndo, onDismiss, onHold }: NoticeStackProps) {
  return (
    <div className="ui-notices" role="status" aria-label="Notices">
      {notices.map((notice) => (
        <div
          key={notice.id}
          className={`ui-notice ui-notice--${notice.state}`}
          onFocus={() => onHold(notice.id)}
          onPointerEnter={() => onHold(notice.id)}
        >
          <p className="ui-notice-message">{notice.state === 'undoing' ? `Undoing: ${notice.message}` : notice.message}</p>
          {notice.undo && (notice.state === 'shown' || notice.state === 'undoing') && (
            <button
              type="button"
              className="ui-notice-undo"
              aria-disabled={notice.state === 'undoing' || undefined}
              onClick={() => {
                if (notice.state === 'shown') onUndo(notice.id);
              }}
            >
              Undo
            </button>
          )}
          <button type="button" className="ui-notice-close" aria-label="Dismiss" onClick={() => onDismiss(notice.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
