/**
 * The bench's in-page side. `installProbes` is handed to Playwright's `addInitScript`, so it runs in Chromium
 * before the app on every page load, serialised from its source: it may use only browser globals, and
 * everything it needs lives inside it. The Node side calls the methods it installs on `window.__bench`.
 */

export interface LongTask {
  start: number;
  duration: number;
}

export interface FetchTiming {
  /** When the app asked for it (fetch() called): a request waiting for a connection has started already. */
  startTime: number;
  requestStart: number;
  responseStart: number;
  responseEnd: number;
  transferSize: number;
  decodedBodySize: number;
}

export interface FirstRows {
  fetch: FetchTiming;
  /** The page's DOMContentLoaded (its start), on the page's clock, whose 0 is the navigation's start. */
  domContentLoaded: number;
  received: number;
  painted: number;
}

/** The participants requests a worker made, in its own clock, and where that clock starts (epoch ms). */
export interface WorkerFetches {
  timeOrigin: number;
  fetches: FetchTiming[];
}

/** The participants requests of a worker (the app's lists are fetched there), read inside that worker. */
export function workerParticipantFetches(): WorkerFetches {
  const fetches = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
    .filter((entry) => new URL(entry.name).pathname.endsWith('/participants'))
    .map((entry) => ({
      startTime: entry.startTime,
      requestStart: entry.requestStart,
      responseStart: entry.responseStart,
      responseEnd: entry.responseEnd,
      transferSize: entry.transferSize,
      decodedBodySize: entry.decodedBodySize,
    }));
  return { timeOrigin: performance.timeOrigin, fetches };
}

/** The worst Long Animation Frame of a phase, as words: where its time went. */
export type WorstFrame = string | null;

/** A phase's span, in the page's `performance.now()` milliseconds. */
export interface Span {
  from: number;
  to: number;
}

export interface ScrollResult extends Span {
  worstFrame: WorstFrame;
  steps: number;
  durationMs: number;
  longTasks: LongTask[];
  maxFrameGapMs: number;
  maxRowsInDom: number;
  scrollHeight: number;
}

export interface Keystroke {
  value: string;
  /** When the input event was dispatched. */
  at: number;
  /** Input event dispatched → the frame showing the new summary/rows has painted; null if it never showed. */
  paintedMs: number | null;
  /** Input event dispatched → React committed the filtered list. */
  committedMs: number | null;
  summary: string;
}

export interface RefetchResult extends Span {
  fetched: boolean;
  mutations: number;
  /** A few mutation records, described, to say why rows changed. */
  examples: string[];
  longTasks: LongTask[];
  worstFrame: WorstFrame;
  /** Dispatch → the new list in the page (fetched and compared in the app's worker). */
  readyMs: number | null;
  /** List in the page → main thread calm again (end of the last long task after it). */
  busyAfterReadyMs: number | null;
}

export interface ExportResult extends Span {
  /** Click on "Export CSV" → its live region says "Exported …"; null when it never did. */
  finishedMs: number | null;
  /** The live region's last words. */
  message: string;
  /** How many different "Exporting N of M…" the live region showed on the way. */
  progressUpdates: number;
  longTasks: LongTask[];
  worstFrame: WorstFrame;
  /** The longest wait between two animation frames while exporting: the page's own freeze, as a person sees it. */
  maxFrameGapMs: number;
}

export interface Toggle extends Span {
  label: string;
  /** Click → the watched text changed (React committed); null if it never did within the timeout. */
  committedMs: number | null;
  /** Click → the frame showing it has painted; null if it never showed. */
  paintedMs: number | null;
  /** The watched text afterwards. */
  text: string;
  longTasks: LongTask[];
  worstFrame: WorstFrame;
}

