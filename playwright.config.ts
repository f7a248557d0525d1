import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/chromium';

/** Every journey runs twice: against a current (v4) Talk and against a v1-only one, as Talk before version 12. */
const servers = [
  { talkApi: 'v4', port: Number(process.env.E2E_PORT ?? 8190) },
  { talkApi: 'v1', port: Number(process.env.E2E_PORT ?? 8190) + 1 },
] as const;
const baseURLOf = (port: number) => `http://127.0.0.1:${port}`;
// Every run starts from a freshly seeded database that no other run (or the developer's demo) shares.
// Worker processes load this file too; the environment hands them the runner's directory instead of a new one.
const DATA_DIR_VARIABLE = 'ROLLCALL_E2E_DATA_DIR';
let dataDir = process.env[DATA_DIR_VARIABLE];
if (!dataDir) {
  const createdDir = mkdtempSync(path.join(tmpdir(), 'rollcall-e2e-'));
  process.env[DATA_DIR_VARIABLE] = dataDir = createdDir;
  // By the time the runner exits it has stopped the server, so the database can go.
  process.on('exit', () => rmSync(createdDir, { recursive: true, force: true }));
}

export default defineConfig({
  testDir: 'e2e',
  // Each project has a seeded server of its own, which its specs share: within a project they run one at a time
  // (the project's `workers: 1` below), which keeps what each one sees predictable. The two projects touch nothing
  // in common, so they run side by side: most of a journey's time is spent waiting (for a page's next poll, a
  // keep-alive, a second person), which the other project's journeys can use.
  workers: servers.length,
  // Journeys with a second person wait for pages that poll (the lobby lifting, a let-in guest): up to ~15 s each
  // by design. Playwright's 30 s per test left too little room for that on a loaded 2-core machine.
  timeout: 60_000,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? 'list' : [['list'], ['html', { open: 'never' }]],
  projects: servers.map(({ talkApi, port }) => ({
    name: `talk-${talkApi}`,
    use: { baseURL: baseURLOf(port) },
    workers: 1,
  })),
  use: {
    // The UI contract is English; a journey in another language says so (e2e/german.spec.ts).
    locale: 'en-US',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  webServer: servers.map(({ talkApi, port }) => ({
    command: 'node scripts/start.mjs --reset',
    // The app root answers with index.html once the server is up; /ocs would need the OCS header.
    url: `${baseURLOf(port)}/`,
    env: { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: path.join(dataDir, talkApi), TALK_API: talkApi },
    reuseExistingServer: false,
    // The first start may build the app.
    timeout: 180_000,
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
  })),
});
