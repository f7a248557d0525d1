/**
 * Main-thread CPU time from a Chromium trace. Wall-clock figures (long tasks, latencies) stretch when the
 * machine is busy: a task that needs 20 ms of CPU takes 80 ms while other processes hold the CPUs. The trace
 * records, for every task of the page's main thread, both its wall time (`dur`) and its thread CPU time
 * (`tdur`), so the bench can say how much of a slow figure is the app's own work.
 */
import type { Browser, Page } from '@playwright/test';

/** One task of the page's main thread (with its microtasks), in the page's `performance.now()` milliseconds. */
export interface MainThreadTask {
  start: number;
  wallMs: number;
  cpuMs: number;
}

/** The page's main-thread tasks during a trace, and the span the trace is known to cover. */
export interface MainThread {
  tasks: MainThreadTask[];
  from: number;
  to: number;
}

export const NO_TRACE: MainThread = { tasks: [], from: 0, to: -1 };

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
}

const TASK = 'ThreadControllerImpl::RunTask';
/** Blink runs a task's microtasks (promise callbacks: where `response.json()` lands) just after it, as its own event. */
const MICROTASKS = 'BlinkScheduler_PerformMicrotaskCheckpoint';

export async function startTrace(browser: Browser, page: Page): Promise<void> {
  await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing'] });
}

/**
 * Stops the trace and returns the page's main-thread tasks. `sync` is a User Timing mark made in the page while
 * tracing: the trace knows it on the trace clock, the page on its own, which lines the two clocks up and names
 * the thread.
 */
export async function stopTrace(browser: Browser, sync: { name: string; startTime: number }): Promise<MainThread> {
  const buffer = await browser.stopTracing();
  const parsed = JSON.parse(buffer.toString('utf8')) as TraceEvent[] | { traceEvents: TraceEvent[] };
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const mark = events.findLast((event) => event.name === sync.name && event.cat.includes('blink.user_timing'));
  if (!mark) return NO_TRACE;
  const offsetUs = mark.ts - sync.startTime * 1000;
  const toPage = (ts: number) => (ts - offsetUs) / 1000;

  const own = events
    .filter((event) => event.pid === mark.pid && event.tid === mark.tid && event.ph === 'X' && event.dur !== undefined)
    .filter((event) => event.name === TASK || event.name === MICROTASKS)
    .sort((a, b) => a.ts - b.ts);
  const tasks: MainThreadTask[] = [];
  let lastEndUs = -Infinity;
  for (const event of own) {
    const endUs = event.ts + event.dur!;
    if (endUs <= lastEndUs) continue; // nested in the task before
    const previous = tasks.at(-1);
    // Thread time can come out a little above wall time (its clock is coarser): a task never had more CPU than time.
    const cpuMs = Math.min(event.tdur ?? event.dur!, event.dur!) / 1000;
    if (previous && event.name === MICROTASKS && event.ts - lastEndUs < 100) {
      previous.wallMs = toPage(endUs) - previous.start;
      previous.cpuMs += cpuMs;
    } else {
      tasks.push({ start: toPage(event.ts), wallMs: event.dur! / 1000, cpuMs });
    }
    lastEndUs = endUs;
  }
  if (tasks.length === 0) return NO_TRACE;
  return { tasks, from: tasks[0]!.start, to: toPage(lastEndUs) };
}

const covers = (thread: MainThread, from: number, to: number) => thread.from <= from && to <= thread.to + 50;

/** CPU time the main thread spent between two page times (a task half inside counts half); null if not traced. */
export function cpuBetween(thread: MainThread, from: number, to: number): number | null {
  if (!covers(thread, from, to)) return null;
  let sum = 0;
  for (const task of thread.tasks) {
    const overlap = Math.min(task.start + task.wallMs, to) - Math.max(task.start, from);
    if (overlap <= 0 || task.wallMs <= 0) continue;
    sum += task.cpuMs * (overlap / task.wallMs);
  }
  return sum;
}

/** Tasks that ran (at least partly) between two page times; null if the trace does not cover them. */
export function tasksBetween(thread: MainThread, from: number, to: number): MainThreadTask[] | null {
  if (!covers(thread, from, to)) return null;
  return thread.tasks.filter((task) => task.start < to && task.start + task.wallMs > from);
}
