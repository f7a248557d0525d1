/**
 * The display name a guest chooses: checked before anything is sent, and remembered in this browser so the
 * next visit starts with it (prefilled, never joined without the person pressing "Join").
 */
import { GUEST_NAME_MAX_LENGTH } from '../../lib/api';
import { translate } from '../../lib/i18n';

export { GUEST_NAME_MAX_LENGTH };

/** Why a name is not accepted, in the current language whenever it is read. */
export const GUEST_NAME_WORDS = {
  get required() {
    return translate('join.name.required');
  },
  get tooLong() {
    return translate('join.name.tooLong', { max: GUEST_NAME_MAX_LENGTH });
  },
};

/** The name as it will be sent: Talk trims it, so the limit applies to the trimmed name. */
export function normaliseGuestName(name: string): string {
  return name.trim();
}

/** Checked while typing: a name over the limit says so before anything is submitted. */
export function guestNameLengthError(name: string): string | null {
  return normaliseGuestName(name).length > GUEST_NAME_MAX_LENGTH ? GUEST_NAME_WORDS.tooLong : null;
}

/** Checked on submitting: the name is also required. */
export function guestNameError(name: string): string | null {
  if (normaliseGuestName(name) === '') return GUEST_NAME_WORDS.required;
  return guestNameLengthError(name);
}

const REMEMBERED_NAME_KEY = 'rollcall.guest-name';

/** localStorage may be unavailable (private modes, blocked storage): then nothing is remembered. */
export function recallGuestName(): string {
  try {
    return localStorage.getItem(REMEMBERED_NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

export function rememberGuestName(name: string): void {
  try {
    localStorage.setItem(REMEMBERED_NAME_KEY, normaliseGuestName(name));
  } catch {
    // Not remembering is fine: the person types it again next time.
  }
}
