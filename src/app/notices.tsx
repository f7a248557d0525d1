import { useEffect } from 'react';
// Straight from its file: the barrel would pull Ariakit's dialogs and menus into the first page's JavaScript.
import { NoticeStack } from '../components/ui/NoticeStack';
import { useNotices } from '../lib/notices';

/** When nothing else is left to take it: the page's content (focusable from script only, see layout.tsx). */
const pageContent = () => document.querySelector<HTMLElement>('main');

/** Shows the notices of the whole app and lets each go when its time is up. */
export function Notices() {
  const notices = useNotices((state) => state.notices);
  const { undo, dismiss, hold, release, expire } = useNotices.getState();

  useEffect(() => {
    if (notices.length === 0) return;
    const next = Math.min(...notices.map((notice) => notice.expiresAt));
    // Held and undoing notices have no time: the next change of the notices sets the timer again.
    if (!Number.isFinite(next)) return;
    const timer = setTimeout(() => expire(Date.now()), Math.max(0, next - Date.now()));
    return () => clearTimeout(timer);
  }, [notices, expire]);

  return (
    <NoticeStack
      notices={notices}
      onUndo={(id) => void undo(id)}
      onDismiss={dismiss}
      onHold={hold}
      onRelease={release}
      fallbackFocus={pageContent}
    />
  );
}
