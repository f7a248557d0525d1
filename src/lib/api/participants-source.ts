/**
 * The one owner of participant lists: it fetches a conversation's list, decodes and adapts it, and compares it
 * with the list it read before for the same feed. It runs in a worker (./participants.worker.ts): a
 * 100,000-person roster is a 50 MB body, whose parsing and comparing would block the page for half a second on
 * every refetch. Where there is no worker (tests, a worker that failed) it runs in the page, unchanged. A feed's
 * first list, when the page asked for it itself, the page may read (`readReceived`) and give the worker to
 * remember: there is nothing to compare it with, and the page has it sooner.
 *
 * What it remembers of a feed is what it needs to compare: each participant's data as JSON text, by key.
 * The page holds the participants themselves, in a replica that only this source's answers change, applied in
 * the order the source made them (./participants-feed.ts). So the two cannot disagree: there are no versions
 * to keep in step, and no answer that may find its base gone.
 *
 * No DOM here.
 */
import { participantsFromV1, participantsFromV4 } from './adapters';
import type { TalkApiVersion } from './capabilities';
import { isOcsEnvelope, parseJson } from './envelope';
import type { Participant } from './model';
import type { PreparedRequest } from './transport';
import type { V1Participant, V4Participant } from '../../../contract/wire';

/** One request for a feed's list. */
export interface ListCall {
  /** One list of one client: a conversation in an API generation. Each feed is compared with its own past. */
  feed: string;
  generation: TalkApiVersion;
  /** Ready for `fetch`, with an absolute URL when it runs in a worker. */
  request: PreparedRequest;
  /**
   * The answer, when the page made the request itself (a worker still starting would have made it later):
   * the source reads its body instead of fetching.
   */
  response?: ReceivedResponse;
}

/**
 * An answer the page received whole. Its body is handed over (transferred, not copied) once its last byte is in:
 * the browser gathers the bytes natively, whereas a body stream handed over would pass every chunk through the
 * page's main thread, which is busiest exactly then (the app starting); that doubled the time to the roster.
 */
export interface ReceivedResponse {
  status: number;
  statusText: string;
  body: ArrayBuffer;
}

export type SourceAnswer =
  /** The feed's whole list: the first one, or the first since the feed was forgotten. */
  | { kind: 'list'; participants: Participant[]; forgotten: string[] }
  /** Participants new or different since the feed's previous answer (by key), and the keys of those gone. */
  | { kind: 'changes'; changed: Participant[]; removed: string[] }
  /** A 2xx whose body was no OCS envelope (a proxy's error page, say): `parsed` is what it was, if small JSON. */
  | { kind: 'unreadable'; status: number; parsed: unknown }
  /** Not a 2xx: the page turns it into its error class, as for any other request. */
  | { kind: 'failed'; status: number; statusText: string; text: string }
  | { kind: 'network'; message: string }
  /** The body could not be turned into participants. */
  | { kind: 'broken'; message: string }
  /** Cancelled before the list was read: the feed is as it was. */
  | { kind: 'aborted' };

/** Feeds remembered: a few rooms. The least recently listed is forgotten first, and the page is told so. */
export const FEEDS_KEPT = 8;

/** Each participant's data as JSON text, by key: enough to tell who changed, in less heap than the objects. */
type Fingerprints = Map<string, string>;

/**
 * A first list the page read itself, kept as the bytes it came in until the next list is compared with it.
 * Reading it on arrival would keep the worker busy for as long as the page (~130 ms for 10,000 people) exactly
 * while the page paints its first rows, on a machine that may have two cores; nothing needs it before the next
 * list, and the bytes are the smallest form of it.
 */
interface UnreadList {
  generation: TalkApiVersion;
  body: ArrayBuffer;
}

function fingerprintsOf(participants: readonly Participant[]): Fingerprints {
  const fingerprints: Fingerprints = new Map();
  for (const participant of participants) fingerprints.set(participant.key, JSON.stringify(participant));
  return fingerprints;
}

const isSuccess = (status: number) => status >= 200 && status <= 299;

function decodeBody(body: ArrayBuffer): string {
  return new TextDecoder().decode(body);
}

/**
 * The participants in a 2xx answer's body, or the answer to give instead when it holds none. Throws on data the
 * adapters cannot take.
 */
function participantsIn(generation: TalkApiVersion, status: number, body: string): Participant[] | SourceAnswer {
  const parsed = parseJson(body);
  if (!isOcsEnvelope(parsed) || !Array.isArray(parsed.ocs.data)) {
    // Only a small object is worth sending back (for its message); a 50 MB array is not.
    return { kind: 'unreadable', status, parsed: isOcsEnvelope(parsed) ? null : parsed };
  }
  return generation === 'v4'
    ? participantsFromV4(parsed.ocs.data as V4Participant[])
    : participantsFromV1(parsed.ocs.data as V1Participant[]);
}

/**
 * A whole answer read where it was received (the page, for a feed's first list): a list is the whole feed, as
 * a source would answer a feed it does not know yet.
 */
export function readReceived(generation: TalkApiVersion, { status, statusText, body }: ReceivedResponse): SourceAnswer {
  try {
    const text = decodeBody(body);
    if (!isSuccess(status)) return { kind: 'failed', status, statusText, text };
    const found = participantsIn(generation, status, text);
    return Array.isArray(found) ? { kind: 'list', participants: found, forgotten: [] } : found;
  } catch (error) {
    return { kind: 'broken', message: error instanceof Error ? error.message : String(error) };
  }
}

