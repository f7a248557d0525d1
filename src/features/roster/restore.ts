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
import { runBulk, type BulkFailure } from './bulk-run';

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

// ---- many at once, for the undo of a bulk removal ----------------------------------------------------------

/** What is kept of someone removed in bulk, to put them back: the participant object itself may be gone. */
export interface RemovedParticipant {
  kind: ParticipantKind;
  actorId: string;
  name: string;
  wasModerator: boolean;
}

export function removedParticipant(participant: Participant, name: string): RemovedParticipant {
  return { kind: participant.kind, actorId: participant.actorId, name, wasModerator: wasModerator(participant) };
}

export interface RestoreFailure extends BulkFailure<RemovedParticipant> {
  step: RestoreStep;
}

export interface RestoreOutcome {
  restored: RemovedParticipant[];
  failed: RestoreFailure[];
}

/**
 * Puts back many removed participants a few requests at a time, then promotes again those who were moderators,
 * found in one fresh list (rather than one list per moderator as `restoreRemovedParticipant` would).
 */
export async function restoreRemoved(
  talk: TalkClient,
  token: string,
  removed: readonly RemovedParticipant[],
): Promise<RestoreOutcome> {
  const added = await runBulk(removed, (person) => {
    const source = restoreSourceOf(person);
    if (!source) throw new Error(`${person.name} cannot be added back`);
    return addParticipant(talk, token, { id: person.actorId, source });
  });
  const failed: RestoreFailure[] = added.failed.map((failure) => ({ ...failure, step: 'add' }));
  const moderators = added.done.filter((person) => person.wasModerator);
  if (moderators.length === 0) return { restored: added.done, failed };

  const now = await listParticipants(talk, token);
  const promoted = await runBulk(moderators, (person) => {
    const found = now.find((participant) => participant.kind === person.kind && participant.actorId === person.actorId);
    if (!found) throw new RestoredParticipantMissingError(`${person.name} is not in the conversation after being added back`);
    return found.role === 'moderator' ? Promise.resolve() : promoteParticipant(talk, token, found);
  });
  const notPromoted = new Set(promoted.failed.map((failure) => failure.item));
  return {
    restored: added.done.filter((person) => !notPromoted.has(person)),
    failed: [...failed, ...promoted.failed.map((failure): RestoreFailure => ({ ...failure, step: 'promote' }))],
  };
}
