/**
 * The little colour arithmetic the server's theme needs: WCAG 2 contrast, the readable text colour on a colour,
 * and a shade of a colour that keeps a contrast against given backgrounds. Colours are `#rrggbb` strings.
 */

type Rgb = readonly [number, number, number];

const HEX = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** `#rgb`, `#rrggbb` (with or without `#`, any case) as `#rrggbb` in lower case; null for anything else. */
export function normalizeHex(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const digits = HEX.exec(value.trim())?.[1];
  if (!digits) return null;
  const full = digits.length === 3 ? [...digits].map((digit) => digit + digit).join('') : digits;
  return `#${full.toLowerCase()}`;
}

function toRgb(hex: string): Rgb {
  const normalized = normalizeHex(hex);
  if (!normalized) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [1, 3, 5].map((at) => parseInt(normalized.slice(at, at + 2), 16)) as unknown as Rgb;
}

function toHex(rgb: Rgb): string {
  return `#${rgb.map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG 2 relative luminance, 0 (black) to 1 (white). */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = toRgb(hex).map((channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as unknown as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio, 1 to 21, whichever colour is the lighter. */
export function contrastRatio(a: string, b: string): number {
  const [lighter, darker] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

/** Normal text needs 4.5:1 (WCAG 1.4.3 AA); focus rings and control boundaries 3:1 (1.4.11, 2.4.13). */
export const TEXT_CONTRAST = 4.5;
export const NON_TEXT_CONTRAST = 3;

const WHITE = '#ffffff';
const BLACK = '#000000';

/**
 * The colour for text on `background`: the server's own choice (Nextcloud's `color-text`) when it reads at
 * 4.5:1, otherwise white or black, whichever stands out more (one of them always reaches 4.5:1).
 */
export function readableTextOn(background: string, preferred?: string | null): string {
  if (preferred && contrastRatio(preferred, background) >= TEXT_CONTRAST) return preferred;
  return contrastRatio(WHITE, background) >= contrastRatio(BLACK, background) ? WHITE : BLACK;
}

function mix(from: Rgb, to: Rgb, amount: number): Rgb {
  return from.map((channel, index) => channel + (to[index]! - channel) * amount) as unknown as Rgb;
}

function worstContrast(colour: string, backgrounds: readonly string[]): number {
  return Math.min(...backgrounds.map((background) => contrastRatio(colour, background)));
}

/**
 * `colour` itself when it stands out `minimum`:1 against every one of `backgrounds`; otherwise the nearest shade
 * of it that does, darker on light backgrounds and lighter on dark ones (a too-light brand colour becomes a
 * darker blue, not black). When no shade reaches it (backgrounds both very light and very dark), the shade with
 * the best worst case.
 */
export function shadeWithContrast(colour: string, backgrounds: readonly string[], minimum: number): string {
  const start = normalizeHex(colour);
  if (!start) throw new Error(`not a #rrggbb colour: ${colour}`);
  if (backgrounds.length === 0 || worstContrast(start, backgrounds) >= minimum) return start;
  const rgb = toRgb(start);
  let best = { colour: start, contrast: worstContrast(start, backgrounds) };
  // 1 % steps: fine enough that the result is the nearest shade to the eye, few enough to cost nothing.
  for (let step = 1; step <= 100; step++) {
    for (const target of [toRgb(BLACK), toRgb(WHITE)]) {
      const candidate = toHex(mix(rgb, target, step / 100));
      const contrast = worstContrast(candidate, backgrounds);
      if (contrast >= minimum) return candidate;
      if (contrast > best.contrast) best = { colour: candidate, contrast };
    }
  }
  return best.colour;
}
