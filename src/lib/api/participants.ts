import { conversationTypeFromWire, suggestionsFromAutocomplete } from './adapters';
import type { TalkApi } from './capabilities';
import type { TalkClient } from './client';
import { roomPath } from './conversations';
import { participantsRoute } from './early-participants';
import { UnaddressableParticipantError } from './errors';
import type { AddParticipantResult, NewParticipant, Participant, ParticipantSuggestion } from './model';
import { participantTargetOf, type ParticipantTarget } from './participant-keys';
import type { Params, RequestOptions } from './transport';
import {
  AUTOCOMPLETE_PATH,
  type AddParticipantResult as WireAddParticipantResult,
  type AutocompleteEntry,
} from '../../../contract/wire';

/** A participant as moderation calls need it: only its key (see ./participant-keys). */
export type ParticipantRef = Pick<Participant, 'key'>;

/**
 * Everyone in the conversation, with user statuses when the server loads them. Non-moderators get a
 * `LobbyError` while the lobby is on; otherwise plain guests get a `ForbiddenError` (Talk 19 answers them 403).
 *
 * A participant who did not change since the client's previous list of this conversation is the very same
 * object as in that list, and when nobody changed the list itself is the same array (./participants-feed.ts).
 */
export async function listParticipants(
  talk: TalkClient,
  token: string,
  options: Pick<RequestOptions, 'signal'> = {},
): Promise<Participant[]> {
  const api = await talk.api();
  const route = participantsRoute(api, token);
  return talk.participants.list(route.path, route.params, api.version, options.signal);
}

function targetFor(api: TalkApi, participant: ParticipantRef): ParticipantTarget {
  const target = participantTargetOf(participant.key);
  // Attendee ids exist only in v4, user ids and guest sessions only in v1: a key of the other generation names nobody.
  const fitsVersion = target !== null && (api.version === 'v4') === (target.kind === 'attendee');
  if (!target || !fitsVersion) throw new UnaddressableParticipantError(participant.key);
  return target;
}

/** The parameters naming a participant on the moderators route. */
function moderatorParams(target: ParticipantTarget): Params {
  switch (target.kind) {
    case 'attendee':
      return { attendeeId: target.attendeeId };
    case 'user':
      return { participant: target.userId };
    case 'guest-session':
      return { sessionId: target.sessionId };
  }
}

/** Makes a member a moderator, or a guest a guest moderator. Moderators only. */
export async function promoteParticipant(talk: TalkClient, token: string, participant: ParticipantRef): Promise<void> {
  const api = await talk.api();
  const target = targetFor(api, participant);
  await talk.request<unknown>('POST', `${roomPath(api, token)}/moderators`, { body: moderatorParams(target) });
}

/** Makes a moderator a member, or a guest moderator a guest. Acting on yourself is refused (403). */
export async function demoteParticipant(talk: TalkClient, token: string, participant: ParticipantRef): Promise<void> {
  const api = await talk.api();
  const target = targetFor(api, participant);
  // DELETE parameters travel in the query: every server reads them there, not all read a DELETE body.
  await talk.request<unknown>('DELETE', `${roomPath(api, token)}/moderators`, { params: moderatorParams(target) });
}

/** Removes someone from the conversation: an account, a guest, an email invitee, a group or circle (v4). */
export async function removeParticipant(talk: TalkClient, token: string, participant: ParticipantRef): Promise<void> {
  const api = await talk.api();
  const target = targetFor(api, participant);
  const room = roomPath(api, token);
  switch (target.kind) {
    case 'attendee':
      await talk.request<unknown>('DELETE', `${room}/attendees`, { params: { attendeeId: target.attendeeId } });
      return;
    case 'user':
      await talk.request<unknown>('DELETE', `${room}/participants`, { params: { participant: target.userId } });
      return;
    case 'guest-session':
      await talk.request<unknown>('DELETE', `${room}/participants/guests`, { params: { participant: target.sessionId } });
      return;
  }
}

/**
 * Adds an account, a group (its members), a circle or an email guest. Adding an email guest to a group
 * conversation makes it public, which the answer reports.
 */
export async function addParticipant(
  talk: TalkClient,
  token: string,
  newParticipant: NewParticipant,
): Promise<AddParticipantResult> {
  const api = await talk.api();
  // Talk 19 answers `[]` (older servers `{}` or null) for accounts, groups and circles, and `{type: 3}` for every
  // email, also when the conversation was public already: only the caller knows whether the type changed.
  const data = await talk.request<WireAddParticipantResult | [] | null>('POST', `${roomPath(api, token)}/participants`, {
    body: { newParticipant: newParticipant.id, source: newParticipant.source },
  });
  const type = data !== null && !Array.isArray(data) ? data.type : undefined;
  return { conversationType: typeof type === 'number' ? conversationTypeFromWire(type) : null };
}

/** Nextcloud's share types, as the autocomplete endpoint filters by them. */
const SHARE_TYPE = { users: 0, groups: 1, emails: 4, circles: 7 } as const;
/** Talk's autocomplete answers at most this many: a full list may mean there are more. */
export const SUGGESTION_LIMIT = 20;

export interface SuggestionSearch {
  search: string;
  /** The conversation to add to: the server leaves out who is already in it. */
  token: string;
  signal?: AbortSignal;
}

/** Who could be added to a conversation: accounts, groups, email addresses, and circles where supported. */
export async function searchParticipantSuggestions(
  talk: TalkClient,
  { search, token, signal }: SuggestionSearch,
): Promise<ParticipantSuggestion[]> {
  const api = await talk.api();
  const shareTypes: number[] = [SHARE_TYPE.users, SHARE_TYPE.groups, SHARE_TYPE.emails];
  if (api.supportsCircles) shareTypes.push(SHARE_TYPE.circles);
  const entries = await talk.request<AutocompleteEntry[]>('GET', AUTOCOMPLETE_PATH, {
    params: { search, itemType: 'call', itemId: token, 'shareTypes[]': shareTypes, limit: SUGGESTION_LIMIT },
    signal,
  });
  return suggestionsFromAutocomplete(entries);
}

/** Whether circles (teams) can be added: the "add participants" box offers them only then. */
export async function supportsCircles(talk: TalkClient): Promise<boolean> {
  return (await talk.api()).supportsCircles;
}