export interface BenchApi {
  /** Makes a User Timing mark that lines the page's clock up with a trace's (trace.ts); returns its time. */
  syncMark(name: string): number;
  /** The first list of this visit; `workerFetches` are those a worker made (the page's own timeline misses them). */
  firstRows(workerFetches: WorkerFetches | null): FirstRows | null;
  pausePolling(): void;
  /** Lets the app poll again, as a visible tab does, without the refetch a returning tab makes. */
  resumePolling(): void;
  seen(): { rows: number; avatarUrls: number };
  scrollThrough(options: { pageSteps: number; jumpSteps: number; budgetMs: number }): Promise<ScrollResult>;
  type(
    values: string[],
    options: { timeoutMs: number; pauseMs: number },
  ): Promise<Span & { keystrokes: Keystroke[]; longTasks: LongTask[]; worstFrame: WorstFrame }>;
  refetch(options: { timeoutMs: number }): Promise<RefetchResult>;
  /** Clicks "Export CSV" and waits for the file (the roster's live region says when it is handed over). */
  exportCsv(options: { timeoutMs: number }): Promise<ExportResult>;
  /**
   * Clicks the checkbox labelled `label` (a filter, "Select all shown") and times it until the text of `watch`
   * (a CSS selector: the count, the selection's count) changed and was painted.
   */
  toggle(options: { label: string; watch: string; timeoutMs: number }): Promise<Toggle>;
}

declare global {
  interface Window {
    __bench: BenchApi;
  }
}

