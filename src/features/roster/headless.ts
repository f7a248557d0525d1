/**
 * The roster's public entry for code that runs in Node without a bundler (bench/): only what needs no React
 * view and no stylesheet, which index.ts (the app's entry) cannot promise. eslint.config.js holds it to that.
 */
export { searchable } from './search-text';
export { LARGE_ROSTER_HINT_GAP_MS, rosterPollInterval } from './refetch-policy';
