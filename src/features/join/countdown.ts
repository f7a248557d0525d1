/** The lobby's scheduled start, in the person's local time, and the time left until then, in the UI's language. */
import { formatDate, translate } from '../../lib/i18n';

/** An instant in the person's own time zone, written the way the UI's language writes dates and times. */
export function formatStart(epochMs: number): string {
  return formatDate(epochMs, { dateStyle: 'full', timeStyle: 'short' });
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * Time left, to the second, rounded up (so "00:01" shows until the very end): "2 days, 03:04:05",
 * "1 day, 00:00:10", "03:04:05", "04:05"; "now" once it is over.
 */
export function formatCountdown(remainingMs: number): string {
  if (remainingMs <= 0) return translate('join.countdown.now');
  const totalSeconds = Math.ceil(remainingMs / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const clock = days > 0 || hours > 0 ? `${pad(hours)}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`;
  if (days === 0) return clock;
  return translate('join.countdown.days', { days, clock });
}

