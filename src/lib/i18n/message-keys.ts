import type appMessages from '../../locales/en/app.json';
import type authMessages from '../../locales/en/auth.json';
import type joinMessages from '../../locales/en/join.json';
import type roomsMessages from '../../locales/en/rooms.json';
import type rosterMessages from '../../locales/en/roster.json';

/**
 * Every message id, taken from the English catalogues (the source): an id that no catalogue defines fails the
 * typecheck. One file per area of the app, so two people translate two areas without touching the same file; a
 * new file in src/locales/en joins this list.
 */
export type MessageKey =
  | keyof typeof appMessages
  | keyof typeof authMessages
  | keyof typeof joinMessages
  | keyof typeof roomsMessages
  | keyof typeof rosterMessages;
