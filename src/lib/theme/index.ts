/** The server's look (Nextcloud's theming capability) and the colour arithmetic that keeps it readable. */
export { contrastRatio, normalizeHex, readableTextOn, relativeLuminance, shadeWithContrast } from './color';
export { paletteFor, type SchemeBackgrounds, type ThemePalette } from './palette';
export { NEXTCLOUD_LOGO_PATHS, themeFromCapabilities, type ServerTheme } from './theming';
export { DEFAULT_PRODUCT_NAME, PageTitle, SERVER_THEME_KEY, serverThemeQuery, useProductName, useServerTheme } from './react';
