import { afterEach, describe, expect, it, vi } from 'vitest';
import { ocsResponse, stubFetch, xmlUnauthorized } from '../../test/ocs';
import {
  ApiError,
  CsrfError,
  ForbiddenError,
  LobbyError,
  NetworkError,
  NotFoundError,
  SessionConflictError,
  UnauthorizedError,
  isTransientError,
} from './errors';
import { request } from './transport';

afterEach(() => {
  vi.unstubAllGlobals();
});

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the request to fail');
}

describe('request', () => {
  it('sends the OCS headers (X-Requested-With included), same-origin cookies and no Authorization without credentials', async () => {
    const { fetchStub } = stubFetch(() => ocsResponse([]));

    await request('GET', '/ocs/v2.php/apps/spreed/api/v4/room');

    const [url, init] = fetchStub.mock.calls[0] ?? [];
    expect(url).toBe('/ocs/v2.php/apps/spreed/api/v4/room');
    expect(init?.credentials).toBe('same-origin');
    const headers = new Headers(init?.headers);
    expect(headers.get('OCS-APIRequest')).toBe('true');
    expect(headers.get('Accept')).toBe('application/json');
    expect(headers.get('X-Requested-With')).toBe('XMLHttpRequest');
    expect(headers.has('Authorization')).toBe(false);
  });

  it('authenticates with HTTP Basic, encoding Unicode as UTF-8', async () => {
    const { calls } = stubFetch(() => ocsResponse([]));

    await request('GET', '/ocs/x', { credentials: { account: 'zoë', password: 'pässword' } });

    const authorization = calls[0]?.headers.get('Authorization') ?? '';
    expect(authorization).toMatch(/^Basic /);
    const bytes = Uint8Array.from(atob(authorization.slice('Basic '.length)), (char) => char.charCodeAt(0));
    expect(new TextDecoder().decode(bytes)).toBe('zoë:pässword');
  });

  it('sends bodies as JSON and parameters in the query, booleans as 1 and 0', async () => {
    const { calls } = stubFetch(() => ocsResponse({ type: 3 }));

    const data = await request('POST', '/ocs/p', {
      params: { includeStatus: true, force: false, skipped: undefined, search: 'a b' },
      body: { newParticipant: 'bob', source: 'users' },
    });

    expect(data).toEqual({ type: 3 });
    expect(calls[0]?.url).toBe('/ocs/p?includeStatus=1&force=0&search=a+b');
    expect(calls[0]?.headers.get('Content-Type')).toBe('application/json');
    expect(JSON.parse(calls[0]?.body ?? 'null')).toEqual({ newParticipant: 'bob', source: 'users' });
  });

  it('unwraps the envelope', async () => {
    stubFetch(() => ocsResponse([{ token: 'abc' }]));
    await expect(request('GET', '/ocs/r')).resolves.toEqual([{ token: 'abc' }]);
  });
});

