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
