/**
 * Bringing back participants who were removed, through the API: accounts, groups and circles are added again
 * from their actor id, and those who were moderators are promoted again. The server gives a re-added
 * participant a new attendee, so the promotion finds them in a fresh list by kind and actor id. Guests and
 * email guests cannot come back this way: a guest has no identity to add, and an email invitation would be a
 * new invitation with a new link.
 */
import {
  addParticipant,
  listParticipants,
  promoteParticipant,
  type Participant,
  type ParticipantKind,
  type ParticipantSource,
  type TalkClient,
} from '../../lib/api';
import { runBulk, type BulkFailure } from './bulk-run';

export interface RemovedParticipant {
  kind: ParticipantKind;
  actorId: string;
  name: string;
  wasModerator: boolean;
}

const SOURCES: Partial<Record<ParticipantKind, ParticipantSource>> = { user: 'users', group: 'groups', circle: 'circles' };

export function canRestore(participant: Pick<Participant, 'kind' | 'actorId'>): boolean {
  return SOURCES[participant.kind] !== undefined && participant.actorId !== '';
}

export function removedParticipant(participant: Participant, name: string): RemovedParticipant {
  return {
    kind: participant.kind,
    actorId: participant.actorId,
    name,
    wasModerator: participant.role === 'moderator' || participant.role === 'owner',
  };
}

export interface RestoreFailure extends BulkFailure<RemovedParticipant> {
  step: 'add' | 'promote';
}

export interface RestoreOutcome {
  restored: RemovedParticipant[];
  failed: RestoreFailure[];
}

export async function restoreRemoved(
  talk: TalkClient,
  token: string,
  removed: readonly RemovedParticipant[],
): Promise<RestoreOutcome> {
  const added = await runBulk(removed, (person) => {
    const source = SOURCES[person.kind];
    if (!source || person.actorId === '') throw new Error(`${person.name} cannot be added back`);
    return addParticipant(talk, token, { id: person.actorId, source });
  });
  const failed: RestoreFailure[] = added.failed.map((failure) => ({ ...failure, step: 'add' }));
  const moderators = added.done.filter((person) => person.wasModerator);
  if (moderators.length === 0) return { restored: added.done, failed };

  const now = await listParticipants(talk, token);
  const promoted = await runBulk(moderators, (person) => {
    const found = now.find((participant) => participant.kind === person.kind && participant.actorId === person.actorId);
    if (!found) throw new Error(`${person.name} is not in the conversation after being added back`);
    return promoteParticipant(talk, token, found);
  });
  const notPromoted = new Set(promoted.failed.map((failure) => failure.item));
  return {
    restored: added.done.filter((person) => !notPromoted.has(person)),
    failed: [...failed, ...promoted.failed.map((failure): RestoreFailure => ({ ...failure, step: 'promote' }))],
  };
}
