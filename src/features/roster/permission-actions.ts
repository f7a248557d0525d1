/**
 * The roster's permission actions (v4 with `conversation-permissions`): "Permissions" for anyone whose
 * permissions can be chosen, and "Let in" for whoever the lobby holds. Kept apart from the promote/demote/remove
 * rules in ./roster-rows.ts, which append these.
 */
import type { MessageKey } from '../../lib/i18n';
import type { RosterRow } from './roster-rows';

export type PermissionAction = 'permissions' | 'let-in';

/** Catalogue ids of the menu's words for these actions (roster-rows.ts reads them in the current language). */
export const PERMISSION_ACTION_LABEL_KEYS = {
  permissions: 'roster.menu.permissions',
  'let-in': 'roster.menu.letIn',
} as const satisfies Record<PermissionAction, MessageKey>;

/** What the viewer may do about permissions; both false where the server has none (v1). */
export interface PermissionsViewer {
  /** A moderator on a server with per-person permissions. */
  managesPermissions?: boolean;
  /** The conversation's lobby is on. */
  lobbyEnabled?: boolean;
}

/** The row says "In the lobby": the lobby is on and holds this online participant. */
export const isInLobby = (row: RosterRow, viewer: PermissionsViewer): boolean => viewer.lobbyEnabled === true && row.heldByLobby;

/**
 * Moderators always have every permission, and groups and circles have none of their own (Talk answers 400 to
 * both), so the menu offers them nothing here. "Let in" grants "skip the lobby", as Talk's own UI does.
 */
export function permissionActions(row: RosterRow, viewer: PermissionsViewer): PermissionAction[] {
  if (!viewer.managesPermissions || row.isModerator) return [];
  const kind = row.participant.kind;
  if (kind !== 'user' && kind !== 'guest' && kind !== 'email') return [];
  return isInLobby(row, viewer) ? ['let-in', 'permissions'] : ['permissions'];
}
