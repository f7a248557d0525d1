import zlib from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { gzipAnswers } from './gzip';

const large = JSON.stringify({ ocs: { data: Array.from({ length: 500 }, (_, i) => ({ attendeeId: i, displayName: `Person ${i}` })) } });

function app() {
  const hono = new Hono();
  gzipAnswers(hono, '/ocs/*');
  hono.get('/ocs/large', (c) => c.json(JSON.parse(large) as unknown));
  hono.get('/ocs/small', (c) => c.json({ ok: true }, 201));
  return hono;
}

describe('gzipped OCS answers', () => {
  it('are gzipped whole for a client that accepts gzip, with status and headers kept', async () => {
    const response = await app().request('/ocs/large', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('vary')).toContain('Accept-Encoding');
    expect(response.headers.get('content-type')).toContain('application/json');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(zlib.gunzipSync(bytes).toString()).toBe(large);
  });

  it('are plain for a client that takes no gzip', async () => {
    const response = await app().request('/ocs/large');
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(await response.text()).toBe(large);
  });

  it('are plain when too small to be worth it, and keep their status', async () => {
    const response = await app().request('/ocs/small', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(await response.json()).toEqual({ ok: true });
  });
});
