/**
 * Builds the app from the current sources into a temporary directory (dist/ stays as it is, whoever uses it)
 * and weighs its JavaScript: what index.html loads up front (scripts, module preloads, and the chunks those
 * import statically, from Vite's manifest), gzip level 9; everything else is lazy.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { inlineScriptsIn } from '../server/http/security-headers';

export interface Chunk {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BuildReport {
  outDir: string;
  buildMs: number;
  initial: Chunk[];
  lazy: Chunk[];
  initialGzipBytes: number;
}

interface ManifestEntry {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

export function buildApp(root: string, outDir: string, timeoutMs: number, { minify = true } = {}): BuildReport {
  const started = performance.now();
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--manifest', '--logLevel', 'warn', ...(minify ? [] : ['--minify', 'false'])],
    { cwd: root, encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL' },
  );
  if (result.status !== 0) {
    throw new Error(`vite build failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}${result.stderr}`);
  }
  const buildMs = performance.now() - started;

  const html = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8');
  const initialFiles = new Set<string>();
  const local = (url: string) => url.replace(/^\//, '').split(/[?#]/)[0]!;
  for (const tag of html.match(/<script\b[^>]*>|<link\b[^>]*>/g) ?? []) {
    const isScript = tag.startsWith('<script');
    if (!isScript && !/\brel=["']?modulepreload\b/.test(tag)) continue;
    const url = /\b(?:src|href)=["']?([^"' >]+)/.exec(tag)?.[1];
    if (url && !/^[a-z]+:/i.test(url)) initialFiles.add(local(url));
  }

  // What the entry imports statically loads with it, preloaded or not.
  const manifestFile = path.join(outDir, '.vite', 'manifest.json');
  if (fs.existsSync(manifestFile)) {
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, ManifestEntry>;
    const byFile = new Map(Object.values(manifest).map((entry) => [entry.file, entry]));
    const queue = [...initialFiles];
    while (queue.length > 0) {
      const entry = byFile.get(queue.pop()!);
      for (const key of entry?.imports ?? []) {
        const file = manifest[key]?.file;
        if (file && !initialFiles.has(file)) {
          initialFiles.add(file);
          queue.push(file);
        }
      }
    }
  }

  const weigh = (file: string): Chunk => {
    const content = fs.readFileSync(path.join(outDir, file));
    return { file, bytes: content.length, gzipBytes: zlib.gzipSync(content, { level: 9 }).length };
  };
  const allJs = listFiles(outDir).filter((file) => file.endsWith('.js'));
  const initial = [...initialFiles].filter((file) => file.endsWith('.js')).sort().map(weigh);
  // Scripts written into the page itself are initial JavaScript too.
  const inlineScripts = inlineScriptsIn(html).join('\n');
  if (inlineScripts.trim() !== '') {
    const content = Buffer.from(inlineScripts);
    initial.push({ file: 'index.html (inline script)', bytes: content.length, gzipBytes: zlib.gzipSync(content, { level: 9 }).length });
  }
  const lazy = allJs.filter((file) => !initialFiles.has(file)).sort().map(weigh);
  return { outDir, buildMs, initial, lazy, initialGzipBytes: initial.reduce((sum, chunk) => sum + chunk.gzipBytes, 0) };
}

function listFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.name.startsWith('.')) return [];
    return entry.isDirectory() ? listFiles(dir, relative) : [relative];
  });
}
