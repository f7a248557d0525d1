import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestServer, v4, type TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('harness', () => {
  it('lists alice rooms over real HTTP', async () => {
    const res = await Client.as(server, 'alice').ocs<{ token: string }[]>('GET', v4('/room'));
    expect(res.status).toBe(200);
    expect(res.data.map((room) => room.token)).toContain('designteam');
  });
});
