import { availableParallelism } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { compiledMessages } from './scripts/compiled-messages.ts';

export default defineConfig({
  plugins: [react(), compiledMessages(path.join(import.meta.dirname, 'src/locales'))],
  test: {
    globals: true,
    // Vitest leaves one core to its main process by default: one worker on a 2-core CI machine. The main process
    // does little here, while each test file spends most of its time starting (a fresh jsdom, its imports), so
    // a worker per core ran the suite in 2.1 min where one took 3.3.
    maxWorkers: availableParallelism(),
    projects: [
      {
        extends: true,
        test: {
          name: 'app',
          environment: 'jsdom',
          include: ['src/**/*.test.{ts,tsx}'],
          setupFiles: ['src/test/setup.ts'],
          // The seeded database of the demo server that component tests run against (src/test/demo-server.ts).
          globalSetup: ['src/test/seeded-database.ts'],
          // A test types, clicks and waits for a real (in-process) server, and a findBy… may wait 5 s
          // (src/test/setup.ts): on a loaded 2-core machine vitest's default 5 s for a whole test ran out while
          // the page was still on its way.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: ['server/**/*.test.ts', 'contract/**/*.test.ts'],
          testTimeout: 30_000,
          // better-sqlite3 is a native module; separate processes keep each file's database to itself.
          pool: 'forks',
        },
      },
      {
        extends: true,
        test: {
          // eslint.config.js's walls, proved by linting snippets placed at real paths of the repository.
          name: 'lint',
          environment: 'node',
          include: ['eslint-walls.test.ts'],
          testTimeout: 60_000,
        },
      },
    ],
  },
});
