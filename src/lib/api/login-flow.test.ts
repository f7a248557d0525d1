import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoServer } from '../../test/demo-server';
import { ApiError, LoginFlowUnavailableError, isTransientError } from './errors';
import { loginFlowExpired, pollLoginFlow, startLoginFlow, LOGIN_FLOW_LIFETIME_MS } from './login-flow';

afterEach(() => vi.unstubAllGlobals());

function answering(body: unknown, status = 200) {
  vi.stubGlobal('fetch', () => Promise.resolve(Response.json(body, { status })));
}

describe('Login Flow v2 client', () => {
  it('polls the same-origin path whatever endpoint the server names, and gets the credentials once', async () => {
    const server = demoServer();
    const flow = await startLoginFlow();
    expect(flow.pollPath).toBe('/index.php/login/v2/poll');
    expect(await pollLoginFlow(flow)).toBeNull();

    const token = new URL(flow.loginUrl).pathname.split('/').pop() ?? '';
    await server.app.request(new URL(flow.loginUrl).pathname, {
      method: 'POST',
      body: new URLSearchParams({ token, account: 'alice', password: 'demo' }),
    });

    expect(await pollLoginFlow(flow)).toEqual({ account: 'alice', password: expect.stringMatching(/^[A-Za-z0-9]{72}$/) });
    expect(await pollLoginFlow(flow)).toBeNull();
  });

  it('polls Nextcloud’s documented path even when the endpoint is on Nextcloud’s own address', async () => {
    answering({ poll: { token: 't', endpoint: 'https://cloud.example.com/nextcloud/login/v2/poll' }, login: 'https://cloud.example.com/nextcloud/login/v2/flow/x' });
    const flow = await startLoginFlow();
    expect(flow).toMatchObject({ loginUrl: 'https://cloud.example.com/nextcloud/login/v2/flow/x', pollPath: '/index.php/login/v2/poll' });
  });

  it('refuses a login address that is not a web address (it becomes a link)', async () => {
    answering({ poll: { token: 't', endpoint: '/index.php/login/v2/poll' }, login: 'javascript:alert(1)' });
    await expect(startLoginFlow()).rejects.toBeInstanceOf(LoginFlowUnavailableError);
  });

  it('tells a server without the flow from a failing one', async () => {
    answering({ message: 'Page not found' }, 404);
    await expect(startLoginFlow()).rejects.toBeInstanceOf(LoginFlowUnavailableError);
    answering({ message: 'Internal error' }, 503);
    const failing = await startLoginFlow().catch((error: unknown) => error);
    expect(failing).toBeInstanceOf(ApiError);
    expect(failing).not.toBeInstanceOf(LoginFlowUnavailableError);
    expect(isTransientError(failing)).toBe(true);
  });

  it('counts a flow expired 20 minutes after it started, as Nextcloud does', () => {
    const flow = { loginUrl: '', pollToken: '', pollPath: '', startedAt: 1_000_000 };
    expect(loginFlowExpired(flow, flow.startedAt + LOGIN_FLOW_LIFETIME_MS - 1)).toBe(false);
    expect(loginFlowExpired(flow, flow.startedAt + LOGIN_FLOW_LIFETIME_MS)).toBe(true);
  });
});
