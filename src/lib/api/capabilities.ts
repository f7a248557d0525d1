import { request, type RequestOptions } from './transport';
import { CAPABILITIES_PATH, TALK_V1_BASE, TALK_V4_BASE, type CapabilitiesData } from './wire';

export type TalkApiVersion = 'v1' | 'v4';

/** Which generation of the Talk API the server speaks, and where its room routes live. */
export interface TalkApi {
  version: TalkApiVersion;
  base: string;
}

/** Servers that advertise this feature serve rooms only on v4 and have dropped v1 to v3 (TALK-FACTS). */
const CONVERSATION_V4_FEATURE = 'conversation-v4';

export function fetchCapabilities(options: Pick<RequestOptions, 'credentials' | 'signal'> = {}) {
  return request<CapabilitiesData>('GET', CAPABILITIES_PATH, options);
}

export function talkApiFromCapabilities(capabilities: CapabilitiesData): TalkApi {
  const features = capabilities.capabilities.spreed?.features ?? [];
  return features.includes(CONVERSATION_V4_FEATURE)
    ? { version: 'v4', base: TALK_V4_BASE }
    : { version: 'v1', base: TALK_V1_BASE };
}
