/**
 * Optional CPU profiles of loading a roster, scrolling it and typing in its search, for finding where the time goes. Set BENCH_PROFILE to
 * a directory: the bench then builds the app unminified (function names stay readable; the figures of such a
 * run are not the ones to report), writes one `.cpuprofile` per roster there (Chrome DevTools opens them) and
 * prints the functions with the most self time.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';

export const PROFILE_DIR = process.env.BENCH_PROFILE ? path.resolve(process.env.BENCH_PROFILE) : null;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Runs `phase` under the V8 sampling profiler when BENCH_PROFILE is set; otherwise just runs it. */
export async function profiled<T>(page: Page, name: string, phase: () => Promise<T>): Promise<T> {
  if (!PROFILE_DIR) return phase();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  try {
    return await phase();
  } finally {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    await cdp.detach();
    fs.mkdirSync(PROFILE_DIR, { recursive: true });
    const file = path.join(PROFILE_DIR, `${name}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(profile));
    process.stderr.write(`bench: CPU profile of ${name} in ${file}\n${topSelfTime(profile, 25)}\n`);
  }
}

/** Self time per function, from the samples and their time deltas, most first. */
function topSelfTime(profile: CpuProfile, limit: number): string {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const node = byNode.get(samples[i]!);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    const where = url ? `${url.split('/').pop()}:${lineNumber + 1}` : '';
    const label = `${functionName || '(anonymous)'} ${where}`.trim();
    selfUs.set(label, (selfUs.get(label) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0));
  }
  return [...selfUs]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([label, us]) => `  ${(us / 1000).toFixed(1).padStart(8)} ms  ${label}`)
    .join('\n');
}
