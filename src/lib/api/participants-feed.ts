/**
 * The page's side of the participants decoder (./participants-decoder.ts). The first list of a conversation
 * is fetched and parsed in the page, to be on screen as soon as possible; the worker gets a copy, to compare
 * with. Every refetch is then made by the worker itself, which sends back only what changed: the page builds
 * the new list from those changes, keeping the very same objects for everyone else. So a refetch of 100,000
 * participants costs the page almost nothing (it never holds the 50 MB body), and an unchanged one yields
 * the same array as before.
 */
import type { TalkApiVersion } from './capabilities';
import { NetworkError } from './errors';
import {
  FEEDS_KEPT,
  ParticipantsDecoder,
  VERSIONS_KEPT,
  keepNewest,
  readParticipants,
  type DecodeRequest,
  type Decoded,
  type FetchRequest,
  type Fetched,
  type WorkerAnswer,
  type WorkerCall,
} from './participants-decoder';
import type { Participant } from './model';
import { failureOfAnswer, notAnEnvelope, type PreparedRequest, type RawAnswer, type RawOptions } from './transport';

interface Decoder {
  decode(request: DecodeRequest): Promise<Decoded>;
  list(feed: string, version: number): Promise<Participant[] | null>;
  /** Only in a worker: the page makes and parses a feed's first request, the worker all later ones. */
  fetch?(request: FetchRequest, signal: AbortSignal | undefined): Promise<Fetched>;
}

/** The worker failed (it could not load, or it crashed): the answer it held is lost, the request must be made again. */
export class DecoderUnavailableError extends Error {
  constructor() {
    super('The participants decoder stopped working');
    this.name = 'DecoderUnavailableError';
  }
}

function inPage(): Decoder {
  const decoder = new ParticipantsDecoder();
  return {
    decode: (request) => Promise.resolve(decoder.decode(request)),
    list: (feed, version) => Promise.resolve(decoder.list(feed, version)),
  };
}

function inWorker(onBroken: () => void): Decoder | null {
  if (typeof Worker === 'undefined') return null;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./participants.worker.ts', import.meta.url), { type: 'module', name: 'participants' });
  } catch {
    return null;
  }
  const pending = new Map<number, { resolve: (result: never) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let broken = false;

  worker.onmessage = ({ data: answer }: MessageEvent<WorkerAnswer>) => {
    const call = pending.get(answer.id);
    if (!call) return;
    pending.delete(answer.id);
    if ('error' in answer) call.reject(new Error(answer.error));
    else call.resolve(answer.result as never);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    broken = true;
    worker.terminate();
    for (const call of pending.values()) call.reject(new DecoderUnavailableError());
    pending.clear();
    onBroken();
  };

  const call = <Result,>(message: WorkerCall, transfer: Transferable[] = []) =>
    new Promise<Result>((resolve, reject) => {
      if (broken) return reject(new DecoderUnavailableError());
      pending.set(message.id, { resolve: resolve as (result: never) => void, reject });
      worker.postMessage(message, transfer);
    });
  return {
    decode: (request) => call<Decoded>({ id: nextId++, type: 'decode', request }, [request.body]),
    list: (feed, version) => call<Participant[] | null>({ id: nextId++, type: 'list', feed, version }),
    fetch: (request, signal) => {
      const id = nextId++;
      const cancel = () => worker.postMessage({ id: nextId++, type: 'abort', target: id } satisfies WorkerCall);
      signal?.addEventListener('abort', cancel, { once: true });
      return call<Fetched>({ id, type: 'fetch', request }).finally(() => signal?.removeEventListener('abort', cancel));
    },
  };
}

/** One decoder for the page: the worker where there can be one, the page itself otherwise or once it broke. */
let shared: Decoder | null = null;
function decoder(): Decoder {
  shared ??=
    inWorker(() => {
      shared = inPage();
    }) ?? inPage();
  return shared;
}

/** One request for a participants list, made where the feed decides. */
export interface ParticipantsRequest {
  /** Makes it in the page. */
  inPage(options: RawOptions): Promise<RawAnswer>;
  /** The same request for `fetch` elsewhere. */
  prepared: PreparedRequest;
  signal?: AbortSignal;
}

interface HeldFeed {
  /** Versions are the decoder's: if the decoder changes, what is held names nothing. */
  decoder: Decoder;
  versions: Map<number, Participant[]>;
  /** The worker is still decoding the first list, which the page decoded for itself meanwhile. */
  remembering: Promise<void> | null;
}

let instances = 0;

/** The lists of one client, by conversation: what each refetch is compared with. */
export class ParticipantsFeeds {
  private readonly id = ++instances;
  private readonly held = new Map<string, HeldFeed>();

