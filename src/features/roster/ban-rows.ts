/** The "Banned" dialog's view-model: bans in, lines ready to show out, the newest ban first. Pure. */
import type { Ban } from '../../lib/api';
import type { MessageKey, useI18n } from '../../lib/i18n';

/** The current language's words and dates (useI18n's, new per language, so a memo on them follows a change). */
export type BanRowWords = Pick<ReturnType<typeof useI18n>, 't' | 'date'>;

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

const KIND_LABELS: Partial<Record<Ban['banned']['kind'], MessageKey>> = {
  guest: 'roster.bans.kind.guest',
  email: 'roster.bans.kind.email',
};

export function toBanRows(bans: readonly Ban[], { t, date }: BanRowWords): BanRow[] {
  return [...bans]
    .sort((a, b) => b.bannedAt - a.bannedAt || b.id - a.id)
    .map((ban) => {
      const kindKey = KIND_LABELS[ban.banned.kind];
      return {
        ban,
        id: ban.id,
        name: ban.banned.name,
        kindLabel: kindKey ? t(kindKey) : null,
        bannedBy: ban.bannedBy,
        bannedAtIso: new Date(ban.bannedAt).toISOString(),
        bannedAtText: date(ban.bannedAt, { dateStyle: 'medium', timeStyle: 'short' }),
        note: ban.internalNote.trim() === '' ? null : ban.internalNote,
      };
    });
}

