import { describe, expect, it } from 'vitest';
import type { CapabilitiesData, ThemingCapability } from '../../../contract/wire';
import { themeFromCapabilities } from './theming';

const PAGE = 'https://rollcall.example.org';

function capabilitiesWith(theming?: unknown): CapabilitiesData {
  return {
    version: { major: 29, minor: 0, micro: 6, string: '29.0.6', edition: '' },
    capabilities: {
      spreed: { features: ['conversation-v4'], config: {}, version: '19.0.9' },
      ...(theming === undefined ? {} : { theming: theming as ThemingCapability }),
    },
  };
}

// As a Nextcloud 29 with the theming app's defaults answers (apps/theming/lib/Capabilities.php).
const NEXTCLOUD_DEFAULT: ThemingCapability = {
  name: 'Nextcloud',
  url: 'https://nextcloud.com',
  slogan: 'a safe home for all your data',
  color: '#00679e',
  'color-text': '#ffffff',
  'color-element': '#00679e',
  'color-element-bright': '#00679e',
  'color-element-dark': '#00679e',
  logo: 'https://cloud.example.com/core/img/logo/logo.svg?v=0',
  background: '#00679e',
  'background-plain': true,
  'background-default': true,
  logoheader: 'https://cloud.example.com/core/img/logo/logo.svg?v=0',
  favicon: 'https://cloud.example.com/core/img/logo/logo.svg?v=0',
};

describe('the theme in the capabilities', () => {
  it("is absent on a server without theming (a v1 seed server): rollcall's own look", () => {
    expect(themeFromCapabilities(capabilitiesWith(), PAGE)).toBeNull();
    expect(themeFromCapabilities(capabilitiesWith([]), PAGE)).toBeNull();
  });

  it("takes Nextcloud's name, colour and text colour", () => {
    expect(themeFromCapabilities(capabilitiesWith(NEXTCLOUD_DEFAULT), PAGE)).toMatchObject({
      name: 'Nextcloud',
      colour: '#00679e',
      textColour: '#ffffff',
    });
  });

  it("loads a logo on the Nextcloud's own host through this origin, where the proxy forwards it", () => {
    expect(themeFromCapabilities(capabilitiesWith(NEXTCLOUD_DEFAULT), PAGE)?.logoUrl).toBe('/core/img/logo/logo.svg?v=0');
    const custom = { ...NEXTCLOUD_DEFAULT, logo: 'https://example.com/nextcloud/index.php/apps/theming/image/logo?useSvg=1&v=7' };
    expect(themeFromCapabilities(capabilitiesWith(custom), PAGE)?.logoUrl).toBe('/index.php/apps/theming/image/logo?useSvg=1&v=7');
  });

  it('keeps a logo on this origin as it is, and leaves out one elsewhere or of another scheme', () => {
    const logo = (value: string) => themeFromCapabilities(capabilitiesWith({ ...NEXTCLOUD_DEFAULT, logo: value }), PAGE)?.logoUrl;
    expect(logo(`${PAGE}/logo.svg`)).toBe('/logo.svg');
    expect(logo('https://cdn.example.net/brand.png')).toBeNull();
    expect(logo('javascript:alert(1)')).toBeNull();
    expect(logo('')).toBeNull();
  });

  it('counts malformed fields as absent, one by one', () => {
    const theme = themeFromCapabilities(capabilitiesWith({ name: '  ', color: 'blue', 'color-text': '#FFF', logo: 7 }), PAGE);
    expect(theme).toEqual({ name: null, colour: null, textColour: '#ffffff', logoUrl: null });
  });
});
