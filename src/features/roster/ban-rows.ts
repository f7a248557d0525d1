/** The "Banned" dialog's view-model: bans in, lines ready to show out, the newest ban first. Pure. */
import type { Ban } from '../../lib/api';

export interface BanRow {
  ban: Ban;
  id: number;
  name: string;
  /** "Guest", "Email guest"; null for accounts. */
  kindLabel: string | null;
  bannedBy: string;
  /** The moment, for `<time dateTime>`. */
  bannedAtIso: string;
  /** The moment in words of the person's locale. */
  bannedAtText: string;
  /** The internal note, or null when none was written. */
  note: string | null;
}

const KIND_LABELS: Partial<Record<Ban['banned']['kind'], string>> = { guest: 'Guest', email: 'Email guest' };

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function toBanRows(bans: readonly Ban[]): BanRow[] {
  return [...bans]
    .sort((a, b) => b.bannedAt - a.bannedAt || b.id - a.id)
    .map((ban) => ({
      ban,
      id: ban.id,
      name: ban.banned.name,
      kindLabel: KIND_LABELS[ban.banned.kind] ?? null,
      bannedBy: ban.bannedBy,
      bannedAtIso: new Date(ban.bannedAt).toISOString(),
      bannedAtText: timeFormat.format(ban.bannedAt),
      note: ban.internalNote.trim() === '' ? null : ban.internalNote,
    }));
}
