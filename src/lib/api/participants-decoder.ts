/**
 * Turns a participants answer (bytes) into participants, and a refetch into the changes since an earlier
 * answer. It runs in a worker (./participants.worker.ts): a 100,000-person roster is a 50 MB body, whose
 * parsing and comparing would otherwise block the page for half a second on every refetch. The page then
 * receives only what changed, and keeps its own objects for everyone else (./participants-feed.ts).
 *
 * No DOM here: the same code runs in the page where there are no workers (tests, old browsers).
 */
import { participantsFromV1, participantsFromV4 } from './adapters';
import type { TalkApiVersion } from './capabilities';
import { isOcsEnvelope, parseJson } from './envelope';
import type { Participant } from './model';
import type { PreparedRequest } from './transport';
import type { V1Participant, V4Participant } from '../../../contract/wire';

export interface DecodeRequest {
  /** Names one list of one client (a conversation, an API generation): versions are counted per feed. */
  feed: string;
  generation: TalkApiVersion;
  status: number;
  body: ArrayBuffer;
  /** The version the caller holds, to be told the changes since; null for the whole list. */
  base: number | null;
  /**
   * False: the caller decoded this answer itself, and only needs the version it is kept as. The body is then
   * decoded only when a later answer is compared with it: right after a first list, the person is scrolling
   * and typing, and the page needs the CPU more than this.
   */
  listWanted?: boolean;
}

export type Decoded =
  /** The body was no OCS envelope (a proxy's error page, say): `parsed` is what it was, if it was JSON. */
  | { kind: 'unreadable'; status: number; parsed: unknown }
  | { kind: 'list'; version: number; participants: Participant[] }
  /** The answer is kept as this version (when no list was wanted). */
  | { kind: 'kept'; version: number }
  /** Participants new or different since `base` (by key), and the keys of those gone. */
  | { kind: 'changes'; version: number; base: number; changed: Participant[]; removed: string[] };

/** A refetch made by the worker itself: the page then never holds the body at all. */
export interface FetchRequest extends PreparedRequest {
  feed: string;
  generation: TalkApiVersion;
  base: number | null;
}

export type Fetched =
  | Decoded
  /** Not a 2xx: the page turns it into its error class, as for any other request. */
  | { kind: 'failed'; status: number; statusText: string; text: string }
  | { kind: 'network'; message: string }
  | { kind: 'aborted' };

/** A kept answer not decoded yet (see `listWanted`). */
interface Undecoded {
  generation: TalkApiVersion;
  status: number;
  body: ArrayBuffer;
}

type ParticipantsByKey = Map<string, Participant>;

interface Feed {
  nextVersion: number;
  /** The latest few versions, oldest first: a caller may still hold one of them when its answer comes. */
  versions: Map<number, ParticipantsByKey | Undecoded>;
  lastUsed: number;
}

/**
 * Versions kept per feed, and feeds kept: enough for requests overlapping a cancelled one, and a few rooms.
 * The page keeps as many (./participants-feed.ts), so that the version it compares with is still here.
 */
export const VERSIONS_KEPT = 4;
export const FEEDS_KEPT = 8;

/** Drops a map's oldest entries (in insertion order) beyond `count`. */
export function keepNewest(map: Map<unknown, unknown>, count: number): void {
  for (const key of map.keys()) {
    if (map.size <= count) break;
    map.delete(key);
  }
}

function byKey(participants: readonly Participant[]): ParticipantsByKey {
  const map: ParticipantsByKey = new Map();
  for (const participant of participants) map.set(participant.key, participant);
  return map;
}

export class ParticipantsDecoder {
  private readonly feeds = new Map<string, Feed>();
  private uses = 0;

  decode({ feed: feedName, generation, status, body, base, listWanted = true }: DecodeRequest): Decoded {
    if (!listWanted && base === null) {
      const feed = this.feed(feedName);
      const version = feed.nextVersion++;
      this.keep(feed, version, { generation, status, body });
      return { kind: 'kept', version };
    }
    const read = readParticipants(generation, status, body);
    if (read.kind === 'unreadable') return read;
    const { participants } = read;

    const feed = this.feed(feedName);
    const version = feed.nextVersion++;
    const previous = base === null ? null : this.version(feed, base);
    if (base === null || !previous) {
      this.keep(feed, version, byKey(participants));
      return listWanted ? { kind: 'list', version, participants } : { kind: 'kept', version };
    }

    const current: ParticipantsByKey = new Map();
    const changed: Participant[] = [];
    for (const participant of participants) {
      const before = previous.get(participant.key);
      if (before && sameData(before, participant)) {
        current.set(participant.key, before);
      } else {
        current.set(participant.key, participant);
        changed.push(participant);
      }
    }
    const removed: string[] = [];
    for (const key of previous.keys()) if (!current.has(key)) removed.push(key);
    this.keep(feed, version, current);
    return { kind: 'changes', version, base, changed, removed };
  }