class ParticipantsSource {
  /**
   * A feed's last list: as it was sent (or as the page received it), until the next one is compared with it;
   * then only its fingerprints.
   */
  private readonly feeds = new Map<string, Fingerprints | Participant[] | UnreadList>();

  /**
   * @param answer receives each call's answer. A list or changes reach it in the same synchronous step that
   * updates what this source remembers, so whoever applies the answers in order stays in step with it.
   */
  constructor(private readonly answer: (id: number, answer: SourceAnswer) => void) {}

  /** Makes the request and answers it, whatever happens: no call is left without an answer. */
  async list(id: number, { feed, generation, request, response: received }: ListCall, signal: AbortSignal): Promise<void> {
    let status: number;
    let text: string;
    try {
      let statusText: string;
      if (received) {
        ({ status, statusText } = received);
        text = decodeBody(received.body);
      } else {
        const response = await fetch(request.url, { ...request.init, signal });
        ({ status, statusText } = response);
        text = await response.text();
      }
      if (!isSuccess(status)) return this.answer(id, { kind: 'failed', status, statusText, text });
    } catch (error) {
      if (signal.aborted) return this.answer(id, { kind: 'aborted' });
      return this.answer(id, { kind: 'network', message: error instanceof Error ? error.message : String(error) });
    }
    // Cancelled while the last bytes came: nobody waits for this list, so the feed stays as it was.
    if (signal.aborted) return this.answer(id, { kind: 'aborted' });
    let answer: SourceAnswer;
    try {
      answer = this.read(feed, generation, status, text);
    } catch (error) {
      // Data the adapters cannot take: the call still gets its answer, and the feed is as it was.
      answer = { kind: 'broken', message: error instanceof Error ? error.message : String(error) };
    }
    this.answer(id, answer);
  }

  /** Decodes an answer's body and moves the feed on to it. */
  private read(feed: string, generation: TalkApiVersion, status: number, body: string): SourceAnswer {
    const found = participantsIn(generation, status, body);
    if (!Array.isArray(found)) return found;
    const participants = found;

    const kept = this.keptList(feed);
    // Most recently listed last, for forgetting the least recent.
    this.feeds.delete(feed);
    if (!kept) {
      // A first list is on its way to the page as it is: what the next one is compared with is worked out then.
      this.feeds.set(feed, participants);
      return { kind: 'list', participants, forgotten: this.forgetBeyond(FEEDS_KEPT) };
    }
    const previous = Array.isArray(kept) ? fingerprintsOf(kept) : kept;
    const current = fingerprintsOf(participants);
    this.feeds.set(feed, current);

    const changed = participants.filter((participant) => previous.get(participant.key) !== current.get(participant.key));
    const removed: string[] = [];
    for (const key of previous.keys()) if (!current.has(key)) removed.push(key);
    return { kind: 'changes', changed, removed };
  }

  /**
   * Takes `body` as the feed's list, as if it had answered it: the page read the feed's first list itself from
   * these bytes, and the next list is compared with them, read then with the same code (`keptList`).
   */
  remember(feed: string, generation: TalkApiVersion, body: ArrayBuffer): void {
    this.feeds.delete(feed);
    this.feeds.set(feed, { generation, body });
    // The page still holds what is forgotten here: harmless, as the next list of such a feed is sent whole.
    this.forgetBeyond(FEEDS_KEPT);
  }

  /** What the feed's next list is compared with, read now if the page handed it over unread. */
  private keptList(feed: string): Fingerprints | Participant[] | undefined {
    const kept = this.feeds.get(feed);
    if (!kept || kept instanceof Map || Array.isArray(kept)) return kept;
    const answer = readReceived(kept.generation, { status: 200, statusText: 'OK', body: kept.body });
    // The page read these same bytes into a list; should they not read now, the next list goes out whole.
    return answer.kind === 'list' ? answer.participants : undefined;
  }

  private forgetBeyond(count: number): string[] {
    const forgotten: string[] = [];
    for (const feed of this.feeds.keys()) {
      if (this.feeds.size <= count) break;
      this.feeds.delete(feed);
      forgotten.push(feed);
    }
    return forgotten;
  }
}

/** What the page asks a worker running the source. */
export type SourceCall =
  | { type: 'list'; id: number; call: ListCall }
  | { type: 'abort'; id: number }
  /** The page read a feed's list itself (`readReceived`): here are the same bytes, to compare the next list with. */
  | { type: 'remember'; feed: string; generation: TalkApiVersion; body: ArrayBuffer };

/** What such a worker sends back: each list call's answer, once; and first of all that it is running. */
export type SourceMessage = { id: number; answer: SourceAnswer } | { ready: true };

/** The worker's side of the messages: a source answering calls through `post`. */
export function answerSourceCalls(post: (message: { id: number; answer: SourceAnswer }) => void): (call: SourceCall) => void {
  const source = new ParticipantsSource((id, answer) => post({ id, answer }));
  const running = new Map<number, AbortController>();
  return (message) => {
    if (message.type === 'abort') {
      running.get(message.id)?.abort();
      return;
    }
    if (message.type === 'remember') {
      source.remember(message.feed, message.generation, message.body);
      return;
    }
    const controller = new AbortController();
    running.set(message.id, controller);
    void source.list(message.id, message.call, controller.signal).finally(() => running.delete(message.id));
  };
}
