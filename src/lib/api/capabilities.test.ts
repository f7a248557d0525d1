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
      supportsPermissions: false,
      supportsBans: false,
    });
    expect(talkApiFromCapabilities(capabilities(['conversation-v4']))).toMatchObject({ supportsCircles: false });
  });

  it('reads permissions (Talk 13+) and bans (Talk 20+) beside v4 only', () => {
    const talk20 = ['conversation-v4', 'conversation-permissions', 'ban-v1'];
    expect(talkApiFromCapabilities(capabilities(talk20))).toMatchObject({ supportsPermissions: true, supportsBans: true });
    // Talk 19 has permissions but no bans.
    expect(talkApiFromCapabilities(capabilities(['conversation-v4', 'conversation-permissions']))).toMatchObject({
      supportsPermissions: true,
      supportsBans: false,
    });
    // The routes exist only beside v4 rooms, whatever else is advertised.
    expect(talkApiFromCapabilities(capabilities(['conversation-permissions', 'ban-v1']))).toMatchObject({
      version: 'v1',
      supportsPermissions: false,
      supportsBans: false,
    });
  });

  it('falls back to v1 without the feature, or without Talk capabilities at all', () => {
    expect(talkApiFromCapabilities(capabilities(['circles-support']))).toEqual({
      version: 'v1',
      base: TALK_V1_BASE,
      supportsCircles: true,
      supportsPermissions: false,
      supportsBans: false,
    });
    expect(talkApiFromCapabilities(capabilities(null))).toEqual({
      version: 'v1',
      base: TALK_V1_BASE,
      supportsCircles: false,
      supportsPermissions: false,
      supportsBans: false,
    });
  });
});
