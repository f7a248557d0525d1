import { fetchCapabilities, talkApiFromCapabilities, type TalkApi } from './capabilities';
import { createParticipantsFeed, type ParticipantsFeed } from './participants-feed';
import { prepareRequest, request, type Credentials, type HttpMethod, type RequestOptions } from './transport';

/**
 * The transport bound to the app's signed-in identity, plus the server's API generation, read once.
 * Everything above lib/api goes through one of these.
 */
export interface TalkClient {
  /** Uses the signed-in credentials unless `options.credentials` says otherwise (`null`: send none). */
  request<T>(method: HttpMethod, path: string, options?: RequestOptions): Promise<T>;
  /** Participant lists, made with the same credentials: fetched, decoded and compared off the main thread. */
  readonly participants: ParticipantsFeed;
  /** The API generation and base path, from the capabilities (fetched once per client). */
  api(): Promise<TalkApi>;
}

export interface TalkClientOptions {
  /** Read on every request, so signing in or out takes effect at once. */
  getCredentials: () => Credentials | null;
}

export function createTalkClient({ getCredentials }: TalkClientOptions): TalkClient {
  let pendingApi: Promise<TalkApi> | null = null;
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
      // No abort signal: the answer is shared by every caller, and one caller leaving must not cancel it.
      pendingApi ??= fetchCapabilities({ credentials: getCredentials() }).then(talkApiFromCapabilities, (error: unknown) => {
        pendingApi = null; // a failed read is retried by the next caller instead of being remembered
        throw error;
      });
      return pendingApi;
    },
  };
  return client;
}
