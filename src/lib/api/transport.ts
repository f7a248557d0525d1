/**
 * The one way rollcall talks to an OCS server: headers, authentication, parameters, and the envelope are
 * handled here and nowhere else. Callers get `ocs.data` or an error class from ./errors.
 */
import { NetworkError, errorFromResponse } from './errors';
import { isOcsEnvelope, parseJson } from './envelope';
import type { OcsEnvelope } from '../../../contract/wire';

export interface Credentials {
  account: string;
  /** A password or Nextcloud app password. */
  password: string;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type ParamValue = string | number | boolean | null | undefined;

/**
 * Query parameters; `null` and `undefined` values are left out. An array repeats the parameter, as PHP expects
 * for names ending in `[]` (`shareTypes[]=0&shareTypes[]=1`).
 */
export type Params = Record<string, ParamValue | readonly ParamValue[]>;

export interface RequestOptions {
  /** Sent in the query string. */
  params?: Params;
  /** Sent as JSON. */
  body?: unknown;
  /** HTTP Basic credentials; without them the request relies on the origin's cookies (guests). */
  credentials?: Credentials | null;
  signal?: AbortSignal;
}

export async function request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options);
  const parsed = parseJson(await read(() => response.text(), options.signal));
  const envelope = isOcsEnvelope(parsed) ? parsed : null;
  if (response.ok && envelope) return envelope.ocs.data as T;
  throw failure(response.status, response.statusText, envelope, parsed, response.headers.get('Retry-After'));
}

/** The error for a successful answer whose body is no OCS envelope; `parsed` is the body as JSON, or null. */
export function notAnEnvelope(status: number, parsed: unknown): Error {
  return failure(status, '', null, parsed);
}

/** The error for a failed answer's body, as `request` throws it (also for answers a worker read). */
export function failureOfAnswer(status: number, statusText: string, text: string): Error {
  const parsed = parseJson(text);
  return failure(status, statusText, isOcsEnvelope(parsed) ? parsed : null, parsed);
}

/** A request ready to be made by `fetch`, here or (with its URL made absolute) in a worker. */
export interface PreparedRequest {
  url: string;
  init: { method: HttpMethod; headers: Record<string, string>; body?: string; credentials: RequestCredentials };
}

export function prepareRequest(method: HttpMethod, path: string, options: RequestOptions = {}): PreparedRequest {
  const { params, body, credentials } = options;
  const headers: Record<string, string> = {
    // Without this header Nextcloud refuses the request as a CSRF attempt (412).
    'OCS-APIRequest': 'true',
    // Without this header the answer is XML.
    Accept: 'application/json',
    // With it Nextcloud challenges a refused login with `DummyBasic` instead of `Basic`, so the browser does not
    // take over with its own login box (which hid a refused sign-in for over a minute).
    'X-Requested-With': 'XMLHttpRequest',
  };
  if (credentials) headers.Authorization = basicAuthorization(credentials);
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return {
    url: withQuery(path, params),
    init: {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      // Guests are identified by the Nextcloud session cookie of their join.
      credentials: 'same-origin',
    },
  };
}

async function send(method: HttpMethod, path: string, options: RequestOptions): Promise<Response> {
  const { url, init } = prepareRequest(method, path, options);
  const { signal } = options;
  try {
    return await fetch(url, { ...init, signal });
  } catch (error) {
    // A cancelled request is not a network failure; React Query needs to see the abort as it is.
    if (signal?.aborted) throw error;
    throw new NetworkError(error);
  }
}

/** Reads the body: a connection lost half-way is a network failure, unless the request was cancelled. */
async function read<Body>(readBody: () => Promise<Body>, signal: AbortSignal | undefined): Promise<Body> {
  try {
    return await readBody();
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new NetworkError(error);
  }
}

function failure(
  status: number,
  statusText: string,
  envelope: OcsEnvelope<unknown> | null,
  parsed: unknown,
  retryAfter: string | null = null,
): Error {
  return errorFromResponse({
    retryAfter,
    status,
    hasEnvelope: envelope !== null,
    ocsStatusCode: envelope?.ocs.meta.statuscode ?? null,
    message: failureMessage(status, statusText, envelope, parsed),
    data: envelope?.ocs.data ?? null,
  });
}

function withQuery(path: string, params: RequestOptions['params']): string {
  if (!params) return path;
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) {
      for (const item of value as readonly ParamValue[]) appendParam(query, key, item);
    } else {
      appendParam(query, key, value as ParamValue);
    }
  }
  const search = query.toString();
  if (search === '') return path;
  return `${path}${path.includes('?') ? '&' : '?'}${search}`;
}

function appendParam(query: URLSearchParams, key: string, value: ParamValue): void {
  if (value === null || value === undefined) return;
  // PHP casts the string "false" to true; Nextcloud controllers read booleans as 1 and 0.
  query.append(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
}

/** `btoa` only takes Latin-1, and account names and passwords may be any Unicode. */
function basicAuthorization({ account, password }: Credentials): string {
  const bytes = new TextEncoder().encode(`${account}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

function failureMessage(status: number, statusText: string, envelope: OcsEnvelope<unknown> | null, parsed: unknown): string {
  if (envelope?.ocs.meta.message) return envelope.ocs.meta.message;
  // The bare CSRF answer is `{"message": "CSRF check failed"}`.
  if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { message?: unknown }).message === 'string') {
    return (parsed as { message: string }).message;
  }
  if (status >= 200 && status < 300) return `Unexpected answer from the server (HTTP ${status} without an OCS envelope)`;
  return `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
}
