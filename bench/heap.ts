/**
 * The JavaScript heap of the page and of the participants worker, each after a full garbage collection, read
 * over the Chrome DevTools Protocol: the worker is an isolate of its own, which the page's `performance`
 * cannot see.
 */
import type { Browser, Page } from '@playwright/test';

export interface HeapSizes {
  /** Bytes used by the page's heap. */
  page: number;
  /** Bytes used by the participants worker's heap; null when the app has no worker running. */
  worker: number | null;
}

export async function heapSizes(browser: Browser, page: Page): Promise<HeapSizes> {
  const pageSession = await page.context().newCDPSession(page);
  try {
    await pageSession.send('HeapProfiler.collectGarbage');
    const { usedSize } = await pageSession.send('Runtime.getHeapUsage');
    return { page: usedSize, worker: await workerHeap(browser) };
  } finally {
    await pageSession.detach();
  }
}

async function workerHeap(browser: Browser): Promise<number | null> {
  const session = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await session.send('Target.getTargets');
    const worker = targetInfos.filter((target) => target.type === 'worker' && target.url.includes('participants')).at(-1);
    if (!worker) return null;
    const { sessionId } = await session.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
    // Without a flattened session, the worker's protocol travels as messages wrapped in the browser's.
    const answers = new Map<number, (message: { result?: unknown; error?: { message: string } }) => void>();
    session.on('Target.receivedMessageFromTarget', (event) => {
      if (event.sessionId !== sessionId) return;
      const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
      if (message.id !== undefined) answers.get(message.id)?.(message);
    });
    let nextId = 1;
    const call = async <Result>(method: string): Promise<Result> => {
      const id = nextId++;
      const answered = new Promise<{ result?: unknown; error?: { message: string } }>((resolve) => answers.set(id, resolve));
      await session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params: {} }) });
      const answer = await answered;
      if (answer.error) throw new Error(`${method} in the worker: ${answer.error.message}`);
      return answer.result as Result;
    };
    await call('HeapProfiler.collectGarbage');
    const { usedSize } = await call<{ usedSize: number }>('Runtime.getHeapUsage');
    await session.send('Target.detachFromTarget', { sessionId });
    return usedSize;
  } finally {
    await session.detach();
  }
}
