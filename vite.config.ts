import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compiledMessages } from './scripts/compiled-messages.ts';

// Talk servers send no CORS headers, so in development the API is reached through Vite on the app's own
// origin, exactly as the rollcall server serves both in production.
const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? 8080}`;

export default defineConfig({
  // The catalogues in src/locales, compiled at build time: the browser never ships the ICU parser.
  plugins: [react(), compiledMessages(path.join(import.meta.dirname, 'src/locales'))],
  server: {
    proxy: {
      '/ocs': { target: apiTarget },
      '/index.php': { target: apiTarget },
    },
  },
  build: {
    // The initial JavaScript has a budget of 150 kB gzip (`npm run bench` judges it): this column shows it early.
    reportCompressedSize: true,
  },
});
