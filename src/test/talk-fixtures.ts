/**
 * Participants (wire-shaped and domain) and capabilities for tests, those that stub `fetch` (see ./ocs) and
 * those of pure functions. Every required field is filled, so a test only names what it is about.
 */
import type { Participant } from '../lib/api';
import type { V1Participant, V4Participant } from '../../contract/wire';
import { CAPABILITIES_PATH } from '../../contract/wire';
import { ocsResponse, type Route } from './ocs';

let nextAttendee = 1;

/** A participant as the app sees it, past the adapters: an account member, unless told otherwise. */
export function participant(overrides: Partial<Participant> & Pick<Participant, 'displayName'>): Participant {
  return {
    key: `a:${nextAttendee++}`,
    kind: 'user',
    actorId: overrides.displayName.toLowerCase(),
    role: 'member',
    online: false,
    inCall: false,
    status: null,
    permissions: null,
    attendeePermissions: null,
    ...overrides,
  };
}

export function v4Participant(
  overrides: Partial<V4Participant> & Pick<V4Participant, 'attendeeId' | 'displayName'>,
): V4Participant {
  return {
    actorType: 'users',
    actorId: overrides.displayName.toLowerCase(),
    attendeePermissions: 0,
    attendeePin: '',
    inCall: 0,
    lastPing: 0,
    participantType: 3,
    permissions: 0,
    roomToken: 'room1',
    sessionIds: [],
    ...overrides,
  };
}

export function v1Participant(overrides: Partial<V1Participant> & Pick<V1Participant, 'displayName'>): V1Participant {
  return {
    userId: overrides.displayName.toLowerCase(),
    participantType: 3,
    lastPing: 0,
    sessionId: '0',
    ...overrides,
  };
}

/** Capabilities of a server speaking `version`, with the circles feature when asked. */
export function capabilitiesRoute(version: 'v1' | 'v4', options: { circles?: boolean } = {}): Route {
  const features = ['webinary-lobby', 'invite-groups-and-mails'];
  if (version === 'v4') features.unshift('conversation-v4');
  if (options.circles) features.push('circles-support');
  return (request) =>
    request.url === CAPABILITIES_PATH
      ? ocsResponse({
          version: { major: 29, minor: 0, micro: 6, string: '29.0.6', edition: '' },
          capabilities: { spreed: { features, config: {}, version: '19.0.9' } },
        })
      : undefined;
}
