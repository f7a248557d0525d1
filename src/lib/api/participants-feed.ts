/**
 * The page's side of participant lists. One owner, the source (./participants-source.ts), fetches, decodes and
 * compares every list, in a worker where the browser has one. The page keeps a replica: the latest list of each
 * feed, changed only by the source's answers, applied in the order the source made them. A participant who
 * did not change is the very same object as in the previous list, and when nobody changed the list itself is
 * the same array, so memoised views re-render nothing. Known participants keep their places, newcomers come
 * last; the order is the caller's to choose.
 */
import type { TalkApiVersion } from './capabilities';
import { takeEarlyParticipantsResponse } from './early-participants';
import { NetworkError } from './errors';
import type { Participant } from './model';
import {
  answerSourceCalls,
  type ListCall,
  readReceived,
  type ReceivedResponse,
  type SourceAnswer,
  type SourceCall,
  type SourceMessage,
} from './participants-source';
import { failureOfAnswer, notAnEnvelope, type Params, type PreparedRequest } from './transport';

/** Participant lists of one client. */
export interface ParticipantsFeed {
  /** The list at `path` (a room's participants route), read as `generation` answers it. */
  list(path: string, params: Params, generation: TalkApiVersion, signal?: AbortSignal): Promise<Participant[]>;
}

/** Makes a client's requests as its transport would (headers, credentials). */
export type PrepareRequest = (path: string, params: Params) => PreparedRequest;

let clients = 0;

export function createParticipantsFeed(prepare: PrepareRequest): ParticipantsFeed {
  // Feeds are named per client, so two clients (two identities) never compare with each other's lists.
  const client = ++clients;
  // The worker starts with the client, not with the first list: its script then loads while the app starts,
  // instead of in front of the roster's first request.
  sourceLink();
  return {
    async list(path, params, generation, signal) {
      const call: ListCall = { feed: `${client}:${generation}:${path}`, generation, request: prepare(path, params) };
      for (;;) {
        try {
          return await sourceLink().list(call, signal);
        } catch (error) {
          // The worker broke before answering: the call is made again, in the page from now on.
          if (!(error instanceof SourceUnavailableError)) throw error;
        }
      }
    },
  };
}

/** The worker running the source stopped (it could not load, or it crashed) before it answered. */
class SourceUnavailableError extends Error {
  constructor() {
    super('The participants worker stopped working');
    this.name = 'SourceUnavailableError';
  }
}

interface Pending {
  feed: string;
  signal: AbortSignal | undefined;
  resolve: (participants: Participant[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Where the source runs, and the replica of what it read. `deliver` must be given every answer, in the order
 * the source made them: the replica then always holds what the source compares the next answer with.
 */
abstract class SourceLink {
  private readonly replica = new Map<string, Participant[]>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  list(call: ListCall, signal: AbortSignal | undefined): Promise<Participant[]> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      const abort = () => this.abort(id);
      // A settled call leaves no listener behind on a signal that may live longer.
      const settled = () => signal?.removeEventListener('abort', abort);
      this.pending.set(id, {
        feed: call.feed,
        signal,
        resolve: (participants) => {
          settled();
          resolve(participants);
        },
        reject: (error) => {
          settled();
          reject(error);
        },
      });
      signal?.addEventListener('abort', abort, { once: true });
      this.send(id, call);
    });
  }

  /** Whether the page holds a list of `feed`: only a feed's first list may be read outside the source. */
  protected knows(feed: string): boolean {
    return this.replica.has(feed);
  }

  protected abstract send(id: number, call: ListCall): void;
  protected abstract abort(id: number): void;

  protected deliver(id: number, answer: SourceAnswer): void {
    const call = this.pending.get(id);
    this.pending.delete(id);
    // Applied even when nobody waits any more (a cancelled call): the source has moved on either way.
    let participants: Participant[] | null = null;
    let failure: unknown = null;
    try {
      participants = this.apply(call?.feed, answer);
    } catch (error) {
      failure = error;
    }
    if (!call) return;
    if (call.signal?.aborted) call.reject(call.signal.reason ?? new DOMException('The request was cancelled', 'AbortError'));
    else if (participants) call.resolve(participants);
    else call.reject(failure);
  }

  /** Moves the replica on with a list or changes; gives the error of any other answer. */
  private apply(feed: string | undefined, answer: SourceAnswer): Participant[] {
    switch (answer.kind) {
      case 'list':
        for (const forgotten of answer.forgotten) this.replica.delete(forgotten);
        if (feed !== undefined) this.replica.set(feed, answer.participants);
        return answer.participants;
      case 'changes': {
        const previous = feed === undefined ? undefined : this.replica.get(feed);
        // The source sends changes only for a feed whose list it sent before, and every answer is applied.
        if (!previous || feed === undefined) throw new Error(`The participants of ${feed ?? 'a list'} are out of step`);
        const next = applyChanges(previous, answer.changed, answer.removed);
        this.replica.set(feed, next);
        return next;
      }
      case 'unreadable':
        throw notAnEnvelope(answer.status, answer.parsed);
      case 'failed':
        throw failureOfAnswer(answer.status, answer.statusText, answer.text);
      case 'network':
        throw new NetworkError(new Error(answer.message));
      case 'broken':
        throw new Error(answer.message);
      case 'aborted':
        throw new DOMException('The request was cancelled', 'AbortError');
    }
  }

