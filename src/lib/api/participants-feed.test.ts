import { afterEach, describe, expect, it, vi } from 'vitest';
import { ocsResponse, stubFetch, type Route } from '../../test/ocs';
import { capabilitiesRoute, v1Participant, v4Participant } from '../../test/talk-fixtures';
import { createTalkClient } from './client';
import { ApiError } from './errors';
import { FEEDS_KEPT, answerSourceCalls, type SourceCall, type SourceMessage } from './participants-source';
import { listParticipants } from './participants';
import type { V4Participant } from '../../../contract/wire';

afterEach(() => {
  vi.unstubAllGlobals();
});

const talk = () => createTalkClient({ getCredentials: () => ({ account: 'alice', password: 'demo' }) });

/** Answers the participants of each room with what `roster` holds at the time of the request. */
function rosterRoute(roster: Record<string, V4Participant[]>): Route {
  return (request) => {
    const token = /\/room\/([^/]+)\/participants/.exec(request.url)?.[1];
    return token && roster[token] ? ocsResponse(roster[token]) : undefined;
  };
}

const ann = v4Participant({ attendeeId: 1, displayName: 'Ann' });
const bob = v4Participant({ attendeeId: 2, displayName: 'Bob' });
const cid = v4Participant({ attendeeId: 3, displayName: 'Cid' });

describe('participants, refetched', () => {
  it('give back the very same list when nothing changed', async () => {
    stubFetch(capabilitiesRoute('v4'), rosterRoute({ room1: [ann, bob, cid] }));
    const client = talk();

    const first = await listParticipants(client, 'room1');
    const again = await listParticipants(client, 'room1');

    expect(again).toBe(first);
    expect(again.map((participant) => participant.displayName)).toEqual(['Ann', 'Bob', 'Cid']);
  });

  it('keep the objects of those who did not change, replace who changed, drop who left, add newcomers last', async () => {
    const roster = { room1: [ann, bob, cid] };
    stubFetch(capabilitiesRoute('v4'), rosterRoute(roster));
    const client = talk();
    const first = await listParticipants(client, 'room1');

    const dee = v4Participant({ attendeeId: 4, displayName: 'Dee' });
    roster.room1 = [dee, { ...cid, participantType: 2 }, ann];
    const next = await listParticipants(client, 'room1');

    expect(next.map((participant) => participant.displayName)).toEqual(['Ann', 'Cid', 'Dee']);
    expect(next[0]).toBe(first[0]);
    expect(next[1]).not.toBe(first[2]);
    expect(next[1]?.role).toBe('moderator');
  });

  it('compare each conversation with its own previous list, and each client with its own', async () => {
    stubFetch(capabilitiesRoute('v4'), rosterRoute({ room1: [ann, bob], room2: [cid] }));
    const client = talk();
    const room1 = await listParticipants(client, 'room1');
    const room2 = await listParticipants(client, 'room2');

    expect(room2.map((participant) => participant.displayName)).toEqual(['Cid']);
    expect(await listParticipants(client, 'room1')).toBe(room1);
    const otherClient = await listParticipants(talk(), 'room1');
    expect(otherClient).not.toBe(room1);
    expect(otherClient).toEqual(room1);
  });

  it('read v1 lists the same way', async () => {
    const roster = [v1Participant({ displayName: 'Ann' }), v1Participant({ displayName: 'Bob' })];
    stubFetch(capabilitiesRoute('v1'), (request) => (request.url.includes('/participants') ? ocsResponse(roster) : undefined));
    const client = talk();
    const first = await listParticipants(client, 'room1');
    roster.pop();

    const next = await listParticipants(client, 'room1');

    expect(next.map((participant) => participant.key)).toEqual(['u:ann']);
    expect(next[0]).toBe(first[0]);
  });

  it('refuse a successful answer that is no OCS envelope, saying so', async () => {
    stubFetch(capabilitiesRoute('v4'), (request) =>
      request.url.includes('/participants') ? new Response('<html>Maintenance</html>', { status: 200 }) : undefined,
    );

    const failure = await listParticipants(talk(), 'room1').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).message).toBe('Unexpected answer from the server (HTTP 200 without an OCS envelope)');
  });
});


/**
 * A worker as the browser runs one, in this thread: the source's own call handling behind the same messages,
 * with every message structurally cloned both ways (so nothing is shared by chance), answering in a later task.
 */
class SourceWorker {
  static failing = false;
  /** Until this settles, the worker is still starting (its script loading) and has not said it is ready. */
  static starting: Promise<void> = Promise.resolve();
  /** The latest worker has said it is ready. */
  static running = false;
  /**
   * The calls that reached the worker: lists, and whether each brought its answer along (the page made the
   * request); and lists the page read itself and gave the worker to remember.
   */
  static received: ({ list: { broughtAnswer: boolean } } | { remember: string })[] = [];
  /** Runs as the worker sends an answer, before the page receives it. */
  static onAnswer: (() => void) | null = null;
  onmessage: ((event: { data: SourceMessage }) => void) | null = null;
  onerror: ((event: { preventDefault(): void }) => void) | null = null;
  private readonly answer = answerSourceCalls((message) => {
    SourceWorker.onAnswer?.();
    setTimeout(() => this.onmessage?.({ data: structuredClone(message) }));
  });

