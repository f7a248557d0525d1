import { fetchCapabilities, sameTalkApi, talkApiFromCapabilities, type TalkApi, type TalkApiMemory } from './capabilities';
import { createParticipantsFeed, type ParticipantsFeed } from './participants-feed';
import { prepareRequest, request, type Credentials, type HttpMethod, type RequestOptions } from './transport';
import type { CapabilitiesData } from '../../../contract/wire';

/**
 * The transport bound to the app's signed-in identity, plus the server's API generation, read once.
 * Everything above lib/api goes through one of these.
 */
export interface TalkClient {
  /** Uses the signed-in credentials unless `options.credentials` says otherwise (`null`: send none). */
  request<T>(method: HttpMethod, path: string, options?: RequestOptions): Promise<T>;
  /** Participant lists, made with the same credentials: fetched, decoded and compared off the main thread. */
  readonly participants: ParticipantsFeed;
  /**
   * The API generation and base path, from the capabilities (fetched once per client). With a memory, what an
   * earlier page load learnt answers at once, while the capabilities are read to confirm it.
   */
  api(): Promise<TalkApi>;
  /** The server's capabilities, read once per client and shared with `api()` (a failed read is tried again). */
  capabilities(): Promise<CapabilitiesData>;
}

export interface TalkClientOptions {
  /** Read on every request, so signing in or out takes effect at once. */
  getCredentials: () => Credentials | null;
  /** Keeps the API generation between page loads; without one, every page load waits for the capabilities. */
  apiMemory?: TalkApiMemory;
  /**
   * The capabilities contradicted the remembered API (the server was upgraded or replaced): whatever was asked
   * with the remembered one should be asked again. `api()` gives the corrected answer by then.
   */
  onApiCorrected?: (api: TalkApi) => void;
}

export function createTalkClient({ getCredentials, apiMemory, onApiCorrected }: TalkClientOptions): TalkClient {
  let pendingApi: Promise<TalkApi> | null = null;
  let pendingCapabilities: Promise<CapabilitiesData> | null = null;
  const withCredentials = (options: RequestOptions): RequestOptions => ({
    ...options,
    credentials: options.credentials === undefined ? getCredentials() : options.credentials,
  });

  const client: TalkClient = {
    request(method, path, options = {}) {
      return request(method, path, withCredentials(options));
    },

    participants: createParticipantsFeed((path, params) => prepareRequest('GET', path, withCredentials({ params }))),

    api() {
      if (pendingApi) return pendingApi;
      const remembered = apiMemory?.recall() ?? null;
      const read = client.capabilities().then(talkApiFromCapabilities);
      const confirmed = read.then(
        (api) => {
          apiMemory?.remember(api);
          if (remembered && !sameTalkApi(remembered, api)) {
            pendingApi = Promise.resolve(api);
            onApiCorrected?.(api);
          }
          return api;
        },
        (error: unknown) => {
          pendingApi = null; // a failed read is retried by the next caller instead of being remembered
          throw error;
        },
      );
      // With a remembered answer the read only confirms it; its failure shows in the requests that follow.
      if (remembered) confirmed.catch(() => {});
      pendingApi = remembered ? Promise.resolve(remembered) : confirmed;
      return pendingApi;
    },

    capabilities() {
      if (pendingCapabilities) return pendingCapabilities;
      // No abort signal: the answer is shared by every caller, and one caller leaving must not cancel it.
      const read = fetchCapabilities({ credentials: getCredentials() });
      pendingCapabilities = read;
      // Registered before any caller's handlers, so a caller retrying on failure reads again.
      read.catch(() => {
        if (pendingCapabilities === read) pendingCapabilities = null;
      });
      return read;
    },
  };
  return client;
}
