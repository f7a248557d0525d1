/**
 * Nextcloud's Login Flow v2, from the client's side: start a flow, let the person grant access on the server's
 * own page, poll for the app password, and revoke it on sign-out. These routes are not OCS: plain JSON, no
 * envelope, so they bypass the OCS transport.
 */
import {
  APP_PASSWORD_PATH,
  LOGIN_FLOW_LIFETIME_SECONDS,
  LOGIN_FLOW_PATH,
  LOGIN_FLOW_POLL_PATH,
  type LoginFlowCredentials,
  type LoginFlowStart,
} from '../../../contract/login-flow';
import type { TalkClient } from './client';
import { LoginFlowUnavailableError, NetworkError, errorFromResponse } from './errors';
import type { Credentials } from './transport';

export interface LoginFlow {
  /** Where the person grants access: the server's public address, opened by the browser itself. */
  loginUrl: string;
  pollToken: string;
  /** Same-origin: see `pollPathOf`. */
  pollPath: string;
  /** `Date.now()` when the flow started; the server forgets it `LOGIN_FLOW_LIFETIME_MS` later. */
  startedAt: number;
}

export const LOGIN_FLOW_LIFETIME_MS = LOGIN_FLOW_LIFETIME_SECONDS * 1000;

/**
 * The poll endpoint Nextcloud names is on its own public address, which a page of another origin cannot call
 * (Nextcloud sends no CORS headers). rollcall's server forwards `/index.php/login/v2/*` to it, so the poll goes
 * to the same path here whatever host (or pretty URL without `index.php`) the endpoint names.
 */
function pollPathOf(endpoint: string): string {
  try {
    const url = new URL(endpoint, window.location.href);
    if (url.origin === window.location.origin && url.pathname.endsWith('/login/v2/poll')) return url.pathname;
  } catch {
    // Not a URL at all: the documented path below is what every Nextcloud answers.
  }
  return LOGIN_FLOW_POLL_PATH;
}

async function post(path: string, body: URLSearchParams | undefined, signal?: AbortSignal): Promise<Response> {
  try {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    return await fetch(path, { method: 'POST', headers, body: body?.toString(), credentials: 'omit', signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new NetworkError(error);
  }
}

async function json(response: Response, signal?: AbortSignal): Promise<unknown> {
  try {
    return await response.json();
  } catch (error) {
    if (signal?.aborted) throw error;
    return null;
  }
}

const isString = (value: unknown): value is string => typeof value === 'string' && value !== '';

function isLoginFlowStart(value: unknown): value is LoginFlowStart {
  const start = value as Partial<LoginFlowStart> | null;
  return isString(start?.login) && isString(start.poll?.token) && isString(start.poll.endpoint);
}

export async function startLoginFlow(signal?: AbortSignal): Promise<LoginFlow> {
  // No cookies: the flow must not depend on (or leak) a Nextcloud session this browser may have.
  const response = await post(LOGIN_FLOW_PATH, undefined, signal);
  const body = await json(response, signal);
  if (response.ok && isLoginFlowStart(body)) {
    return { loginUrl: body.login, pollToken: body.poll.token, pollPath: pollPathOf(body.poll.endpoint), startedAt: Date.now() };
  }
  if (response.status >= 500) throw errorFromResponse({ status: response.status, hasEnvelope: false, ocsStatusCode: null, message: `HTTP ${response.status}`, data: null });
  throw new LoginFlowUnavailableError(response.status, `No Login Flow v2 at ${LOGIN_FLOW_PATH} (HTTP ${response.status})`);
}

/** The granted credentials, or null while the person has not granted access yet (or the flow is gone). */
export async function pollLoginFlow(flow: LoginFlow, signal?: AbortSignal): Promise<Credentials | null> {
  const response = await post(flow.pollPath, new URLSearchParams({ token: flow.pollToken }), signal);
  if (response.status === 404) return null;
  const body = (await json(response, signal)) as Partial<LoginFlowCredentials> | null;
  if (response.ok && isString(body?.loginName) && isString(body.appPassword)) {
    return { account: body.loginName, password: body.appPassword };
  }
  throw errorFromResponse({ status: response.status, hasEnvelope: false, ocsStatusCode: null, message: `HTTP ${response.status}`, data: null });
}

export function loginFlowExpired(flow: LoginFlow, now = Date.now()): boolean {
  return now - flow.startedAt >= LOGIN_FLOW_LIFETIME_MS;
}

/** Deletes the app password `credentials` carry on the server: it stops working at once. */
export async function revokeAppPassword(talk: TalkClient, credentials: Credentials, signal?: AbortSignal): Promise<void> {
  await talk.request('DELETE', APP_PASSWORD_PATH, { credentials, signal });
}
