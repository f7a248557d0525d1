/** What the join feature offers the app's page composition. */
export { JoinConversation, JoinPageView } from './JoinPage';
export { useJoinPage, type JoinPageModel, type JoinPhase } from './useJoinPage';
export { joinQueries } from './queries';
