import { request, type RequestOptions } from './transport';
import { CAPABILITIES_PATH, Feature, TALK_V1_BASE, TALK_V4_BASE, type CapabilitiesData } from '../../../contract/wire';

export type TalkApiVersion = 'v1' | 'v4';

/** Which generation of the Talk API the server speaks, and where its room routes live. */
export interface TalkApi {
  version: TalkApiVersion;
  base: string;
  /** Circles (teams) can be added to conversations and offered by the "add participants" search. */
  supportsCircles: boolean;
  /** Per-person and default permissions (v4 servers with `conversation-permissions`): lobby admission too. */
  supportsPermissions: boolean;
  /** Bans with an internal note (`ban-v1`, Talk 20+). */
  supportsBans: boolean;
}


export function fetchCapabilities(options: Pick<RequestOptions, 'credentials' | 'signal'> = {}) {
  return request<CapabilitiesData>('GET', CAPABILITIES_PATH, options);
}

export function talkApiFromCapabilities(capabilities: CapabilitiesData): TalkApi {
  const features = capabilities.capabilities.spreed?.features ?? [];
  // Without `circles-support`, Talk answers an attempt to add a circle with 400 (the source is unknown to it).
  const supportsCircles = features.includes(Feature.Circles);
  // Servers with `conversation-v4` (Talk 12 and later) serve rooms only on v4: v1 to v3 are gone. The
  // permission and ban routes exist only beside v4 rooms.
  if (!features.includes(Feature.ConversationV4)) {
    return { version: 'v1', base: TALK_V1_BASE, supportsCircles, supportsPermissions: false, supportsBans: false };
  }
  return {
    version: 'v4',
    base: TALK_V4_BASE,
    supportsCircles,
    supportsPermissions: features.includes(Feature.Permissions),
    supportsBans: features.includes(Feature.Bans),
  };
}

/**
 * Where the API generation is kept between page loads, so that a reload starts its requests at once instead of
 * after the capabilities (they are read anyway, to correct a remembered answer that no longer holds).
 */
export interface TalkApiMemory {
  recall(): TalkApi | null;
  remember(api: TalkApi): void;
}

const MEMORY_KEY = 'rollcall.talk-api';

/** A memory in Web Storage (the origin's, so one per server); anything unreadable there counts as nothing. */
export function talkApiMemoryIn(storage: Pick<Storage, 'getItem' | 'setItem'>): TalkApiMemory {
  return {
    recall() {
      try {
        const value: unknown = JSON.parse(storage.getItem(MEMORY_KEY) ?? 'null');
        return isTalkApi(value) ? value : null;
      } catch {
        return null;
      }
    },
    remember(api) {
      try {
        storage.setItem(MEMORY_KEY, JSON.stringify(api));
      } catch {
        // Storage full or refused (private mode): the next load reads the capabilities first, as without memory.
      }
    },
  };
}

function isTalkApi(value: unknown): value is TalkApi {
  if (typeof value !== 'object' || value === null) return false;
  const api = value as Record<string, unknown>;
  return (
    ((api.version === 'v4' && api.base === TALK_V4_BASE) || (api.version === 'v1' && api.base === TALK_V1_BASE)) &&
    typeof api.supportsCircles === 'boolean' &&
    typeof api.supportsPermissions === 'boolean' &&
    typeof api.supportsBans === 'boolean'
  );
}

export function sameTalkApi(a: TalkApi, b: TalkApi): boolean {
  return (
    a.version === b.version &&
    a.base === b.base &&
    a.supportsCircles === b.supportsCircles &&
    a.supportsPermissions === b.supportsPermissions &&
    a.supportsBans === b.supportsBans
  );
}