  /** The whole list of a version still kept; null when it is gone. */
  list(feedName: string, version: number): Participant[] | null {
    const feed = this.feeds.get(feedName);
    const kept = feed ? this.version(feed, version) : null;
    return kept ? [...kept.values()] : null;
  }

  /** A kept version, decoded now if it was not yet; null when it is gone. */
  private version(feed: Feed, version: number): ParticipantsByKey | null {
    const kept = feed.versions.get(version);
    if (!kept || kept instanceof Map) return kept ?? null;
    const read = readParticipants(kept.generation, kept.status, kept.body);
    // The page read the same bytes without trouble; if they were unreadable after all, there is nothing to compare with.
    if (read.kind === 'unreadable') return null;
    const participants = byKey(read.participants);
    feed.versions.set(version, participants);
    return participants;
  }

  private feed(name: string): Feed {
    let feed = this.feeds.get(name);
    if (!feed) {
      if (this.feeds.size >= FEEDS_KEPT) {
        const leastUsed = [...this.feeds].reduce((a, b) => (b[1].lastUsed < a[1].lastUsed ? b : a));
        this.feeds.delete(leastUsed[0]);
      }
      feed = { nextVersion: 1, versions: new Map(), lastUsed: 0 };
      this.feeds.set(name, feed);
    }
    feed.lastUsed = ++this.uses;
    return feed;
  }

  private keep(feed: Feed, version: number, participants: ParticipantsByKey | Undecoded): void {
    feed.versions.set(version, participants);
    keepNewest(feed.versions, VERSIONS_KEPT);
  }
}

/** Makes the request and decodes a successful answer; failures are returned for the page to explain. */
export async function fetchParticipants(
  decoder: ParticipantsDecoder,
  { url, init, feed, generation, base }: FetchRequest,
  signal: AbortSignal,
): Promise<Fetched> {
  try {
    const response = await fetch(url, { ...init, signal });
    if (!response.ok) return { kind: 'failed', status: response.status, statusText: response.statusText, text: await response.text() };
    const body = await response.arrayBuffer();
    // Cancelled while the last bytes came: nobody waits for the list, and decoding it would move the version on.
    if (signal.aborted) return { kind: 'aborted' };
    return decoder.decode({ feed, generation, status: response.status, body, base });
  } catch (error) {
    if (signal.aborted) return { kind: 'aborted' };
    return { kind: 'network', message: error instanceof Error ? error.message : String(error) };
  }
}

/** What the page asks the worker; `abort` cancels the fetch call named by `target`. */
export type WorkerCall =
  | { id: number; type: 'decode'; request: DecodeRequest }
  | { id: number; type: 'list'; feed: string; version: number }
  | { id: number; type: 'fetch'; request: FetchRequest }
  | { id: number; type: 'abort'; target: number };

export type WorkerResult = Fetched | Participant[] | null;

/** Each call but `abort` is answered with its id; an exception becomes `{ id, error }`. */
export type WorkerAnswer = { id: number; result: WorkerResult } | { id: number; error: string };

/** The worker's side of the messages (./participants.worker.ts): a decoder answering calls through `post`. */
export function answerWorkerCalls(post: (answer: WorkerAnswer) => void): (call: WorkerCall) => void {
  const decoder = new ParticipantsDecoder();
  const fetches = new Map<number, AbortController>();

  async function answer(call: Exclude<WorkerCall, { type: 'abort' }>): Promise<WorkerResult> {
    switch (call.type) {
      case 'decode':
        return decoder.decode(call.request);
      case 'list':
        return decoder.list(call.feed, call.version);
      case 'fetch': {
        const controller = new AbortController();
        fetches.set(call.id, controller);
        try {
          return await fetchParticipants(decoder, call.request, controller.signal);
        } finally {
          fetches.delete(call.id);
        }
      }
    }
  }

  return (call) => {
    if (call.type === 'abort') {
      fetches.get(call.target)?.abort();
      return;
    }
    answer(call).then(
      (result) => post({ id: call.id, result }),
      (error: unknown) => post({ id: call.id, error: error instanceof Error ? error.message : String(error) }),
    );
  };
}

/** Parses and adapts an answer's body, wherever it runs. */
export function readParticipants(
  generation: TalkApiVersion,
  status: number,
  body: ArrayBuffer | string,
): Extract<Decoded, { kind: 'unreadable' }> | { kind: 'read'; participants: Participant[] } {
  const parsed = parseJson(typeof body === 'string' ? body : new TextDecoder().decode(body));
  if (!isOcsEnvelope(parsed) || !Array.isArray(parsed.ocs.data)) {
    // Only a small object is worth sending back (for its message); a 50 MB array is not.
    return { kind: 'unreadable', status, parsed: isOcsEnvelope(parsed) ? null : parsed };
  }
  const participants =
    generation === 'v4'
      ? participantsFromV4(parsed.ocs.data as V4Participant[])
      : participantsFromV1(parsed.ocs.data as V1Participant[]);
  return { kind: 'read', participants };
}

/** Deep equality of JSON-like data (what the adapters make: strings, numbers, booleans, null, plain objects). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  for (const key of aKeys) {
    if (!sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}
