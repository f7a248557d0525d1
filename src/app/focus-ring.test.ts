import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The focus ring must stand out at least 3:1 against what it is drawn on (WCAG 2.4.13, 1.4.11). Computed from
// the stylesheets themselves, so changing a colour there is what this test judges.
const SRC = path.resolve(import.meta.dirname, '..');
const appCss = fs.readFileSync(path.join(SRC, 'app/app.css'), 'utf8');
const uiCss = fs.readFileSync(path.join(SRC, 'components/ui/ui.css'), 'utf8');

/** The body of the first rule whose selector is exactly `selector`. */
function rule(css: string, selector: string): string {
  const start = css.search(new RegExp(`(^|\\n)${selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\{`));
  if (start < 0) throw new Error(`no rule ${selector}`);
  const open = css.indexOf('{', start);
  return css.slice(open + 1, css.indexOf('}', open));
}

function declared(body: string, property: string): string {
  const value = new RegExp(`${property}:\\s*([^;]+);`).exec(body)?.[1]?.trim();
  if (!value) throw new Error(`no ${property}`);
  return value;
}

function luminance(hex: string): number {
  const match = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [0, 2, 4].map((at) => {
    const channel = parseInt(match[1]!.slice(at, at + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

const lightRoot = rule(appCss, ':root');
/** The dark scheme's :root, inside its media query; what it does not set, it takes from the light one. */
const darkRoot = (() => {
  const media = appCss.indexOf('@media (prefers-color-scheme: dark)');
  if (media < 0) throw new Error('no dark scheme');
  const open = appCss.indexOf(':root {', media) + ':root '.length;
  return appCss.slice(open + 1, appCss.indexOf('}', open));
})();

function token(scheme: 'light' | 'dark', name: string): string {
  if (scheme === 'dark' && new RegExp(`${name}:`).test(darkRoot)) return declared(darkRoot, name);
  return declared(lightRoot, name);
}

const SURFACES = [
  '--color-background',
  '--color-surface',
  '--color-notice-background',
  '--color-danger-background',
  '--color-border',
];

describe('the focus ring', () => {
  it('is drawn in the focus colour', () => {
    expect(declared(rule(appCss, ':focus-visible'), 'outline')).toContain('var(--color-focus)');
  });

  describe.each(['light', 'dark'] as const)('in the %s scheme', (scheme) => {
    it.each(SURFACES)('stands out 3:1 against %s', (background) => {
      expect(contrast(token(scheme, '--color-focus'), token(scheme, background))).toBeGreaterThanOrEqual(3);
    });
  });

  it('takes the text colour of the header, which is drawn in the primary colour', () => {
    const header = rule(appCss, '.app-header');
    expect(declared(header, '--color-focus')).toBe('var(--color-primary-text)');
    expect(declared(header, 'background')).toBe('var(--color-primary)');
    for (const scheme of ['light', 'dark'] as const) {
      expect(contrast(token(scheme, '--color-primary-text'), token(scheme, '--color-primary'))).toBeGreaterThanOrEqual(3);
    }
  });

  it.each(['.ui-notice', '.ui-notice--undo-failed'])('stands out 3:1 on the dark notices (%s)', (selector) => {
    const focus = declared(rule(uiCss, '.ui-notice'), '--color-focus');
    expect(contrast(focus, declared(rule(uiCss, selector), 'background'))).toBeGreaterThanOrEqual(3);
  });
});
