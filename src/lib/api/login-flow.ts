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
  /**
   * Always `/index.php/login/v2/poll` here, whatever endpoint the server named: Nextcloud names one on its own
   * public address (with its sub-path, perhaps without `index.php`), which a page of another origin cannot call
   * (no CORS), and which rollcall's server, forwarding exactly `/index.php/login/v2/*`, might not match.
   * Every Nextcloud answers the documented path, and rollcall's proxy takes it to the right one.
   */
  pollPath: string;
  /** `Date.now()` when the flow started; the server forgets it `LOGIN_FLOW_LIFETIME_MS` later. */
  startedAt: number;
}

export const LOGIN_FLOW_LIFETIME_MS = LOGIN_FLOW_LIFETIME_SECONDS * 1000;

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

/** The login address is opened and offered as a link: only a web address, never `javascript:` or the like. */
function isWebAddress(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value, window.location.href).protocol);
  } catch {
    return false;
  }
}

function isLoginFlowStart(value: unknown): value is LoginFlowStart {
  const start = value as Partial<LoginFlowStart> | null;
  return isString(start?.login) && isWebAddress(start.login) && isString(start.poll?.token) && isString(start.poll.endpoint);
}

export async function startLoginFlow(signal?: AbortSignal): Promise<LoginFlow> {
  // No cookies: the flow must not depend on (or leak) a Nextcloud session this browser may have.
  const response = await post(LOGIN_FLOW_PATH, undefined, signal);
  const body = await json(response, signal);
  if (response.ok && isLoginFlowStart(body)) {
    return { loginUrl: body.login, pollToken: body.poll.token, pollPath: LOGIN_FLOW_POLL_PATH, startedAt: Date.now() };
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
