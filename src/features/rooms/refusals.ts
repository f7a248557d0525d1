import { messageGetters } from '../../lib/i18n';

/**
 * Words for what the rooms feature checks itself, before anything is sent. Refusals from the server are
 * worded by the app's one error map, reached through `useDescribeError()`. `moderatorsOnly` is also why the
 * lobby switch is disabled for a non-moderator; src/app/errors.tsx words the server's refusal of a lobby
 * change (403) with this same sentence, so the two cannot drift apart.
 */
export const LOBBY_REFUSALS = messageGetters({
  startInPast: 'rooms.lobby.startInPast',
  moderatorsOnly: 'rooms.lobby.moderatorsOnly',
});
