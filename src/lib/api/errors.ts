/**
 * What can go wrong talking to Talk, as classes the UI can tell apart with `instanceof`.
 * The transport builds them (see `errorFromResponse`); the app maps them to UI in one place.
 */
import type { BannedJoinData, SessionConflictData } from '../../../contract/wire';

export class ApiError extends Error {
  override readonly name: string = 'ApiError';

  constructor(
    /** HTTP status; 0 when no answer arrived. */
    readonly status: number,
    message: string,
    /** `ocs.meta.statuscode`, or null when the answer had no OCS envelope. */
    readonly ocsStatusCode: number | null = null,
    /** `ocs.data` of a failure: `[]` on Talk 19, `null` or `{error}` on newer servers. */
    readonly data: unknown = null,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  /** The refusal's code on current servers (`{"error": "owner"}` → "owner"); null for v1's `[]` and `null`. */
  get code(): string | null {
    const { data } = this;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
    const code = (data as { error?: unknown }).error;
    return typeof code === 'string' ? code : null;
  }
}

/** 409 on join: this account already has a session in the conversation (another tab or device). */
export class SessionConflictError extends ApiError {
  override readonly name = 'SessionConflictError';
  readonly sessionId: string;
  readonly inCall: number;
  /** Unix time in seconds of the other session's last ping. */
  readonly lastPing: number;

  constructor(message: string, ocsStatusCode: number | null, conflict: SessionConflictData) {
    super(409, message, ocsStatusCode, conflict);
    this.sessionId = conflict.sessionId;
    this.inCall = conflict.inCall;
    this.lastPing = conflict.lastPing;
  }
}

/** 412 with an OCS envelope: the lobby is on and the caller is not a moderator. */
export class LobbyError extends ApiError {
  override readonly name = 'LobbyError';
}

/**
 * 412 without an envelope: the request missed `OCS-APIRequest: true`. A bug in the client or a proxy that
 * strips headers, never the lobby.
 */
export class CsrfError extends ApiError {
  override readonly name = 'CsrfError';
}

/** 401: not signed in, or a wrong password. Real servers answer with XML here, whatever was asked for. */
export class UnauthorizedError extends ApiError {
  override readonly name = 'UnauthorizedError';
}

export class ForbiddenError extends ApiError {
  override readonly name: string = 'ForbiddenError';
}

/**
 * 403 `{error: "ban"}` on joining (Talk 20+): a moderator banned this person from the conversation. No password
 * or second attempt changes that, so the join page says so instead of asking again.
 */
export class BannedError extends ForbiddenError {
  override readonly name = 'BannedError';
}

/** The server lacks a capability the call needs (bans on Talk 19, permissions or bans on a v1 server): no request was made. */
export class UnsupportedFeatureError extends Error {
  override readonly name = 'UnsupportedFeatureError';

  constructor(readonly feature: string) {
    super(`This server does not support ${feature}`);
  }
}

/**
 * 429: too many wrong passwords (Nextcloud's brute-force protection: sign-in, or a conversation's password).
 * `retryAfterSeconds` from the answer's Retry-After, when the server sends one (rollcall's demo server does).
 */
export class TooManyAttemptsError extends ApiError {
  override readonly name = 'TooManyAttemptsError';

  constructor(
    message: string,
    ocsStatusCode: number | null,
    data: unknown,
    readonly retryAfterSeconds: number | null,
  ) {
    super(429, message, ocsStatusCode, data);
  }
}

export class NotFoundError extends ApiError {
  override readonly name = 'NotFoundError';
}

/**
 * Starting Login Flow v2 got no flow: the server (or the proxy in front of it) does not offer
 * `/index.php/login/v2`. Nextcloud has no capability that says so beforehand.
 */
export class LoginFlowUnavailableError extends ApiError {
  override readonly name = 'LoginFlowUnavailableError';
}

/** The request never got an answer: offline, DNS, connection refused, or the server died mid-response. */
export class NetworkError extends ApiError {
  override readonly name = 'NetworkError';

  constructor(cause: unknown) {
    super(0, 'The server could not be reached', null, null, { cause });
  }
}

/**
 * Raised before any request when a participant's key names nobody the server could find: a guest without a
 * session on a v1 server, which addresses guests by session only. Not an answer of the server, so no status.
 */
export class UnaddressableParticipantError extends Error {
  override readonly name = 'UnaddressableParticipantError';

  constructor(readonly participantKey: string) {
    super('This guest has no session, so the server cannot be told who is meant. Try again once they have joined.');
  }
}

/** Worth trying again: the server failed (5xx) or the request never arrived. A 4xx would fail the same way. */
export function isTransientError(error: unknown): boolean {
  return error instanceof NetworkError || (error instanceof ApiError && error.status >= 500);
}

function isSessionConflictData(data: unknown): data is SessionConflictData {
  if (typeof data !== 'object' || data === null) return false;
  const candidate = data as Record<string, unknown>;
  return typeof candidate.sessionId === 'string';
}

function isBanData(data: unknown): data is BannedJoinData {
  return typeof data === 'object' && data !== null && (data as { error?: unknown }).error === 'ban';
}

/** The failure answer of a request, as read by the transport. */
export interface FailedResponse {
  status: number;
  /** True when the body was an OCS envelope. */
  hasEnvelope: boolean;
  ocsStatusCode: number | null;
  message: string;
  data: unknown;
  /** The Retry-After header, if the answer had one. */
  retryAfter?: string | null;
}

/** Retry-After in seconds; an HTTP date is turned into the seconds until it. */
function retryAfterSeconds(header: string | null | undefined): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

export function errorFromResponse(response: FailedResponse): ApiError {
  const { status, hasEnvelope, ocsStatusCode, message, data } = response;
  switch (status) {
    case 401:
      return new UnauthorizedError(status, message, ocsStatusCode, data);
    case 403:
      if (isBanData(data)) return new BannedError(status, message, ocsStatusCode, data);
      return new ForbiddenError(status, message, ocsStatusCode, data);
    case 404:
      return new NotFoundError(status, message, ocsStatusCode, data);
    case 409:
      if (isSessionConflictData(data)) {
        return new SessionConflictError(message, ocsStatusCode, {
          sessionId: data.sessionId,
          inCall: Number(data.inCall ?? 0),
          lastPing: Number(data.lastPing ?? 0),
        });
      }
      return new ApiError(status, message, ocsStatusCode, data);
    case 429:
      return new TooManyAttemptsError(message, ocsStatusCode, data, retryAfterSeconds(response.retryAfter));
    case 412:
      return hasEnvelope
        ? new LobbyError(status, message, ocsStatusCode, data)
        : new CsrfError(status, message, ocsStatusCode, data);
    default:
      return new ApiError(status, message, ocsStatusCode, data);
  }
}
