import { describe, expect, it } from 'vitest';
import { participant } from '../../test/talk-fixtures';
import { isInLobby, permissionActions } from './permission-actions';
import { rosterActions, toRosterRow, type RosterViewer } from './roster-rows';

const v4Moderator: RosterViewer = { id: 'alice', canModerate: true, managesPermissions: true, lobbyEnabled: true };

describe('permission actions', () => {
  const waiting = toRosterRow(participant({ displayName: 'Walter', kind: 'guest', actorId: 'w', role: 'guest', online: true, permissions: 246 }));
  const letIn = toRosterRow(participant({ displayName: 'Lena', kind: 'guest', actorId: 'l', role: 'guest', online: true, permissions: 254 }));
  const offline = toRosterRow(participant({ displayName: 'Carol', role: 'member', permissions: 246 }));
  const moderator = toRosterRow(participant({ displayName: 'Bob', role: 'moderator', online: true, permissions: 254 }));
  const group = toRosterRow(participant({ displayName: 'Design', kind: 'group', actorId: 'design', permissions: 246 }));

  it('offer "Let in" for whoever the lobby holds while it is on, and "Permissions" for members and guests', () => {
    expect(permissionActions(waiting, v4Moderator)).toEqual(['let-in', 'permissions']);
    expect(permissionActions(letIn, v4Moderator)).toEqual(['permissions']);
    expect(permissionActions(offline, v4Moderator)).toEqual(['permissions']);
    expect(permissionActions(waiting, { ...v4Moderator, lobbyEnabled: false })).toEqual(['permissions']);
    expect(rosterActions(waiting, v4Moderator)).toEqual(['promote', 'let-in', 'permissions', 'remove']);
  });

  it('offer nothing for moderators, groups, without permissions on the server (v1), or to members', () => {
    expect(permissionActions(moderator, v4Moderator)).toEqual([]);
    expect(permissionActions(group, v4Moderator)).toEqual([]);
    expect(permissionActions(waiting, { ...v4Moderator, managesPermissions: false })).toEqual([]);
    expect(rosterActions(waiting, { id: 'eve', canModerate: false, managesPermissions: false, lobbyEnabled: true })).toEqual([]);
  });

  it('say "In the lobby" only while the lobby is on, for online people it holds', () => {
    expect(isInLobby(waiting, v4Moderator)).toBe(true);
    expect(isInLobby(letIn, v4Moderator)).toBe(false);
    expect(isInLobby(offline, v4Moderator)).toBe(false);
    expect(isInLobby(moderator, v4Moderator)).toBe(false);
    expect(isInLobby(waiting, { ...v4Moderator, lobbyEnabled: false })).toBe(false);
  });
});
