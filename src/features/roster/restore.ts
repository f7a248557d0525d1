/**
 * Putting a removed participant back, for "Undo" after a removal. Talk has no "restore": the participant is
 * added again from the same source (an account, a group, a circle) and, if they were a moderator, promoted
 * again. The re-added participant is a new attendee with a new key, found by kind and actor id in a fresh list.
 *
 * Guests and email guests cannot be put back: a guest exists only through their own session, and inviting an
 * address again sends a new invitation to a new attendee.
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

const SOURCES: Partial<Record<ParticipantKind, ParticipantSource>> = {
  user: 'users',
  group: 'groups',
  circle: 'circles',
};

/** Where a removed participant would be added back from; null for those who cannot be (guests, email guests). */
export function restoreSourceOf(participant: Pick<Participant, 'kind' | 'actorId'>): ParticipantSource | null {
  if (participant.actorId === '') return null;
  return SOURCES[participant.kind] ?? null;
}

export function canRestoreRemoval(participant: Pick<Participant, 'kind' | 'actorId'>): boolean {
  return restoreSourceOf(participant) !== null;
}

/** Which request of the restore failed: adding back, or making a moderator again once back. */
export type RestoreStep = 'add' | 'promote';

/** A restore that failed, with the step that did; `cause` is the error of that step's request. */
export class RestoreError extends Error {
  override readonly name = 'RestoreError';

  constructor(
    readonly step: RestoreStep,
    cause: unknown,
  ) {
    super(step === 'add' ? 'The participant could not be added back' : 'The participant is back but not a moderator', { cause });
  }
}

/** The participant was added back, yet the list does not show them (e.g. someone removed them again meanwhile). */
export class RestoredParticipantMissingError extends Error {
  override readonly name = 'RestoredParticipantMissingError';
}

export interface RestoreOptions {
  /** A fresh list of the conversation; by default straight from the server (the roster passes its query's fetch). */
  list?: () => Promise<readonly Participant[]>;
}

const wasModerator = (participant: Participant) => participant.role === 'moderator';

/**
 * Adds `removed` back as it was: same account, group or circle, and moderator again if they were one. Returns
 * the participant as the server now lists it when it had to look (moderators), otherwise null.
 */
export async function restoreRemovedParticipant(
  talk: TalkClient,
  token: string,
  removed: Participant,
  options: RestoreOptions = {},
): Promise<Participant | null> {
  const source = restoreSourceOf(removed);
  if (source === null) throw new Error(`A ${removed.kind} cannot be added back`);
  try {
    await addParticipant(talk, token, { id: removed.actorId, source });
  } catch (error) {
    throw new RestoreError('add', error);
  }
  // Groups and circles have no moderator role, and the owner is never removed: only accounts need this.
  if (!wasModerator(removed)) return null;
  try {
    const list = options.list ?? (() => listParticipants(talk, token));
    const back = (await list()).find((participant) => participant.kind === removed.kind && participant.actorId === removed.actorId);
    if (!back) throw new RestoredParticipantMissingError(`${removed.actorId} is not in the list after being added back`);
    // A moderator re-added by a group they belong to, or promoted by someone else meanwhile, stays as they are.
    if (back.role !== 'moderator') await promoteParticipant(talk, token, back);
    return back;
  } catch (error) {
    throw new RestoreError('promote', error);
  }
}
