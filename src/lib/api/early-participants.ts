/**
 * The participants request of a page that opens on a conversation, made before the app's JavaScript arrived.
 * A reload of `/rooms/TOKEN` would otherwise ask for the list only once the whole bundle has been fetched,
 * compiled and run (~150 ms on a 2-core machine): a webinar's list would wait on the app, where the app should
 * wait on the server. ./early-roster.js (a plain script, inline in index.html: it runs first) makes the request;
 * the participants feed adopts its answer when its first request is the very same one (address and
 * credentials), and cancels it otherwise.
 */
import type { TalkApi } from './capabilities';
import type { ReceivedResponse } from './participants-source';
import type { PreparedRequest } from './transport';

/** A room's participants list, as rollcall asks for it (./early-roster.js builds the same address). */
export function participantsRoute(api: Pick<TalkApi, 'base'>, token: string) {
  return { path: `${api.base}/room/${encodeURIComponent(token)}/participants`, params: { includeStatus: true } } as const;
}

/** What ./early-roster.js leaves for the app. */
export interface EarlyParticipantsRequest {
  url: string;
  authorization: string;
  /** The whole answer, once its last byte is in (the script reads the body at once). */
  received: Promise<ReceivedResponse>;
  controller: AbortController;
}

declare global {
  interface Window {
    __rollcallEarlyParticipants?: EarlyParticipantsRequest;
  }
}

/**
 * The early answer, when `request` (with an absolute URL) is the very request made early. It is taken once, by
 * the feed's first request: any other request cancels it, as the page will not ask for it again.
 */
export function takeEarlyParticipantsResponse(request: PreparedRequest): EarlyParticipantsRequest | null {
  if (typeof window === 'undefined') return null;
  const early = window.__rollcallEarlyParticipants;
  if (!early) return null;
  window.__rollcallEarlyParticipants = undefined;
  if (early.url === request.url && early.authorization === request.init.headers.Authorization) return early;
  early.controller.abort();
  return null;
}
