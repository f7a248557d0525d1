/**
 * Figure 14 as a person meets it: a page load with no DevTools attached. The bench's own browser is driven
 * through DevTools, and Chromium then keeps a copy of every response body for the Network panel: for a 5 MB
 * list that costs the page's main thread ~70 ms between the last byte and the body in the page, which no person
 * pays. So this browser is started apart, with a debugging port; the bench connects to sign in and to ask the
 * page to navigate a moment later, disconnects (which detaches DevTools), and connects again only once the
 * roster has painted, to read the page's own timings.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';

/** One page load, on the page's clock (0 = the navigation's start). */
export interface UnobservedLoad {
  domContentLoaded: number;
  /** The participants request: fetch() called, sent, first byte, last byte. */
  startTime: number;
  requestStart: number;
  responseStart: number;
  responseEnd: number;
  listed: number;
  painted: number;
}

/** How long the page is left alone after it was asked to navigate: a 10,000 roster paints well within it. */
const ALONE_MS = 6_000;
const NAVIGATE_AFTER_MS = 1_000;

// tsx names functions through a `__name` helper, which the pages do not have; as a string, the CSP does not apply.
const DEFINE_NAME_HELPER = 'globalThis.__name ??= (target) => target';

async function startChromium(userDataDir: string): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  const child = spawn(
    CHROMIUM_PATH,
    [...CHROMIUM_ARGS, '--headless=new', '--remote-debugging-port=0', `--user-data-dir=${userDataDir}`, '--window-size=1280,800', 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  let output = '';
  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Chromium gave no DevTools address in 30 s:\n${output}`)), 30_000);
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const address = /DevTools listening on (ws:\/\/\S+)/.exec(output)?.[1];
      if (address) {
        clearTimeout(timer);
        resolve(address);
      }
    });
    child.once('exit', () => reject(new Error(`Chromium stopped:\n${output}`)));
  });
  return { endpoint, stop };
}

async function attach(endpoint: string): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.connectOverCDP(endpoint);
  const page = browser.contexts()[0]?.pages()[0];
  if (!page) throw new Error('the unobserved browser has no page');
  page.setDefaultTimeout(30_000);
  await page.evaluate(DEFINE_NAME_HELPER);
  return { browser, page };
}

const painted = () => performance.getEntriesByName('rollcall:roster-rows-painted', 'mark').length > 0;

/**
 * `runs` loads of `pagePath` (a conversation, `/rooms/TOKEN`, or the bench's floor page), each from the
 * conversations page, by alice signed in through the form, with the page visited once before (as the bench's
 * own browser has).
 */
export async function unobservedLoads(
  base: string,
  pagePath: string,
  runs: number,
  cleanups: (() => unknown)[],
): Promise<UnobservedLoad[]> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rollcall-bench-chromium-'));
  cleanups.push(() => fs.rmSync(userDataDir, { recursive: true, force: true }));
  const chromiumProcess = await startChromium(userDataDir);
  cleanups.push(chromiumProcess.stop);

  let { browser, page } = await attach(chromiumProcess.endpoint);
  await page.goto(`${base}/login`);
  await page.getByLabel('Account').fill('alice');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Conversations' }).waitFor();
  await page.goto(`${base}${pagePath}`);
  await page.evaluate(DEFINE_NAME_HELPER);
  await page.waitForFunction(painted, undefined, { timeout: 60_000, polling: 100 });

  const loads: UnobservedLoad[] = [];
  for (let run = 0; run < runs; run++) {
    await page.goto(`${base}/`);
    await page.getByRole('heading', { name: 'Conversations' }).waitFor();
    await page.evaluate(DEFINE_NAME_HELPER);
    await page.evaluate(([address, delay]) => void setTimeout(() => location.assign(address), delay), [`${base}${pagePath}`, NAVIGATE_AFTER_MS] as const);
    // Disconnecting detaches DevTools from the page; the browser goes on.
    await browser.close();
    await new Promise((resolve) => setTimeout(resolve, NAVIGATE_AFTER_MS + ALONE_MS));
    ({ browser, page } = await attach(chromiumProcess.endpoint));
    // A loaded machine may need longer: waiting now (observed) changes nothing that already happened.
    await page.waitForFunction(painted, undefined, { timeout: 60_000, polling: 100 });
    loads.push(
      await page.evaluate(() => {
        const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const list = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((entry) =>
          new URL(entry.name).pathname.endsWith('/participants'),
        );
        if (!list) throw new Error('the page made no participants request');
        const mark = (name: string) => performance.getEntriesByName(name, 'mark')[0]?.startTime ?? Number.NaN;
        return {
          domContentLoaded: navigation.domContentLoadedEventStart,
          startTime: list.startTime,
          requestStart: list.requestStart,
          responseStart: list.responseStart,
          responseEnd: list.responseEnd,
          listed: mark('rollcall:participants-listed'),
          painted: mark('rollcall:roster-rows-painted'),
        };
      }),
    );
  }
  await browser.close();
  return loads;
}
