import { formatDate } from '../../lib/i18n';

/**
 * `<input type="datetime-local">` speaks "YYYY-MM-DDTHH:mm" in the person's own time zone, without an offset;
 * the API speaks instants. These convert between the two.
 */

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** The input's value for an instant, in local time, to the minute. */
export function toLocalInputValue(epochMs: number): string {
  const date = new Date(epochMs);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant an input's value means, or null when it is empty or incomplete. Built from its parts rather
 * than `Date.parse`, whose reading of offset-less strings has differed between engines.
 */
export function fromLocalInputValue(value: string): number | null {
  const match = LOCAL_DATE_TIME.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(year, month - 1, day, hours, minutes, seconds);
  // 2030-02-31 rolls over into March: an impossible date is no date.
  if (date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  return date.getTime();
}

/** An instant in the person's time zone, written the way the UI's language writes dates and times. */
export function formatLocalDateTime(epochMs: number): string {
  return formatDate(epochMs, { dateStyle: 'medium', timeStyle: 'short' });
}