  /** Ends every call waiting on a link that can no longer answer. */
  protected failAll(error: Error): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const call of waiting) call.reject(error);
  }
}

/** The source in this page: for tests, browsers without module workers, and after the worker broke. */
class InPageLink extends SourceLink {
  // The worker's own call handling, minus the worker: the same abort bookkeeping in both places.
  private readonly answer = answerSourceCalls(({ id, answer }) => this.deliver(id, answer));

  protected send(id: number, call: ListCall): void {
    this.answer({ type: 'list', id, call });
  }

  protected abort(id: number): void {
    this.answer({ type: 'abort', id });
  }
}

/**
 * The largest first list the page reads itself (about 30,000 people) rather than hands to the worker. The worker
 * would read it off the main thread, but the page then waits for the body to reach the worker and for the
 * participants to be copied back, which for a first paint costs more than reading the list here. A larger list
 * would freeze the page for longer than its first paint gains.
 */
const READ_IN_PAGE_MAX_BYTES = 16 * 1024 * 1024;

/** The source in a worker of its own. */
class WorkerLink extends SourceLink {
  /** The worker has started: until then the page makes the requests itself (see `send`). */
  private ready = false;
  /** Requests the page made for the worker, by call id: cancelled with their call. */
  private readonly startedHere = new Map<number, AbortController>();

  constructor(
    private readonly worker: Worker,
    onBroken: () => void,
  ) {
    super();
    worker.onmessage = ({ data }: MessageEvent<SourceMessage>) => {
      if ('ready' in data) this.ready = true;
      else this.deliver(data.id, data.answer);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      onBroken();
      this.failAll(new SourceUnavailableError());
    };
  }

  protected send(id: number, call: ListCall): void {
    // The worker's own location is its script's: a path must be made absolute against the page.
    const request = { ...call.request, url: new URL(call.request.url, location.href).href };
    const prepared: ListCall = { ...call, request };
    // A worker takes a while to start (a thread, its script): the first list of a page load would wait for it.
    // The page makes that request at once and reads the whole answer: a first list here, a later one (to be
    // compared) in the worker. The app's first list may have been asked for before the app ran
    // (./early-participants.ts).
    const early = takeEarlyParticipantsResponse(request);
    if (!early && this.ready) {
      this.worker.postMessage({ type: 'list', id, call: prepared } satisfies SourceCall);
      return;
    }
    const controller = early?.controller ?? new AbortController();
    this.startedHere.set(id, controller);
    (early?.received ?? receiveWhole(request, controller.signal))
      .then((received) => {
        this.startedHere.delete(id);
        // A later list is compared with the one before by the worker: only it knows both.
        if (received.body.byteLength > READ_IN_PAGE_MAX_BYTES || this.knows(call.feed)) {
          const message: SourceCall = { type: 'list', id, call: { ...prepared, response: received } };
          this.worker.postMessage(message, [received.body]);
          return;
        }
        // A first list is read here: handing it to the worker and its participants back would take longer.
        const answer = readReceived(call.generation, received);
        if (answer.kind === 'list') {
          const remember: SourceCall = { type: 'remember', feed: call.feed, generation: call.generation, body: received.body };
          this.worker.postMessage(remember, [received.body]);
        }
        this.deliver(id, answer);
      })
      .catch((error: unknown) => {
        this.startedHere.delete(id);
        if (controller.signal.aborted) this.deliver(id, { kind: 'aborted' });
        else this.deliver(id, { kind: 'network', message: error instanceof Error ? error.message : String(error) });
      });
  }

  protected abort(id: number): void {
    const startedHere = this.startedHere.get(id);
    if (startedHere) startedHere.abort();
    else this.worker.postMessage({ type: 'abort', id } satisfies SourceCall);
  }
}

/** Makes a request and reads its whole answer (./participants-source.ts ReceivedResponse says why whole). */
async function receiveWhole(request: PreparedRequest, signal: AbortSignal): Promise<ReceivedResponse> {
  const response = await fetch(request.url, { ...request.init, signal });
  return { status: response.status, statusText: response.statusText, body: await response.arrayBuffer() };
}

/** The page's one link: to a worker where there can be one, in the page otherwise or once the worker broke. */
let current: SourceLink | null = null;

function sourceLink(): SourceLink {
  current ??= startWorker() ?? new InPageLink();
  return current;
}

function startWorker(): SourceLink | null {
  if (typeof Worker === 'undefined') return null;
  try {
    const worker = new Worker(new URL('./participants.worker.ts', import.meta.url), { type: 'module', name: 'participants' });
    const link: SourceLink = new WorkerLink(worker, () => {
      if (current === link) current = new InPageLink();
    });
    return link;
  } catch {
    return null;
  }
}

/**
 * The previous list with the changes made: returns `previous` itself when nothing changed. Known participants
 * keep their places and newcomers come last (the roster sorts anyway).
 */
function applyChanges(
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
