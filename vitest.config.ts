import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    globals: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'app',
          environment: 'jsdom',
          include: ['src/**/*.test.{ts,tsx}'],
          setupFiles: ['src/test/setup.ts'],
          // A findBy… may wait 5 s (src/test/setup.ts) and a journey has several: on a loaded 2-core machine the
          // default 5 s for the whole test ran out while the page was still on its way.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: ['server/**/*.test.ts'],
          testTimeout: 30_000,
          // better-sqlite3 is a native module; separate processes keep each file's database to itself.
          pool: 'forks',
        },
      },
    ],
  },
});