  constructor() {
    // A worker says it is running once its script has loaded; until then the page makes the requests itself.
    void SourceWorker.starting.then(() =>
      setTimeout(() => {
        SourceWorker.running = true;
        this.onmessage?.({ data: { ready: true } });
      }),
    );
  }

  postMessage(message: SourceCall, transfer: Transferable[] = []) {
    const call = structuredClone(message, { transfer });
    if (call.type === 'list') SourceWorker.received.push({ list: { broughtAnswer: call.call.response !== undefined } });
    if (call.type === 'remember') SourceWorker.received.push({ remember: call.feed });
    // A cancel reaches a running fetch at once, as it would reach a worker that is waiting on the network.
    if (call.type === 'abort') return this.answer(call);
    setTimeout(() => {
      if (SourceWorker.failing) return this.onerror?.({ preventDefault() {} });
      this.answer(call);
    });
  }

  terminate() {}
}

describe('participants, with a worker', () => {
  /** A page's first list starts the worker: load the modules afresh, as a new page would. */
  async function freshPage() {
    SourceWorker.failing = false;
    SourceWorker.running = false;
    SourceWorker.onAnswer = null;
    SourceWorker.received = [];
    vi.stubGlobal('Worker', SourceWorker);
    vi.resetModules();
    const fresh = await import('./participants');
    const { createTalkClient: freshClient } = await import('./client');
    const errors = await import('./errors');
    return { listParticipants: fresh.listParticipants, client: freshClient({ getCredentials: () => null }), errors };
  }

  const participantRequests = <Call extends { url: string }>(calls: Call[]) => calls.filter((call) => call.url.includes('/participants'));

  it('read every list in the worker: the page keeps its own objects for those who did not change', async () => {
    const roster = { room1: [ann, bob, cid] };
    const { calls } = stubFetch(capabilitiesRoute('v4'), rosterRoute(roster));
    const page = await freshPage();

    const first = await page.listParticipants(page.client, 'room1');
    expect(await page.listParticipants(page.client, 'room1')).toBe(first);
    roster.room1 = [ann, { ...bob, displayName: 'Bobby' }];
    const next = await page.listParticipants(page.client, 'room1');

    expect(next.map((participant) => participant.displayName)).toEqual(['Ann', 'Bobby']);
    expect(next[0]).toBe(first[0]);
    // The worker asks with an absolute URL: its own location is its script's, not the page's.
    expect(participantRequests(calls).map((call) => new URL(call.url).pathname)).toEqual(
      Array(3).fill('/ocs/v2.php/apps/spreed/api/v4/room/room1/participants'),
    );
    // The worker's requests carry the same headers as the page's: without this one a refused login pops up the
    // browser's own login box.
    expect(participantRequests(calls).map((call) => call.headers.get('X-Requested-With'))).toEqual(Array(3).fill('XMLHttpRequest'));
  });

  it('make and read the first list in the page while the worker is starting, and give the worker the same list to compare the next one with', async () => {
    let started = () => {};
    SourceWorker.starting = new Promise((resolve) => (started = resolve));
    const roster = { room1: [ann, bob] };
    const { calls } = stubFetch(capabilitiesRoute('v4'), rosterRoute(roster));
    try {
      const page = await freshPage();

      // Not waiting for the worker: the page asks, reads the answer, and hands the bytes to the worker.
      const first = await page.listParticipants(page.client, 'room1');
      expect(first.map((participant) => participant.displayName)).toEqual(['Ann', 'Bob']);
      expect(participantRequests(calls)).toHaveLength(1);
      expect(SourceWorker.received).toEqual([{ remember: expect.stringContaining('/room/room1/participants') }]);

      // Once it runs, the worker makes the requests, and compares with the list the page read.
      started();
      await vi.waitFor(async () => {
        await page.listParticipants(page.client, 'room1');
        expect(SourceWorker.received.at(-1)).toEqual({ list: { broughtAnswer: false } });
      });
      const same = await page.listParticipants(page.client, 'room1');
      expect(same).toBe(first);
      roster.room1 = [ann, { ...bob, displayName: 'Bobby' }];
      const next = await page.listParticipants(page.client, 'room1');
      expect(next.map((participant) => participant.displayName)).toEqual(['Ann', 'Bobby']);
      expect(next[0]).toBe(first[0]);
    } finally {
      SourceWorker.starting = Promise.resolve();
    }
  });

  it('hand a first list too long to read in the page to the worker, answer and all', async () => {
    let started = () => {};
    SourceWorker.starting = new Promise((resolve) => (started = resolve));
    // Over 16 MB with few people: long names.
    const long = Array.from({ length: 17 }, (_, i) => v4Participant({ attendeeId: i + 1, displayName: `${i} ${'x'.repeat(1_000_000)}` }));
    stubFetch(capabilitiesRoute('v4'), rosterRoute({ room1: long }));
    try {
      const page = await freshPage();
      const listed = page.listParticipants(page.client, 'room1');
      await vi.waitFor(() => expect(SourceWorker.received).toEqual([{ list: { broughtAnswer: true } }]));
      started();
      expect((await listed).map((participant) => participant.displayName.slice(0, 2))).toEqual(long.map((_, i) => `${i} `.slice(0, 2)));
    } finally {
      SourceWorker.starting = Promise.resolve();
    }
  });

  it('explain a refused list as any refused request, and let a cancelled one go', async () => {
    let refusal: Response | null = null;
    let hold: Promise<void> | null = null;
    const roster = rosterRoute({ room1: [ann, bob] });
    const { calls } = stubFetch(capabilitiesRoute('v4'), (request) => {
      if (!request.url.includes('/participants')) return undefined;
      if (refusal) return refusal;
      return hold ? hold.then(() => roster(request)!) : roster(request);
    });
    const page = await freshPage();
    const first = await page.listParticipants(page.client, 'room1');

    refusal = ocsResponse(null, 403, 'Not allowed');
    const failure = await page.listParticipants(page.client, 'room1').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(page.errors.ForbiddenError);
    expect((failure as Error).message).toBe('Not allowed');

    refusal = null;
    let release = () => {};
    hold = new Promise((resolve) => (release = resolve));
    const controller = new AbortController();
    const cancelled = page.listParticipants(page.client, 'room1', { signal: controller.signal }).catch((error: unknown) => error);
    await vi.waitFor(() => expect(participantRequests(calls)).toHaveLength(3));
    controller.abort();
    release();
    expect(await cancelled).toMatchObject({ name: 'AbortError' });
    hold = null;
    expect(await page.listParticipants(page.client, 'room1')).toBe(first);
  });

  it('stay in step with the worker when a cancelled list was read all the same', async () => {
    const roster = { room1: [ann, bob] };
    stubFetch(capabilitiesRoute('v4'), rosterRoute(roster));
    const page = await freshPage();
    await page.listParticipants(page.client, 'room1');

    // Bob leaves; the worker reads the list that says so just as its caller gives up on it.
    roster.room1 = [ann];
    const controller = new AbortController();
    SourceWorker.onAnswer = () => controller.abort();
    const cancelled = await page.listParticipants(page.client, 'room1', { signal: controller.signal }).catch((error: unknown) => error);
    SourceWorker.onAnswer = null;
    expect(cancelled).toMatchObject({ name: 'AbortError' });

    // Nothing changed since the worker's last list: the page's list must be that one, without Bob.
    const next = await page.listParticipants(page.client, 'room1');
    expect(next.map((participant) => participant.displayName)).toEqual(['Ann']);
  });

  it('list again, in the page, when the worker breaks before answering', async () => {
    const roster = { room1: [ann, bob] };
    const { calls } = stubFetch(capabilitiesRoute('v4'), rosterRoute(roster));
    const page = await freshPage();
    const first = await page.listParticipants(page.client, 'room1');
    expect(first.map((participant) => participant.displayName)).toEqual(['Ann', 'Bob']);
    await vi.waitFor(() => expect(SourceWorker.running).toBe(true));

    SourceWorker.failing = true;
    roster.room1 = [ann, bob, cid];
    const next = await page.listParticipants(page.client, 'room1');

    expect(next.map((participant) => participant.displayName)).toEqual(['Ann', 'Bob', 'Cid']);
    // The page's first list, then the page's own request (this broken worker made none).
    expect(participantRequests(calls)).toHaveLength(2);
    // From then on the page reads the lists itself, and still keeps unchanged objects.
    expect(await page.listParticipants(page.client, 'room1')).toBe(next);
  });

  it('give each of several lists asked at once its own answer, and keep the last one read', async () => {
    const roster = { room1: [ann, bob] };
    stubFetch(capabilitiesRoute('v4'), rosterRoute(roster));
    const page = await freshPage();
    const [one, two] = await Promise.all([page.listParticipants(page.client, 'room1'), page.listParticipants(page.client, 'room1')]);

    expect(two).toBe(one);
    expect(await page.listParticipants(page.client, 'room1')).toBe(one);
  });

  it('read a forgotten conversation whole again, after the worker made room for others', async () => {
    const rooms = Object.fromEntries(Array.from({ length: FEEDS_KEPT + 1 }, (_, index) => [`room${index + 1}`, [ann, bob]]));
    stubFetch(capabilitiesRoute('v4'), rosterRoute(rooms));
    const page = await freshPage();
    const first = await page.listParticipants(page.client, 'room1');
    for (let index = 2; index <= FEEDS_KEPT + 1; index++) await page.listParticipants(page.client, `room${index}`);

    const again = await page.listParticipants(page.client, 'room1');

    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    expect(await page.listParticipants(page.client, 'room1')).toBe(again);
  });
});
