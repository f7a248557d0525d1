/** What the rooms feature offers the app's page composition. */
export { ConversationsPage } from './ConversationsPage';
export { roomsQueries } from './queries';
export { conversationHref } from './conversation-rows';
export { useConversation } from './useConversation';
export { LobbyControls, LobbyControlsView } from './LobbyControls';
export { DefaultPermissions, DefaultPermissionsView } from './DefaultPermissions';
export { useDefaultPermissions, type DefaultPermissionsModel } from './useDefaultPermissions';
export { useLobbyControls, type LobbyControlsModel } from './useLobbyControls';
export { LeaveConversation, LeaveConversationView } from './LeaveConversation';
export { useLeaveConversation, type LeaveConversationModel } from './useLeaveConversation';
