import { describe, expect, it } from 'vitest';
import { contrastRatio, normalizeHex, readableTextOn, relativeLuminance, shadeWithContrast } from './color';
import { paletteFor } from './palette';

describe('contrast', () => {
  it('is 21:1 between black and white and 1:1 between a colour and itself, in either order', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#00679e', '#00679e')).toBe(1);
  });

  it('matches the WCAG figures for known pairs', () => {
    // Nextcloud's default colour on white, and the grey that just passes AA on white.
    expect(contrastRatio('#00679e', '#ffffff')).toBeCloseTo(6.07, 1);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(relativeLuminance('#808080')).toBeCloseTo(0.2159, 3);
  });

  it('reads #rgb and #rrggbb in any case, and nothing else', () => {
    expect(normalizeHex('#ABC')).toBe('#aabbcc');
    expect(normalizeHex(' 00679E ')).toBe('#00679e');
    expect(normalizeHex('rgb(0, 0, 0)')).toBeNull();
    expect(normalizeHex('#12345')).toBeNull();
    expect(normalizeHex(42)).toBeNull();
  });
});

describe('the readable text colour', () => {
  it("keeps the server's own text colour when it reads at 4.5:1", () => {
    expect(readableTextOn('#00679e', '#ffffff')).toBe('#ffffff');
  });

  it("replaces a server text colour that does not read (white on yellow) with black", () => {
    expect(readableTextOn('#ffe14d', '#ffffff')).toBe('#000000');
  });

  it('picks by luminance when the server gives none: white on dark blue, black on light grey', () => {
    expect(readableTextOn('#0b5cad')).toBe('#ffffff');
    expect(readableTextOn('#d3d8e0')).toBe('#000000');
  });

  it('always reaches 4.5:1, whatever the colour', () => {
    for (const colour of ['#777777', '#ff0000', '#00ff00', '#0000ff', '#888888', '#00679e', '#f0f0f0']) {
      expect(contrastRatio(readableTextOn(colour), colour)).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('a shade with contrast', () => {
  const lightSurfaces = ['#ffffff', '#f6f7f9'];
  const darkSurfaces = ['#15181d', '#1f232a'];

  it('is the colour itself when it already stands out', () => {
    expect(shadeWithContrast('#00679e', lightSurfaces, 4.5)).toBe('#00679e');
  });

  it('darkens a too-light server colour on light surfaces, and only as far as needed', () => {
    const shade = shadeWithContrast('#7fd3ff', lightSurfaces, 3);
    expect(Math.min(...lightSurfaces.map((surface) => contrastRatio(shade, surface)))).toBeGreaterThanOrEqual(3);
    expect(relativeLuminance(shade)).toBeLessThan(relativeLuminance('#7fd3ff'));
    // Still blue, not black: the nearest shade that passes.
    expect(Math.min(...lightSurfaces.map((surface) => contrastRatio(shade, surface)))).toBeLessThan(3.2);
    expect(shade).not.toBe('#000000');
  });

  it('lightens a dark server colour on dark surfaces', () => {
    const shade = shadeWithContrast('#00679e', darkSurfaces, 4.5);
    expect(Math.min(...darkSurfaces.map((surface) => contrastRatio(shade, surface)))).toBeGreaterThanOrEqual(4.5);
    expect(relativeLuminance(shade)).toBeGreaterThan(relativeLuminance('#00679e'));
  });
});

describe('the palette from a server colour', () => {
  const light = { text: ['#ffffff', '#f6f7f9', '#fff4d6', '#fdecec'], focus: ['#ffffff', '#f6f7f9', '#fff4d6', '#fdecec', '#d3d8e0'] };

  it('fills buttons with the server colour itself, in its readable text colour', () => {
    const palette = paletteFor('#00679e', '#ffffff', light);
    expect(palette.primary).toBe('#00679e');
    expect(palette.onPrimary).toBe('#ffffff');
    expect(palette.accent).toBe('#00679e');
  });

  it('keeps a white server colour for buttons (with black text) but draws links and the focus ring darker', () => {
    const palette = paletteFor('#ffffff', '#000000', light);
    expect(palette.primary).toBe('#ffffff');
    expect(palette.onPrimary).toBe('#000000');
    for (const surface of light.text) expect(contrastRatio(palette.accent, surface)).toBeGreaterThanOrEqual(4.5);
    for (const surface of light.focus) expect(contrastRatio(palette.focus, surface)).toBeGreaterThanOrEqual(3);
  });
});
