/**
 * A small stateful Talk v4 server for the roster's component tests, routed through the stubbed `fetch` (the
 * edge of the app): the participant list, promote/demote/remove, add, and the autocomplete search. Each route
 * can be overridden to answer a refusal.
 */
import type { Conversation } from '../lib/api';
import { AUTOCOMPLETE_PATH, TALK_V4_BASE, type AutocompleteEntry, type V4Participant } from '../../contract/wire';
import { ocsResponse, type Route, type StubbedRequest } from './ocs';
import { v4Participant } from './talk-fixtures';

export const TOKEN = 'design';
const ROOM = `${TALK_V4_BASE}/room/${TOKEN}`;

export function conversation(overrides: Partial<Conversation> = {}): Conversation {
  return {
    token: TOKEN,
    name: 'Design team',
    type: 'group',
    hasPassword: false,
    lobby: { enabled: false, opensAt: null },
    ownRole: 'owner',
    canModerate: true,
    ownAccountId: null,
    ...overrides,
  };
}

/** alice (owner, the viewer), bob (moderator), carol (member, online), a guest, an email invitee, a group. */
export function designTeam(): V4Participant[] {
  return [
    v4Participant({ attendeeId: 1, displayName: 'Alice', participantType: 1, sessionIds: ['s1'] }),
    v4Participant({ attendeeId: 2, displayName: 'Bob', participantType: 2 }),
    v4Participant({ attendeeId: 3, displayName: 'Carol', sessionIds: ['s3'], status: 'away', statusIcon: '☕', statusMessage: 'Back soon' }),
    v4Participant({ attendeeId: 4, displayName: '', actorType: 'guests', actorId: 'g-hash', participantType: 4, sessionIds: ['s4'] }),
    v4Participant({ attendeeId: 5, displayName: '', actorType: 'emails', actorId: 'pat@example.com', participantType: 4 }),
    v4Participant({ attendeeId: 6, displayName: 'Design', actorType: 'groups', actorId: 'design' }),
    v4Participant({ attendeeId: 7, displayName: '<img src=x onerror=alert(1)>', actorId: 'mallory' }),
  ];
}

export function suggestion(overrides: Partial<AutocompleteEntry> & Pick<AutocompleteEntry, 'id' | 'label'>): AutocompleteEntry {
  return {
    icon: 'icon-user',
    source: 'users',
    subline: '',
    shareWithDisplayNameUnique: overrides.id,
    status: [],
    ...overrides,
  };
}

export interface FakeRoster {
  participants: V4Participant[];
  route: Route;
  /** Requests that changed something (not GETs). */
  changes: () => StubbedRequest[];
}

function param(request: StubbedRequest, name: string): string | null {
  return new URL(request.url, 'http://localhost').searchParams.get(name);
}

function bodyParam(request: StubbedRequest, name: string): unknown {
  if (!request.body) return undefined;
  return (JSON.parse(request.body) as Record<string, unknown>)[name];
}

export function fakeRoster(
  participants: V4Participant[],
  options: { suggestions?: AutocompleteEntry[]; refuse?: Route } = {},
): FakeRoster {
  const state = { participants: [...participants] };
  const seen: StubbedRequest[] = [];
  const route: Route = (request) => {
    if (request.method !== 'GET') seen.push(request);
    const refusal = options.refuse?.(request);
    if (refusal) return refusal;
    const path = request.url.split('?')[0];
    if (request.method === 'GET' && path === `${ROOM}/participants`) return ocsResponse(state.participants);
    if (request.method === 'DELETE' && path === `${ROOM}/attendees`) {
      const id = Number(param(request, 'attendeeId'));
      state.participants = state.participants.filter((p) => p.attendeeId !== id);
      return ocsResponse([]);
    }
    if (path === `${ROOM}/moderators`) {
      const id = Number(request.method === 'POST' ? bodyParam(request, 'attendeeId') : param(request, 'attendeeId'));
      state.participants = state.participants.map((p) =>
        p.attendeeId !== id
          ? p
          : { ...p, participantType: request.method === 'POST' ? (p.actorType === 'users' ? 2 : 6) : p.actorType === 'users' ? 3 : 4 },
      );
      return ocsResponse([]);
    }
    if (request.method === 'POST' && path === `${ROOM}/participants`) {
      const id = String(bodyParam(request, 'newParticipant'));
      const source = String(bodyParam(request, 'source'));
      const attendeeId = 100 + state.participants.length;
      state.participants = [
        ...state.participants,
        v4Participant({ attendeeId, displayName: id, actorId: id, actorType: source as V4Participant['actorType'] }),
      ];
      return ocsResponse(source === 'emails' ? { type: 3 } : {});
    }
    if (request.method === 'GET' && path === AUTOCOMPLETE_PATH) {
      const search = (param(request, 'search') ?? '').toLowerCase();
      return ocsResponse((options.suggestions ?? []).filter((entry) => entry.label.toLowerCase().includes(search)));
    }
    return undefined;
  };
  return {
    get participants() {
      return state.participants;
    },
    route,
    changes: () => seen,
  };
}
