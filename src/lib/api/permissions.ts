/**
 * Per-person and conversation permissions (Talk 13+ with the `conversation-permissions` capability, v4 only).
 * v1 servers have no permissions: these calls refuse there before asking the server.
 */
import type { TalkApi } from './capabilities';
import type { TalkClient } from './client';
import { conversationFromV4 } from './adapters';
import { roomPath } from './conversations';
import { UnsupportedFeatureError, UnaddressableParticipantError } from './errors';
import type { Conversation } from './model';
import { participantTargetOf } from './participant-keys';
import type { ParticipantRef } from './participants';
import type { PermissionMethod, V4Room } from '../../../contract/wire';

async function permissionsApi(talk: TalkClient): Promise<TalkApi> {
  const api = await talk.api();
  if (!api.supportsPermissions) throw new UnsupportedFeatureError('per-person permissions');
  return api;
}

/**
 * Changes one participant's own permissions: `set` replaces them (0: follow the conversation's defaults again),
 * `add` and `remove` change the bits they have now. Moderators always have every permission (400).
 */
export async function setParticipantPermissions(
  talk: TalkClient,
  token: string,
  participant: ParticipantRef,
  method: PermissionMethod,
  permissions: number,
): Promise<void> {
  const api = await permissionsApi(talk);
  const target = participantTargetOf(participant.key);
  if (target?.kind !== 'attendee') throw new UnaddressableParticipantError(participant.key);
  // Talk 19 answers an empty list, newer servers the participants: the roster refetches either way.
  await talk.request<unknown>('PUT', `${roomPath(api, token)}/attendees/permissions`, {
    body: { attendeeId: target.attendeeId, method, permissions },
  });
}

/**
 * Sets the permissions of everyone without permissions of their own (0: the server's default). As on Talk,
 * this also puts everyone who had permissions of their own back on the defaults.
 */
export async function setDefaultPermissions(talk: TalkClient, token: string, permissions: number): Promise<Conversation> {
  const api = await permissionsApi(talk);
  const room = await talk.request<V4Room>('PUT', `${roomPath(api, token)}/permissions/default`, { body: { permissions } });
  return conversationFromV4(room);
}

/** Whether the server has per-person and default permissions (and so lobby admission): the UI offers them only then. */
export async function supportsPermissions(talk: TalkClient): Promise<boolean> {
  return (await talk.api()).supportsPermissions;
}
