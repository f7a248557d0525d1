/**
 * How tests and the bench start a browser here: Debian's Chromium (scripts/ensure-chromium.mjs installs it),
 * never a downloaded build, with the flags a root user on a machine without internet needs.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  // Chromium refuses to run as root inside its sandbox.
  '--no-sandbox',
  '--disable-gpu',
  // No internet: without these, Chromium keeps trying to reach Google's services.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
