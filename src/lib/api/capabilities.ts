import { request, type RequestOptions } from './transport';
import { CAPABILITIES_PATH, TALK_V1_BASE, TALK_V4_BASE, type CapabilitiesData } from '../../../contract/wire';

export type TalkApiVersion = 'v1' | 'v4';

/** Which generation of the Talk API the server speaks, and where its room routes live. */
export interface TalkApi {
  version: TalkApiVersion;
  base: string;
  /** Circles (teams) can be added to conversations and offered by the "add participants" search. */
  supportsCircles: boolean;
}

/** Servers that advertise this feature (Talk 12 and later) serve rooms only on v4: v1 to v3 are gone. */
const CONVERSATION_V4_FEATURE = 'conversation-v4';
/** Without it, Talk answers an attempt to add a circle with 400 (the source is unknown to it). */
const CIRCLES_FEATURE = 'circles-support';

export function fetchCapabilities(options: Pick<RequestOptions, 'credentials' | 'signal'> = {}) {
  return request<CapabilitiesData>('GET', CAPABILITIES_PATH, options);
}

export function talkApiFromCapabilities(capabilities: CapabilitiesData): TalkApi {
  const features = capabilities.capabilities.spreed?.features ?? [];
  const supportsCircles = features.includes(CIRCLES_FEATURE);
  return features.includes(CONVERSATION_V4_FEATURE)
    ? { version: 'v4', base: TALK_V4_BASE, supportsCircles }
    : { version: 'v1', base: TALK_V1_BASE, supportsCircles };
}
