/**
 * Bans (Talk 20+, capability `ban-v1`): who may not come back to a conversation. The routes stay on API v1
 * even on current servers (BAN_BASE). Every call first checks the capability and fails with
 * `UnsupportedFeatureError`, without a request, on servers that lack it (Talk 19, v1 servers).
 */
import { banFromWire } from './adapters';
import type { TalkClient } from './client';
import { UnsupportedFeatureError } from './errors';
import type { Ban, Participant } from './model';
import type { RequestOptions } from './transport';
import { BAN_BASE, type ActorType, type V1Ban } from '../../../contract/wire';

/** Talk's limit on a ban's internal note (`Ban::NOTE_MAX_LENGTH`). */
export const BAN_NOTE_MAX_LENGTH = 4000;

/** Whom a ban names: a participant of the roster, or any actor of a kind that can be banned. */
export type BanTarget = Pick<Participant, 'kind' | 'actorId'>;

const BANNABLE: Partial<Record<Participant['kind'], ActorType>> = { user: 'users', guest: 'guests', email: 'emails' };

/** Accounts, guests and email guests can be banned; groups and circles cannot (Talk answers 400). */
export function isBannable(target: BanTarget): boolean {
  return BANNABLE[target.kind] !== undefined && target.actorId !== '';
}

/** Whether the server has bans: the UI offers nothing about them otherwise. */
export async function supportsBans(talk: TalkClient): Promise<boolean> {
  return (await talk.api()).supportsBans;
}

async function requireBans(talk: TalkClient): Promise<void> {
  if (!(await supportsBans(talk))) throw new UnsupportedFeatureError('bans');
}

const bansPath = (token: string) => `${BAN_BASE}/${encodeURIComponent(token)}`;

/** The bans of a conversation, as the server orders them (oldest first on Talk). Moderators only (403). */
export async function listBans(talk: TalkClient, token: string, options: Pick<RequestOptions, 'signal'> = {}): Promise<Ban[]> {
  await requireBans(talk);
  const bans = await talk.request<V1Ban[]>('GET', bansPath(token), { signal: options.signal });
  return bans.map(banFromWire);
}

/**
 * Bans someone with a note for the other moderators; the server removes them from the conversation. Refusals are
 * 400 with Talk's codes: `self`, `moderator`, `bannedActor` (not bannable, or banned already), `internalNote`
 * (over 4,000 characters), `room` (one-to-one and the like); 403 for non-moderators.
 */
export async function banParticipant(talk: TalkClient, token: string, target: BanTarget, internalNote: string): Promise<Ban> {
  await requireBans(talk);
  const actorType = BANNABLE[target.kind];
  if (actorType === undefined) throw new UnsupportedFeatureError(`banning a ${target.kind}`);
  const ban = await talk.request<V1Ban>('POST', bansPath(token), {
    body: { actorType, actorId: target.actorId, internalNote },
  });
  return banFromWire(ban);
}

/** Lifts a ban; the person may join again (an account must be added again to be a member). */
export async function unban(talk: TalkClient, token: string, banId: number): Promise<void> {
  await requireBans(talk);
  await talk.request<unknown>('DELETE', `${bansPath(token)}/${banId}`);
}