  /** The participants; those unchanged since this feed's previous list are the objects returned then. */
  async list(name: string, generation: TalkApiVersion, request: ParticipantsRequest): Promise<Participant[]> {
    const feed = `${this.id}:${name}`;
    const current = decoder();
    const held = this.heldFor(feed, current);
    await held.remembering;
    const base = held.versions.size > 0 ? Math.max(...held.versions.keys()) : null;

    if (!current.fetch) {
      const answer = await request.inPage({});
      return this.fromDecoded(feed, held, await current.decode({ feed, generation, status: answer.status, body: answer.body, base }));
    }
    if (base === null) return this.readFirst(feed, held, generation, await request.inPage({ withText: true }));

    const url = new URL(request.prepared.url, location.href).href;
    const fetched = await current.fetch({ ...request.prepared, url, feed, generation, base }, request.signal);
    switch (fetched.kind) {
      case 'failed':
        throw failureOfAnswer(fetched.status, fetched.statusText, fetched.text);
      case 'network':
        throw new NetworkError(new Error(fetched.message));
      case 'aborted':
        // React Query expects the signal's own reason.
        throw request.signal?.reason ?? new DOMException('The request was cancelled', 'AbortError');
      default:
        return this.fromDecoded(feed, held, fetched);
    }
  }

  private heldFor(feed: string, current: Decoder): HeldFeed {
    let held = this.held.get(feed);
    if (!held || held.decoder !== current) {
      held = { decoder: current, versions: new Map(), remembering: null };
      this.held.set(feed, held);
      keepNewest(this.held, FEEDS_KEPT);
    }
    return held;
  }

  private async fromDecoded(feed: string, held: HeldFeed, decoded: Decoded): Promise<Participant[]> {
    switch (decoded.kind) {
      case 'unreadable':
        throw notAnEnvelope(decoded.status, decoded.parsed);
      case 'list':
        return this.keep(held, decoded.version, decoded.participants);
      case 'kept':
        // Only an answer sent with listWanted: false is kept without its list.
        throw new Error('The participants decoder answered without the list');
      case 'changes': {
        const previous = held.versions.get(decoded.base);
        if (previous) return this.keep(held, decoded.version, applyChanges(previous, decoded.changed, decoded.removed));
        // Overtaken by other answers meanwhile: take the whole list (new objects, so its rows are made anew once).
        const whole = await held.decoder.list(feed, decoded.version);
        if (!whole) {
          // Gone there too: start again from a whole list.
          held.versions.clear();
          throw new DecoderUnavailableError();
        }
        return this.keep(held, decoded.version, whole);
      }
    }
  }

  /**
   * The first list of a feed: the page parses it at once, as fast as it can be on screen (a worker would parse
   * it no faster, and sending 100,000 participants back costs the page as much as parsing them). The worker
   * decodes the bytes in parallel, to have something to compare the next answer with.
   */
  private readFirst(feed: string, held: HeldFeed, generation: TalkApiVersion, answer: RawAnswer): Participant[] {
    // Read before the bytes move to the worker: without the text, the page decodes those bytes.
    const read = readParticipants(generation, answer.status, answer.text ?? answer.body);
    if (read.kind === 'unreadable') throw notAnEnvelope(read.status, read.parsed);
    held.remembering = held.decoder
      .decode({ feed, generation, status: answer.status, body: answer.body, base: null, listWanted: false })
      .then(
        (decoded) => {
          if (decoded.kind === 'kept') this.keep(held, decoded.version, read.participants);
        },
        // The worker broke: the next answer is a first list again, for the page's own decoder.
        () => undefined,
      )
      .finally(() => {
        held.remembering = null;
      });
    return read.participants;
  }

  private keep(held: HeldFeed, version: number, participants: Participant[]): Participant[] {
    held.versions.set(version, participants);
    keepNewest(held.versions, VERSIONS_KEPT);
    return participants;
  }
}

/**
 * The previous list with the changes made: returns `previous` itself when nothing changed. Known participants
 * keep their places and newcomers come last (the roster sorts anyway).
 */
export function applyChanges(
  previous: Participant[],
  changed: readonly Participant[],
  removed: readonly string[],
): Participant[] {
  if (changed.length === 0 && removed.length === 0) return previous;
  const replacements = new Map(changed.map((participant) => [participant.key, participant]));
  const gone = new Set(removed);
  const next: Participant[] = [];
  for (const participant of previous) {
    if (gone.has(participant.key)) continue;
    const replacement = replacements.get(participant.key);
    if (replacement) replacements.delete(participant.key);
    next.push(replacement ?? participant);
  }
  for (const newcomer of replacements.values()) next.push(newcomer);
  return next;
}
