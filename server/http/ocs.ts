import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { OcsEnvelope } from '../../contract/wire';

/**
 * A refusal the API answers with an OCS envelope. `code` is the `error` value current (v4) servers put in
 * `data`; v1 servers sent `[]`. `data` overrides both (the 409 of a join carries the conflicting session).
 */
export class OcsError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly code?: string,
    readonly data?: unknown,
    /** The envelope's `statuscode` when Nextcloud's differs from the HTTP status (997: not logged in). */
    readonly statuscode: number = status,
  ) {
    super(message);
  }

  /** Headers the refusal needs beside its envelope (a 429's Retry-After). */
  get headers(): Record<string, string> {
    return {};
  }
}

/**
 * Nextcloud's brute-force protection beyond its limit (MaxDelayReached): 429 in the envelope, and here also
 * `Retry-After`, so a client can say when to try again.
 */
export class TooManyAttempts extends OcsError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'Reached maximum delay');
  }

  override get headers() {
    return { 'Retry-After': String(this.retryAfterSeconds) };
  }
}

export type ApiGeneration = 'v1' | 'v4';

export function errorData(error: OcsError, generation: ApiGeneration): unknown {
  if (error.data !== undefined) return error.data;
  if (generation === 'v1') return [];
  return error.code ? { error: error.code } : null;
}

export const badRequest = (message: string, code?: string) => new OcsError(400, message, code);
/**
 * Nextcloud itself refuses routes for accounts before Talk looks at the room: 401 with its own statuscode 997
 * and `data: []`, for anonymous callers and guests alike, whatever the token.
 */
export const NOT_LOGGED_IN_STATUSCODE = 997;
export const unauthorized = (message = 'Current user is not logged in') =>
  new OcsError(401, message, undefined, [], NOT_LOGGED_IN_STATUSCODE);
export const forbidden = (message: string, code?: string) => new OcsError(403, message, code);
export const notFound = (message: string, code?: string) => new OcsError(404, message, code);

export function envelope<T>(status: number, data: T, message = '', statuscode = status): OcsEnvelope<T> {
  const ok = status >= 200 && status < 300;
  return { ocs: { meta: { status: ok ? 'ok' : 'failure', statuscode, message: ok ? 'OK' : message }, data } };
}

export function ocs<T>(c: Context, data: T, status: ContentfulStatusCode = 200) {
  return c.json(envelope(status, data), status);
}

export function ocsError(c: Context, error: OcsError, generation: ApiGeneration) {
  // An oversized body is left unread: the connection cannot carry another request after it.
  if (error.status === 413) c.header('Connection', 'close');
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  return c.json(envelope(error.status, errorData(error, generation), error.message, error.statuscode), error.status);
}

export type Params = Record<string, unknown>;

/** Upper bounds on what the API stores; documented in the README. */
export const LIMITS = {
  bodyBytes: 64 * 1024,
  displayName: 64,
  roomName: 255,
  password: 1024,
  search: 255,
  participantId: 320,
  sessionId: 512,
} as const;

/**
 * Talk reads parameters from the query string and from a JSON or form body alike, so the routes do too.
 * Malformed bodies are the caller's fault: a 400 with the envelope, never an exception.
 */
export async function readParams(c: Context): Promise<Params> {
  const params: Params = {};
  const url = new URL(c.req.url);
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    params[key] = key.endsWith('[]') ? all : all[all.length - 1];
  }
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return params;

  const text = await readBodyText(c);
  if (text.trim() === '') return params;

  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (type.includes('application/json')) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw badRequest('Malformed JSON body');
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest('The JSON body must be an object');
    return { ...params, ...(body as Params) };
  }
  if (type.includes('application/x-www-form-urlencoded') || type === '') {
    const form = new URLSearchParams(text);
    for (const key of new Set(form.keys())) {
      const all = form.getAll(key);
      params[key] = key.endsWith('[]') ? all : all[all.length - 1];
    }
    return params;
  }
  throw new OcsError(415, 'Send the body as application/json or application/x-www-form-urlencoded');
}

/**
 * The body as text, at most `LIMITS.bodyBytes` bytes: refused up front when Content-Length announces more, and
 * counted while reading when it does not (a chunked upload), so an oversized body is never held in memory.
 */
async function readBodyText(c: Context): Promise<string> {
  const tooLarge = () => new OcsError(413, `Request body larger than ${LIMITS.bodyBytes} bytes`);
  if (Number(c.req.header('content-length') ?? '0') > LIMITS.bodyBytes) throw tooLarge();
  const body = c.req.raw.body;
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > LIMITS.bodyBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

interface StringRule {
  required?: boolean;
  max: number;
  /** Allow the empty string (after trimming when `trim`). */
  allowEmpty?: boolean;
  trim?: boolean;
}

export function stringParam(params: Params, name: string, rule: StringRule & { required: true }): string;
export function stringParam(params: Params, name: string, rule: StringRule): string | undefined;
export function stringParam(params: Params, name: string, rule: StringRule): string | undefined {
  const raw = params[name];
  if (raw === undefined || raw === null) {
    if (rule.required) throw badRequest(`Missing parameter "${name}"`);
    return undefined;
  }
  if (typeof raw !== 'string' && typeof raw !== 'number') throw badRequest(`Parameter "${name}" must be a string`);
  const value = rule.trim ? String(raw).trim() : String(raw);
  if (!rule.allowEmpty && value === '') {
    if (rule.required) throw badRequest(`Parameter "${name}" must not be empty`);
    return undefined;
  }
  if ([...value].length > rule.max) throw badRequest(`Parameter "${name}" is longer than ${rule.max} characters`);
  return value;
}

export function intParam(params: Params, name: string, rule: { required?: boolean; min?: number; max?: number } = {}) {
  const raw = params[name];
  if (raw === undefined || raw === null || raw === '') {
    if (rule.required) throw badRequest(`Missing parameter "${name}"`);
    return undefined;
  }
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value)) throw badRequest(`Parameter "${name}" must be an integer`);
  if (rule.min !== undefined && value < rule.min) throw badRequest(`Parameter "${name}" must be at least ${rule.min}`);
  if (rule.max !== undefined && value > rule.max) throw badRequest(`Parameter "${name}" must be at most ${rule.max}`);
  return value;
}

/** PHP-style booleans as Talk accepts them: true/false, 1/0, "true"/"false", "1"/"0". */
export function boolParam(params: Params, name: string, fallback: boolean): boolean {
  const raw = params[name];
  if (raw === undefined || raw === null || raw === '') return fallback;
  if (raw === true || raw === 1 || raw === '1' || raw === 'true') return true;
  if (raw === false || raw === 0 || raw === '0' || raw === 'false') return false;
  throw badRequest(`Parameter "${name}" must be a boolean`);
}