describe('request failures', () => {
  it('409 with session data → SessionConflictError carrying the other session', async () => {
    stubFetch(() => ocsResponse({ sessionId: 'other-session', inCall: 7, lastPing: 1_700_000_000 }, 409));

    const error = await failureOf(request('POST', '/ocs/join'));

    expect(error).toBeInstanceOf(SessionConflictError);
    const conflict = error as SessionConflictError;
    expect(conflict.status).toBe(409);
    expect(conflict.ocsStatusCode).toBe(409);
    expect(conflict.sessionId).toBe('other-session');
    expect(conflict.inCall).toBe(7);
    expect(conflict.lastPing).toBe(1_700_000_000);
  });

  it('412 with an envelope → LobbyError, accepting data: []', async () => {
    stubFetch(() => ocsResponse([], 412, 'Lobby is on'));

    const error = await failureOf(request('GET', '/ocs/participants'));

    expect(error).toBeInstanceOf(LobbyError);
    expect(error).not.toBeInstanceOf(CsrfError);
    expect((error as LobbyError).data).toEqual([]);
    expect((error as LobbyError).ocsStatusCode).toBe(412);
  });

  it('412 without an envelope → CsrfError, not the lobby', async () => {
    stubFetch(() => Response.json({ message: 'CSRF check failed' }, { status: 412 }));

    const error = await failureOf(request('GET', '/ocs/participants'));

    expect(error).toBeInstanceOf(CsrfError);
    expect(error).not.toBeInstanceOf(LobbyError);
    expect((error as CsrfError).message).toBe('CSRF check failed');
    expect((error as CsrfError).ocsStatusCode).toBeNull();
  });

  it('401 with an XML body → UnauthorizedError', async () => {
    stubFetch(() => xmlUnauthorized());

    const error = await failureOf(request('GET', '/ocs/room'));

    expect(error).toBeInstanceOf(UnauthorizedError);
    expect((error as UnauthorizedError).status).toBe(401);
  });

  it('403 and 404 with data: null → ForbiddenError and NotFoundError', async () => {
    stubFetch(
      (request) => (request.url === '/ocs/403' ? ocsResponse(null, 403, 'Not allowed') : undefined),
      () => ocsResponse(null, 404, 'Room not found'),
    );

    const forbidden = await failureOf(request('GET', '/ocs/403'));
    const notFound = await failureOf(request('GET', '/ocs/404'));

    expect(forbidden).toBeInstanceOf(ForbiddenError);
    expect((forbidden as ForbiddenError).message).toBe('Not allowed');
    expect((forbidden as ForbiddenError).data).toBeNull();
    expect(notFound).toBeInstanceOf(NotFoundError);
    expect((notFound as NotFoundError).message).toBe('Room not found');
  });

  it('reads the refusal code of current servers, and none from v1\'s []', async () => {
    stubFetch(
      (request) => (request.url === '/ocs/v4' ? ocsResponse({ error: 'owner' }, 403, 'Owner') : undefined),
      () => ocsResponse([], 403, 'Owner'),
    );

    const current = await failureOf(request('DELETE', '/ocs/v4'));
    const v1Server = await failureOf(request('DELETE', '/ocs/v1'));

    expect((current as ForbiddenError).code).toBe('owner');
    expect((v1Server as ForbiddenError).code).toBeNull();
  });

  it('409 without session data stays a plain ApiError', async () => {
    stubFetch(() => ocsResponse({ error: 'conflict' }, 409, 'Conflict'));

    const error = await failureOf(request('POST', '/ocs/x'));

    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(SessionConflictError);
  });

  it('a rejected fetch → NetworkError, which is worth retrying', async () => {
    stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));

    const error = await failureOf(request('GET', '/ocs/room'));

    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).status).toBe(0);
    expect((error as NetworkError).cause).toBeInstanceOf(TypeError);
    expect(isTransientError(error)).toBe(true);
  });

  it('a cancelled request rethrows the abort instead of reporting a network failure', async () => {
    const controller = new AbortController();
    controller.abort();
    stubFetch(() => Promise.reject(new DOMException('The operation was aborted.', 'AbortError')));

    const error = await failureOf(request('GET', '/ocs/room', { signal: controller.signal }));

    expect(error).not.toBeInstanceOf(NetworkError);
    expect((error as DOMException).name).toBe('AbortError');
  });

  it('5xx is transient, 4xx is not', async () => {
    stubFetch(
      (request) => (request.url === '/ocs/500' ? new Response('<html>oops</html>', { status: 503 }) : undefined),
      () => ocsResponse([], 400, 'Bad request'),
    );

    const serverError = await failureOf(request('GET', '/ocs/500'));
    const badRequest = await failureOf(request('GET', '/ocs/400'));

    expect(serverError).toBeInstanceOf(ApiError);
    expect((serverError as ApiError).status).toBe(503);
    expect(isTransientError(serverError)).toBe(true);
    expect(isTransientError(badRequest)).toBe(false);
  });

  it('a 2xx without an envelope is an error, not data', async () => {
    stubFetch(() => new Response('<!doctype html><title>Login</title>', { status: 200 }));

    const error = await failureOf(request('GET', '/ocs/room'));

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toMatch(/without an OCS envelope/);
  });
});

describe('request parameters', () => {
  it('repeats array parameters, leaving out empty values', async () => {
    const { calls } = stubFetch(() => ocsResponse([]));

    await request('GET', '/ocs/autocomplete', { params: { 'shareTypes[]': [0, null, 4], limit: 20 } });

    expect(calls[0]?.url).toBe('/ocs/autocomplete?shareTypes%5B%5D=0&shareTypes%5B%5D=4&limit=20');
  });
});
