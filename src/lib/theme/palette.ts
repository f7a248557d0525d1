import { NON_TEXT_CONTRAST, TEXT_CONTRAST, readableTextOn, shadeWithContrast } from './color';

/** The colours rollcall derives from the server's colour, for one colour scheme. */
export interface ThemePalette {
  /** Filled controls (primary buttons, a switch that is on, the active menu item): the server's colour itself. */
  primary: string;
  /** Text on `primary`. */
  onPrimary: string;
  /** Links and other text in the theme colour: the server's colour, or the nearest shade that reads at 4.5:1. */
  accent: string;
  /** The focus ring: the server's colour, or the nearest shade that stands out 3:1. */
  focus: string;
}

/** What the scheme's colours are drawn on, read from its stylesheet (app/app.css). */
export interface SchemeBackgrounds {
  /** Where themed text appears: the page, panels, notices. */
  text: readonly string[];
  /** Where the focus ring is drawn: the above and the borders. */
  focus: readonly string[];
}

export function paletteFor(colour: string, textColour: string | null, backgrounds: SchemeBackgrounds): ThemePalette {
  return {
    primary: colour,
    onPrimary: readableTextOn(colour, textColour),
    accent: shadeWithContrast(colour, backgrounds.text, TEXT_CONTRAST),
    focus: shadeWithContrast(colour, backgrounds.focus, NON_TEXT_CONTRAST),
  };
}
