/**
 * The one way rollcall talks to an OCS server: headers, authentication, parameters, and the envelope are
 * handled here and nowhere else. Callers get `ocs.data` or an error class from ./errors.
 */
import { NetworkError, errorFromResponse } from './errors';
import type { OcsEnvelope } from './wire';

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
  const { params, body, credentials, signal } = options;
  const headers: Record<string, string> = {
    // Without this header Nextcloud refuses the request as a CSRF attempt (412).
    'OCS-APIRequest': 'true',
    // Without this header the answer is XML.
    Accept: 'application/json',
  };
  if (credentials) headers.Authorization = basicAuthorization(credentials);
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(withQuery(path, params), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      // Guests are identified by the Nextcloud session cookie of their join.
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    // A cancelled request is not a network failure; React Query needs to see the abort as it is.
    if (signal?.aborted) throw error;
    throw new NetworkError(error);
  }

  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new NetworkError(error);
  }

  const parsed = parseJson(text);
  const envelope = isOcsEnvelope(parsed) ? parsed : null;

  if (response.ok && envelope) return envelope.ocs.data as T;

  throw errorFromResponse({
    status: response.status,
    hasEnvelope: envelope !== null,
    ocsStatusCode: envelope?.ocs.meta.statuscode ?? null,
    message: failureMessage(response, envelope, parsed),
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

function parseJson(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // XML (a 401 of a real server) or an HTML error page of a proxy: the status says what happened.
    return null;
  }
}

function isOcsEnvelope(value: unknown): value is OcsEnvelope<unknown> {
  if (typeof value !== 'object' || value === null || !('ocs' in value)) return false;
  const { ocs } = value as { ocs: unknown };
  if (typeof ocs !== 'object' || ocs === null || !('meta' in ocs)) return false;
  const { meta } = ocs as { meta: unknown };
  return typeof meta === 'object' && meta !== null && typeof (meta as { statuscode?: unknown }).statuscode === 'number';
}

function failureMessage(response: Response, envelope: OcsEnvelope<unknown> | null, parsed: unknown): string {
  if (envelope?.ocs.meta.message) return envelope.ocs.meta.message;
  // The bare CSRF answer is `{"message": "CSRF check failed"}`.
  if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { message?: unknown }).message === 'string') {
    return (parsed as { message: string }).message;
  }
  if (response.ok) return `Unexpected answer from the server (HTTP ${response.status} without an OCS envelope)`;
  return `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
}
