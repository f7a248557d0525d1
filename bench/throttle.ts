/**
 * `node --import tsx bench/throttle.ts`: what password guessing costs the demo server (issue 12, point 2), as
 * figures, not tests. Separate from `npm run bench` (no browser needed); on a shared machine run it a few times.
 *
 * 1. An unrelated request (capabilities) sent right after 40 concurrent wrong sign-ins at one account, against a
 *    server process of its own: the median over fresh servers, beside the same request with 40 anonymous
 *    requests instead (what 40 concurrent connections cost anyway).
 * 2. How long a wrong password takes for a known and for an unknown account (median), with the throttle's waits
 *    set to zero so that only the check is timed: equal figures mean timing does not tell which accounts exist.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { NEXTCLOUD_THROTTLE } from '../server/http/throttle';
import { Client, startTestServer, type TestServer } from '../server/test/harness';
import { spawnServer, stopAll } from '../server/test/process';

const ROUNDS = 5;
const GUESSES = 40;
const CURRENT_USER = '/ocs/v2.php/cloud/user';
const CAPABILITIES = '/ocs/v2.php/cloud/capabilities';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** The unrelated request's time while `crowd` requests are in flight, on a fresh server process. */
async function unrelatedDuring(crowd: (target: TestServer) => Promise<unknown>): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rollcall-bench-throttle-'));
  try {
    const server = await spawnServer({ env: { DATA_DIR: dataDir } });
    const target = { url: server.url } as TestServer;
    await Client.as(target).request('GET', CAPABILITIES);
    const inFlight = Array.from({ length: GUESSES }, () => crowd(target));
    const unrelated = await timed(() => Client.as(target).request('GET', CAPABILITIES));
    await Promise.all(inFlight);
    return unrelated;
  } finally {
    await stopAll();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const duringGuesses: number[] = [];
  const duringAnonymous: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let guess = 0;
    duringGuesses.push(await unrelatedDuring((target) => Client.as(target, 'alice', `guess ${guess++}`).request('GET', CURRENT_USER)));
    duringAnonymous.push(await unrelatedDuring((target) => Client.as(target).request('GET', CURRENT_USER)));
  }

  const server = await startTestServer({ throttle: { policy: { ...NEXTCLOUD_THROTTLE, maxFailures: 1_000_000, firstDelayMs: 0 } } });
  const known: number[] = [];
  const unknown: number[] = [];
  try {
    for (let attempt = 0; attempt < 21; attempt++) {
      known.push(await timed(() => Client.as(server, 'alice', `wrong ${attempt}`).request('GET', CURRENT_USER)));
      unknown.push(await timed(() => Client.as(server, `nobody${attempt}`, `wrong ${attempt}`).request('GET', CURRENT_USER)));
    }
  } finally {
    await server.close();
  }

  const ms = (value: number) => `${value.toFixed(0)} ms`;
  console.log(`${GUESSES} concurrent wrong guesses: unrelated request answered in ${ms(median(duringGuesses))} (median of ${ROUNDS});`);
  console.log(`  with ${GUESSES} anonymous requests instead: ${ms(median(duringAnonymous))}.`);
  console.log(`Wrong password, known / unknown account: median ${ms(median(known))} / ${ms(median(unknown))}.`);
  console.log(`(${os.availableParallelism()} cores, load average ${os.loadavg()[0]!.toFixed(1)})`);
}

await main();
