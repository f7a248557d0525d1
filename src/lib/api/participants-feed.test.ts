import { afterEach, describe, expect, it, vi } from 'vitest';
import { ocsResponse, stubFetch, type Route } from '../../test/ocs';
import { capabilitiesRoute, v1Participant, v4Participant } from '../../test/talk-fixtures';
import { createTalkClient } from './client';
import { ApiError } from './errors';
import { ParticipantsDecoder, answerWorkerCalls, type WorkerAnswer, type WorkerCall } from './participants-decoder';
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
 * A worker as the browser runs one, in this thread: the worker's own call handling behind the same messages,
 * with every message structurally cloned both ways (so nothing is shared by chance), answering in a later task.
 */
class DecoderWorker {
  static failing = false;
  onmessage: ((event: { data: WorkerAnswer }) => void) | null = null;
  onerror: ((event: { preventDefault(): void }) => void) | null = null;
  private readonly answer = answerWorkerCalls((answer) => this.onmessage?.({ data: structuredClone(answer) }));

  postMessage(message: WorkerCall) {
    const call = structuredClone(message);
    // A cancel reaches a running fetch at once, as it would reach a worker that is waiting on the network.
    if (call.type === 'abort') return this.answer(call);
    setTimeout(() => {
      if (DecoderWorker.failing) return this.onerror?.({ preventDefault() {} });
      this.answer(call);
    });
  }

  terminate() {}
}

describe('participants, with a worker', () => {
  /** A page's first list starts the worker: load the modules afresh, as a new page would. */
  async function freshPage() {
    DecoderWorker.failing = false;
    vi.stubGlobal('Worker', DecoderWorker);
    vi.resetModules();
    const fresh = await import('./participants');
    const { createTalkClient: freshClient } = await import('./client');
    const errors = await import('./errors');
    return { listParticipants: fresh.listParticipants, client: freshClient({ getCredentials: () => null }), errors };
  }

  it('decode refetches in the worker: the page keeps its own objects for those who did not change', async () => {
    const roster = { room1: [ann, bob, cid] };
    const { calls } = stubFetch(capabilitiesRoute('v4'), rosterRoute(roster));
    const page = await freshPage();

    const first = await page.listParticipants(page.client, 'room1');
    expect(await page.listParticipants(page.client, 'room1')).toBe(first);
    roster.room1 = [ann, { ...bob, displayName: 'Bobby' }];
    const next = await page.listParticipants(page.client, 'room1');

    expect(next.map((participant) => participant.displayName)).toEqual(['Ann', 'Bobby']);
    expect(next[0]).toBe(first[0]);
    expect(calls.filter((call) => call.url.includes('/participants'))).toHaveLength(3);
  });

  it('explain a refused refetch as any refused request, and let a cancelled one go', async () => {
    let refusal: Response | null = null;
    let hold: Promise<void> | null = null;
    const roster = rosterRoute({ room1: [ann, bob] });
    const { calls } = stubFetch(capabilitiesRoute('v4'), (request) => {
      if (!request.url.includes('/participants')) return undefined;
      if (refusal) return refusal;
      return hold ? hold.then(() => roster(request)!) : roster(request);
    });
    const page = await freshPage();
    await page.listParticipants(page.client, 'room1');
    await new Promise((resolve) => setTimeout(resolve));

    refusal = ocsResponse(null, 403, 'Not allowed');
    const failure = await page.listParticipants(page.client, 'room1').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(page.errors.ForbiddenError);
    expect((failure as Error).message).toBe('Not allowed');

    refusal = null;
    let release = () => {};
    hold = new Promise((resolve) => (release = resolve));
    const controller = new AbortController();
    const cancelled = page.listParticipants(page.client, 'room1', { signal: controller.signal }).catch((error: unknown) => error);
    await vi.waitFor(() => expect(calls.filter((call) => call.url.includes('/participants'))).toHaveLength(3));
    controller.abort();
    release();
    expect(await cancelled).toMatchObject({ name: 'AbortError' });
  });

  it('fetch the list again, decoded in the page, when the worker fails with an answer in hand', async () => {
    const roster = { room1: [ann, bob] };
    const { calls } = stubFetch(capabilitiesRoute('v4'), rosterRoute(roster));
    const page = await freshPage();
    const first = await page.listParticipants(page.client, 'room1');
    expect(first.map((participant) => participant.displayName)).toEqual(['Ann', 'Bob']);

    // The worker has the first list by the next task; then it breaks while decoding a refetch.
    await new Promise((resolve) => setTimeout(resolve));
    DecoderWorker.failing = true;
    roster.room1 = [ann, bob, cid];
    const next = await page.listParticipants(page.client, 'room1');

    expect(next.map((participant) => participant.displayName)).toEqual(['Ann', 'Bob', 'Cid']);
    // The first list, then the page's own request again (this broken worker made none).
    expect(calls.filter((call) => call.url.includes('/participants'))).toHaveLength(2);
    // From then on the page decodes, and still keeps unchanged objects.
    expect(await page.listParticipants(page.client, 'room1')).toBe(next);
  });
});

describe('the participants decoder', () => {
  const body = (participants: V4Participant[]) =>
    new TextEncoder().encode(JSON.stringify({ ocs: { meta: { statuscode: 200 }, data: participants } })).buffer;

  it('sends the whole list when the version asked about is no longer kept', () => {
    const decoder = new ParticipantsDecoder();
    const decode = (base: number | null) =>
      decoder.decode({ feed: 'f', generation: 'v4', status: 200, body: body([ann, bob]), base });
    expect(decode(null)).toMatchObject({ kind: 'list', version: 1 });
    expect(decode(1)).toMatchObject({ kind: 'changes', version: 2, base: 1, changed: [], removed: [] });
    for (let i = 0; i < 4; i++) decode(2);

    expect(decode(1)).toMatchObject({ kind: 'list', version: 7 });
    expect(decoder.list('f', 7)?.map((participant) => participant.displayName)).toEqual(['Ann', 'Bob']);
    expect(decoder.list('f', 1)).toBeNull();
  });

  it('keeps a first list without sending it back when the page decoded it already', () => {
    const decoder = new ParticipantsDecoder();
    expect(decoder.decode({ feed: 'f', generation: 'v4', status: 200, body: body([ann]), base: null, listWanted: false })).toEqual({
      kind: 'kept',
      version: 1,
    });
    const changes = decoder.decode({ feed: 'f', generation: 'v4', status: 200, body: body([bob]), base: 1 });
    expect(changes).toMatchObject({ kind: 'changes', removed: ['a:1'], changed: [{ key: 'a:2' }] });
  });
});
