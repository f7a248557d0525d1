#!/usr/bin/env node
// Playwright drives the system Chromium (playwright.config.ts points at it) instead of downloading its own
// browser build, so the end-to-end tests need the Debian package. Installs it when it is missing.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const CHROMIUM = '/usr/bin/chromium';

if (existsSync(CHROMIUM)) {
  console.log(`ensure-chromium: ${CHROMIUM} is present.`);
  process.exit(0);
}

if (process.platform !== 'linux' || typeof process.getuid !== 'function' || process.getuid() !== 0) {
  console.error(
    `ensure-chromium: ${CHROMIUM} is missing and this script can only install it as root on Debian/Ubuntu.\n` +
      'Install it yourself (e.g. `sudo apt-get install -y chromium`) and run the tests again.',
  );
  process.exit(1);
}

function run(command, args) {
  console.log(`ensure-chromium: running: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error || result.status !== 0) {
    const reason = result.error ? result.error.message : `exit status ${result.status}`;
    console.error(`ensure-chromium: \`${command} ${args.join(' ')}\` failed (${reason}).`);
    process.exit(1);
  }
}

console.log(`ensure-chromium: ${CHROMIUM} is missing; installing the chromium package with apt-get.`);
run('apt-get', ['update']);
run('apt-get', ['install', '-y', 'chromium']);

if (!existsSync(CHROMIUM)) {
  console.error(`ensure-chromium: apt-get finished but ${CHROMIUM} still does not exist.`);
  process.exit(1);
}
console.log(`ensure-chromium: installed ${CHROMIUM}.`);
