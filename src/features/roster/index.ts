/** The roster feature: what app/ composes into the `/rooms/:token` page. */
export { Roster, type RosterProps } from './Roster';
export { rosterQueries } from './queries';
export { Bans, type BansProps } from './Bans';
