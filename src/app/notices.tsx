import { useEffect } from 'react';
import { NoticeStack } from '../components/ui';
import { useNotices } from '../lib/notices';

/** Shows the notices of the whole app and lets each go when its time is up. */
export function Notices() {
  const notices = useNotices((state) => state.notices);
  const { undo, dismiss, hold } = useNotices.getState();

  useEffect(() => {
    if (notices.length === 0) return;
    const next = Math.min(...notices.map((notice) => notice.expiresAt));
    if (!Number.isFinite(next)) return;
    const timer = setTimeout(() => {
      const now = Date.now();
      for (const notice of useNotices.getState().notices) if (notice.expiresAt <= now) dismiss(notice.id);
    }, Math.max(0, next - Date.now()));
    return () => clearTimeout(timer);
  }, [notices, dismiss]);

  return <NoticeStack notices={notices} onUndo={(id) => void undo(id)} onDismiss={dismiss} onHold={hold} />;
}
