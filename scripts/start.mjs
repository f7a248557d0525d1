// `npm start`: build the app when the sources are newer than the build, then run the server in this process
// (one process, so signals and a kill reach the server itself).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const distIndex = path.join(process.env.DIST_DIR ?? path.join(root, 'dist'), 'index.html');

function newestMtime(entry) {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) {
    if (child.endsWith('.test.ts') || child.endsWith('.test.tsx')) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

function appNeedsBuild() {
  if (!fs.existsSync(distIndex)) return true;
  const built = fs.statSync(distIndex).mtimeMs;
  const sources = ['src', 'contract', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((entry) => path.join(root, entry));
  return sources.some((source) => fs.existsSync(source) && newestMtime(source) > built);
}

// Two servers may start at once (the e2e runs start a v4 and a v1 server): one builds, the other waits.
const buildLock = path.join(root, '.build.lock');
const STALE_LOCK_MS = 5 * 60 * 1000;
while (appNeedsBuild()) {
  try {
    fs.mkdirSync(buildLock);
  } catch {
    const lockedSince = fs.statSync(buildLock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
    if (Date.now() - lockedSince > STALE_LOCK_MS) fs.rmSync(buildLock, { recursive: true, force: true });
    await new Promise((resolve) => setTimeout(resolve, 500));
    continue;
  }
  let buildFailed = false;
  try {
    if (appNeedsBuild()) {
      console.log('Building the app (dist/ is missing or older than the sources)…');
      const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
      buildFailed = spawnSync(process.execPath, [vite, 'build'], { cwd: root, stdio: 'inherit' }).status !== 0;
    }
  } finally {
    fs.rmSync(buildLock, { recursive: true, force: true });
  }
  if (buildFailed) {
    console.error('The build failed; see above.');
    process.exit(1);
  }
  break;
}

const { register } = await import('tsx/esm/api');
register();
await import(path.join(root, 'server', 'index.ts'));
