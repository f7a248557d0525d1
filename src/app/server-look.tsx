/**
 * The server's look on the page: its colour as rollcall's primary colour (CSS custom properties on :root, set
 * from here because the CSP allows no inline styles in the HTML), and its name and logo in the header.
 */
import { useEffect } from 'react';
import { normalizeHex, paletteFor, useProductName, useServerTheme, type SchemeBackgrounds } from '../lib/theme';

const DARK_SCHEME = '(prefers-color-scheme: dark)';

/** The stylesheet's surfaces of the current scheme (app/app.css); themed text and the focus ring sit on these. */
const TEXT_BACKGROUNDS = ['--color-background', '--color-surface', '--color-notice-background', '--color-danger-background'];
const FOCUS_BACKGROUNDS = [...TEXT_BACKGROUNDS, '--color-border'];

/** The properties the theme sets; app/app.css gives each rollcall's own value per scheme. */
const THEMED_PROPERTIES = ['--color-primary', '--color-primary-text', '--color-accent', '--color-focus'] as const;

function readBackgrounds(root: HTMLElement): SchemeBackgrounds {
  const style = getComputedStyle(root);
  const read = (names: readonly string[]) =>
    names.map((name) => normalizeHex(style.getPropertyValue(name))).filter((value): value is string => value !== null);
  return { text: read(TEXT_BACKGROUNDS), focus: read(FOCUS_BACKGROUNDS) };
}

function paint(root: HTMLElement, colour: string, textColour: string | null) {
  // The surfaces are the stylesheet's own: the properties this sets do not feed back into them.
  const palette = paletteFor(colour, textColour, readBackgrounds(root));
  root.style.setProperty('--color-primary', palette.primary);
  root.style.setProperty('--color-primary-text', palette.onPrimary);
  root.style.setProperty('--color-accent', palette.accent);
  root.style.setProperty('--color-focus', palette.focus);
}

/**
 * Renders nothing; keeps :root's colours in step with the server's theme and the colour scheme (the shades that
 * keep their contrast differ between light and dark). Without a theme, the stylesheet's own colours stand.
 */
export function ServerColours() {
  const theme = useServerTheme();
  const colour = theme?.colour ?? null;
  const textColour = theme?.textColour ?? null;

  useEffect(() => {
    if (!colour) return;
    const root = document.documentElement;
    paint(root, colour, textColour);
    const scheme = typeof window.matchMedia === 'function' ? window.matchMedia(DARK_SCHEME) : null;
    const repaint = () => paint(root, colour, textColour);
    scheme?.addEventListener('change', repaint);
    return () => {
      scheme?.removeEventListener('change', repaint);
      for (const property of THEMED_PROPERTIES) root.style.removeProperty(property);
    };
  }, [colour, textColour]);

  return null;
}

/** The server's logo (when it has one) and name, as the header shows them. */
export function ServerBrand() {
  const logoUrl = useServerTheme()?.logoUrl ?? null;
  const name = useProductName();
  return (
    <>
      {logoUrl && (
        // A logo that does not load (a proxy that does not forward it) is left out rather than shown broken.
        <img className="app-logo" src={logoUrl} alt="" height={28} onError={(event) => (event.currentTarget.hidden = true)} />
      )}
      {name}
    </>
  );
}