export function installProbes(): void {
  const longTasks: LongTask[] = [];
  const participantFetches: FetchTiming[] = [];
  const seenRows = new Set<string>();
  const seenAvatars = new Set<string>();
  let hidden = false;

  // React Query polls the roster only while `document.visibilityState` is "visible" (refetchIntervalInBackground
  // is false). The bench holds polling between its phases, so a background refetch (figure 4, measured on its
  // own) does not land inside the scroll or search figures; the tab itself stays visible and painting.
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });

  performance.setResourceTimingBufferSize(100_000);
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No Long Tasks API: the figures that need it say so.
  }
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as PerformanceResourceTiming[]) {
      if (!new URL(entry.name).pathname.endsWith('/participants')) continue;
      participantFetches.push({
        startTime: entry.startTime,
        requestStart: entry.requestStart,
        responseStart: entry.responseStart,
        responseEnd: entry.responseEnd,
        transferSize: entry.transferSize,
        decodedBodySize: entry.decodedBodySize,
      });
    }
  }).observe({ type: 'resource', buffered: true });
  // Long Animation Frames (Chromium): unlike long tasks, they say where a slow frame's time went.
  interface FrameScript {
    duration: number;
    invoker: string;
    sourceURL: string;
    sourceFunctionName: string;
  }
  interface AnimationFrame extends PerformanceEntry {
    renderStart: number;
    styleAndLayoutStart: number;
    scripts: FrameScript[];
  }
  const frames: AnimationFrame[] = [];
  try {
    new PerformanceObserver((list) => {
      frames.push(...(list.getEntries() as AnimationFrame[]));
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // No Long Animation Frames API: phases report no worst frame.
  }
  const worstFrameBetween = (from: number, to: number): WorstFrame => {
    const inside = frames.filter((frame) => frame.startTime < to && frame.startTime + frame.duration > from);
    if (inside.length === 0) return null;
    const worst = inside.reduce((a, b) => (b.duration > a.duration ? b : a));
    const end = worst.startTime + worst.duration;
    const script = worst.scripts.reduce((sum, entry) => sum + entry.duration, 0);
    const layout = worst.styleAndLayoutStart > 0 ? end - worst.styleAndLayoutStart : 0;
    const top = [...worst.scripts].sort((a, b) => b.duration - a.duration)[0];
    const file = top ? (top.sourceURL.split('/').pop() ?? '') : '';
    const where = top ? ` (mostly ${top.invoker || 'script'}${top.sourceFunctionName ? ` ${top.sourceFunctionName}` : ''}${file ? ` in ${file}` : ''}: ${Math.round(top.duration)} ms)` : '';
    // The rest is neither script nor layout: paint, garbage collection, or the renderer waiting for a CPU.
    const other = Math.max(0, worst.duration - script - layout);
    return (
      `${Math.round(worst.duration)} ms frame: scripts ${Math.round(script)} ms${where}, ` +
      `style and layout ${Math.round(layout)} ms, other ${Math.round(other)} ms`
    );
  };

  // Chromium has been seen to stop producing frames for a headless page now and then: a frame that does not
  // come within a second counts as one (the frame-gap figure then shows the second), instead of hanging the run.
  const FRAME_WAIT_MS = 1_000;
  const frame = () =>
    new Promise<number>((resolve) => {
      const timer = setTimeout(() => resolve(performance.now()), FRAME_WAIT_MS);
      requestAnimationFrame((time) => {
        clearTimeout(timer);
        resolve(time);
      });
    });
  // After the animation frame, a task: the frame's paint has happened by then.
  const nextPaint = () => frame().then(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  const tasksBetween = (from: number, to: number) => longTasks.filter((task) => task.start < to && task.start + task.duration > from);
  const list = () => {
    const element = document.querySelector<HTMLUListElement>('ul[aria-label="Participants"]');
    if (!element) throw new Error('bench: the participants list is not on the page');
    return element;
  };
  const sample = () => {
    const rows = list().querySelectorAll<HTMLLIElement>('li[data-index]');
    for (const row of rows) {
      seenRows.add(row.dataset.index!);
      const avatar = row.querySelector('img');
      if (avatar) seenAvatars.add(avatar.getAttribute('src') ?? '');
    }
    return rows.length;
  };

  const api: BenchApi = {
    syncMark(name) {
      return performance.mark(name).startTime;
    },

    firstRows(workerFetches) {
      // The first list of this page visit (refetches are marked too, later).
      const received = performance.getEntriesByName('rollcall:participants-listed', 'mark')[0];
      const painted = performance.getEntriesByName('rollcall:roster-rows-painted', 'mark')[0];
      // A worker's clock starts when the worker does: its times move onto the page's clock by the difference.
      const shift = workerFetches ? workerFetches.timeOrigin - performance.timeOrigin : 0;
      const inWorker = workerFetches?.fetches[0];
      const shifted = inWorker && {
        ...inWorker,
        startTime: inWorker.startTime + shift,
        requestStart: inWorker.requestStart + shift,
        responseStart: inWorker.responseStart + shift,
        responseEnd: inWorker.responseEnd + shift,
      };
      // The first list is whichever was asked first: the worker's, or (where the page fetched it itself) the page's.
      const fetch = [participantFetches[0], shifted].filter((timing) => timing !== undefined).sort((a, b) => a.requestStart - b.requestStart)[0];
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      if (!received || !painted || !fetch || !navigation) return null;
      sample();
      return { fetch, domContentLoaded: navigation.domContentLoadedEventStart, received: received.startTime, painted: painted.startTime };
    },

    pausePolling() {
      hidden = true;
    },

    resumePolling() {
      hidden = false;
    },

    seen() {
      sample();
      return { rows: seenRows.size, avatarUrls: seenAvatars.size };
    },

    async scrollThrough({ pageSteps, jumpSteps, budgetMs }) {
      const scroller = list().parentElement!;
      let maxFrameGapMs = 0;
      let scrolling = true;
      // A frame loop alongside: the longest gap between frames is what a person would see as a stutter.
      void (async () => {
        let last = await frame();
        while (scrolling) {
          const now = await frame();
          maxFrameGapMs = Math.max(maxFrameGapMs, now - last);
          last = now;
        }
      })();
      const start = performance.now();
      let maxRowsInDom = 0;
      let steps = 0;
      const go = async (top: number) => {
        scroller.scrollTop = top;
        steps++;
        await frame();
        await nextPaint();
        maxRowsInDom = Math.max(maxRowsInDom, sample());
      };
      scroller.scrollTop = 0;
      await nextPaint();
      // Page by page through the first screens, then in even jumps to the very bottom. On a slow machine the
      // budget cuts the walk short, but the last step always reaches the bottom.
      const overBudget = () => performance.now() - start > budgetMs;
      for (let i = 1; i <= pageSteps && !overBudget(); i++) await go(i * scroller.clientHeight);
      const from = scroller.scrollTop;
      const bottom = scroller.scrollHeight - scroller.clientHeight;
      for (let i = 1; i < jumpSteps && !overBudget(); i++) await go(from + ((bottom - from) * i) / jumpSteps);
      await go(bottom);
      await nextPaint();
      scrolling = false;
      const end = performance.now();
      return {
        from: start,
        to: end,
        worstFrame: worstFrameBetween(start, end),
        steps,
        durationMs: end - start,
        longTasks: tasksBetween(start, end),
        maxFrameGapMs,
        maxRowsInDom,
        scrollHeight: scroller.scrollHeight,
      };
    },

    async type(values, { timeoutMs, pauseMs }) {
      const label = [...document.querySelectorAll('label')].find((element) => element.textContent?.trim() === 'Search participants');
      const input = label ? document.getElementById(label.htmlFor) : null;
      // The roster's one count ("N of M participants") changes whenever what the list shows does.
      const summary = document.querySelector('.roster-count');
      if (!(input instanceof HTMLInputElement) || !summary) throw new Error('bench: no "Search participants" field or list summary');
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      const keystrokes: Keystroke[] = [];
      const start = performance.now();
      for (const value of values) {
        const before = summary.textContent;
        let committedAt: number | null = null;
        const shown = new Promise<void>((resolve) => {
          const observer = new MutationObserver(() => {
            if (summary.textContent === before) return;
            committedAt = performance.now();
            observer.disconnect();
            resolve();
          });
          observer.observe(summary, { childList: true, characterData: true, subtree: true });
          setTimeout(() => {
            observer.disconnect();
            resolve();
          }, timeoutMs);
        });
        const t0 = performance.now();
        // As a keystroke reaches React: the value changes, then an input event.
        setValue.call(input, value);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await shown;
        await nextPaint();
        const painted = performance.now();
        const committed: number | null = committedAt;
        keystrokes.push({
          value,
          at: t0,
          paintedMs: committed === null ? null : painted - t0,
          committedMs: committed === null ? null : committed - t0,
          summary: summary.textContent ?? '',
        });
        await sleep(pauseMs);
      }
      const end = performance.now();
      return { from: start, to: end, keystrokes, longTasks: tasksBetween(start, end), worstFrame: worstFrameBetween(start, end) };
    },

    async toggle({ label, watch, timeoutMs }) {
      const box = [...document.querySelectorAll('label')]
        .find((element) => element.textContent?.trim() === label)
        ?.querySelector<HTMLInputElement>('input[type="checkbox"]');
      if (!box) throw new Error(`bench: no checkbox "${label}"`);
      const watched = () => document.querySelector(watch)?.textContent ?? '';
      const before = watched();
      let committedAt: number | null = null;
      const shown = new Promise<void>((resolve) => {
        // The watched element may come or go (the selection toolbar): watch the whole page.
        const observer = new MutationObserver(() => {
          if (watched() === before) return;
          committedAt = performance.now();
          observer.disconnect();
          resolve();
        });
        observer.observe(document.body, { childList: true, characterData: true, subtree: true });
        setTimeout(() => {
          observer.disconnect();
          resolve();
        }, timeoutMs);
      });
      const t0 = performance.now();
      box.click();
      await shown;
      await nextPaint();
      const end = performance.now();
      const committed: number | null = committedAt;
      return {
        label,
        from: t0,
        to: end,
        committedMs: committed === null ? null : committed - t0,
        paintedMs: committed === null ? null : end - t0,
        text: watched(),
        longTasks: tasksBetween(t0, end),
        worstFrame: worstFrameBetween(t0, end),
      };
    },

    async refetch({ timeoutMs }) {
      const target = list();
      let mutations = 0;
      const examples: string[] = [];
      const record = (records: MutationRecord[]) => {
        for (const change of records) {
          mutations++;
          if (examples.length >= 5) continue;
          const where = change.target instanceof Element ? change.target.tagName.toLowerCase() : change.target.nodeName;
          examples.push(`${change.type}${change.attributeName ? ` ${change.attributeName}` : ''} on ${where}`);
        }
      };
      const observer = new MutationObserver(record);
      observer.observe(target, { subtree: true, childList: true, attributes: true, characterData: true });
      const listed = () => performance.getEntriesByName('rollcall:participants-listed', 'mark');
      const listsBefore = listed().length;
      const t0 = performance.now();
      const deadline = t0 + timeoutMs;
      // What a person coming back to the tab does: React Query refetches on visibilitychange (refetchOnWindowFocus).
      hidden = false;
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
      // The app marks each list it has: refetches are made by a worker, which the page's resource timing misses.
      while (listed().length === listsBefore && performance.now() < deadline) await frame();
      const readyAt = listed()[listsBefore]?.startTime ?? null;
      // Then until the main thread is calm: 20 frames in a row on time, at least 300 ms after the response.
      const settleFrom = performance.now();
      let calmFrames = 0;
      let last = await frame();
      while (performance.now() < deadline) {
        const now = await frame();
        calmFrames = now - last < 34 ? calmFrames + 1 : 0;
        last = now;
        if (calmFrames >= 20 && now - settleFrom > 300) break;
      }
      hidden = true;
      await nextPaint();
      record(observer.takeRecords());
      observer.disconnect();
      const end = performance.now();
      const tasks = tasksBetween(t0, end);
      const after = readyAt === null ? [] : tasks.filter((task) => task.start + task.duration > readyAt);
      return {
        from: t0,
        to: end,
        fetched: readyAt !== null,
        mutations,
        examples,
        longTasks: tasks,
        worstFrame: worstFrameBetween(t0, end),
        readyMs: readyAt === null ? null : readyAt - t0,
        busyAfterReadyMs: readyAt === null ? null : after.length === 0 ? 0 : Math.max(...after.map((task) => task.start + task.duration)) - readyAt,
      };
    },

    async exportCsv({ timeoutMs }) {
      const button = [...document.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === 'Export CSV');
      const status = document.querySelector('.roster-export-status');
      if (!button || !status) throw new Error('bench: no "Export CSV" button or its status line');
      const progress = new Set<string>();
      let finishedAt: number | null = null;
      const observer = new MutationObserver(() => {
        const text = status.textContent ?? '';
        if (text.startsWith('Exporting')) progress.add(text);
        if (finishedAt === null && /^(Exported|The export failed)/.test(text)) finishedAt = performance.now();
      });
      observer.observe(status, { childList: true, characterData: true, subtree: true });
      const start = performance.now();
      const deadline = start + timeoutMs;
      button.click();
      // Frames keep coming while it runs: the longest gap between two is how long the page stood still.
      let maxFrameGapMs = 0;
      let last = start;
      while (finishedAt === null && performance.now() < deadline) {
        const now = await frame();
        maxFrameGapMs = Math.max(maxFrameGapMs, now - last);
        last = now;
      }
      await nextPaint();
      observer.disconnect();
      const end = performance.now();
      return {
        from: start,
        to: end,
        finishedMs: finishedAt === null ? null : finishedAt - start,
        message: status.textContent ?? '',
        progressUpdates: progress.size,
        longTasks: tasksBetween(start, end),
        worstFrame: worstFrameBetween(start, end),
        maxFrameGapMs,
      };
    },
  };
  window.__bench = api;
}
