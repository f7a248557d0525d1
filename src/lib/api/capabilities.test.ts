import { describe, expect, it } from 'vitest';
import { talkApiFromCapabilities } from './capabilities';
import { TALK_V1_BASE, TALK_V4_BASE, type CapabilitiesData } from '../../../contract/wire';

function capabilities(features: string[] | null): CapabilitiesData {
  return {
    version: { major: 29, minor: 0, micro: 6, string: '29.0.6', edition: '' },
    capabilities: features ? { spreed: { features, config: {}, version: '19.0.9' } } : {},
  };
}

describe('talkApiFromCapabilities', () => {
  it('chooses v4 on conversation-v4 and reads circles support', () => {
    expect(talkApiFromCapabilities(capabilities(['conversation-v4', 'circles-support']))).toEqual({
      version: 'v4',
      base: TALK_V4_BASE,
      supportsCircles: true,
    });
    expect(talkApiFromCapabilities(capabilities(['conversation-v4']))).toMatchObject({ supportsCircles: false });
  });

  it('falls back to v1 without the feature, or without Talk capabilities at all', () => {
    expect(talkApiFromCapabilities(capabilities(['circles-support']))).toEqual({
      version: 'v1',
      base: TALK_V1_BASE,
      supportsCircles: true,
    });
    expect(talkApiFromCapabilities(capabilities(null))).toEqual({
      version: 'v1',
      base: TALK_V1_BASE,
      supportsCircles: false,
    });
  });
});
