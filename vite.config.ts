import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { compiledMessages } from './scripts/compiled-messages.ts';

// Talk servers send no CORS headers, so in development the API is reached through Vite on the app's own
// origin, exactly as the rollcall server serves both in production.
const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? 8080}`;

const EARLY_SCRIPT_MARK = '<!-- early-roster.js -->';

/**
 * Puts src/lib/api/early-roster.js into index.html itself, where its mark is: a script file would be one more
 * request (or revalidation) in front of the participants request that script exists to start. The server allows
 * it in its Content-Security-Policy by its hash (server/http/security-headers.ts).
 */
function inlineEarlyRoster(file: string): Plugin {
  return {
    name: 'rollcall:inline-early-roster',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        if (!html.includes(EARLY_SCRIPT_MARK)) throw new Error(`index.html has no ${EARLY_SCRIPT_MARK} for the early roster script`);
        return html.replace(EARLY_SCRIPT_MARK, () => `<script>${fs.readFileSync(file, 'utf8').trim()}</script>`);
      },
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    // The catalogues in src/locales, compiled at build time: the browser never ships the ICU parser.
    compiledMessages(path.join(import.meta.dirname, 'src/locales')),
    inlineEarlyRoster(path.join(import.meta.dirname, 'src/lib/api/early-roster.js')),
  ],
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
