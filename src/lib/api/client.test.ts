import { describe, expect, it, vi } from 'vitest';
import { demoServer } from '../../test/demo-server';
import { talkApiMemoryIn, type TalkApi } from './capabilities';
import { createTalkClient } from './client';
import { CAPABILITIES_PATH, TALK_V1_BASE, TALK_V4_BASE } from '../../../contract/wire';

const alice = () => ({ account: 'alice', password: 'demo' });

/** A Storage of its own per test: what one test remembers is not the next one's business. */
function storage(): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map<string, string>();
  return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

const v4: TalkApi = { version: 'v4', base: TALK_V4_BASE, supportsCircles: false, supportsPermissions: true, supportsBans: true };

describe('the API generation', () => {
  it('is read from the capabilities once, and remembered for the next page load', async () => {
    const server = demoServer('v1');
    const memory = talkApiMemoryIn(storage());
    const talk = createTalkClient({ getCredentials: alice, apiMemory: memory });

    expect(await talk.api()).toMatchObject({ version: 'v1', base: TALK_V1_BASE });
    expect(await talk.api()).toMatchObject({ version: 'v1' });
    expect(server.calls({ path: /capabilities/ })).toHaveLength(1);
    expect(memory.recall()).toMatchObject({ version: 'v1', base: TALK_V1_BASE });
  });

  it('answers at once from memory, and is corrected when the capabilities say otherwise', async () => {
    const server = demoServer('v1');
    const memory = talkApiMemoryIn(storage());
    memory.remember(v4);
    const corrected = vi.fn();
    const talk = createTalkClient({ getCredentials: alice, apiMemory: memory, onApiCorrected: corrected });

    // The remembered answer, without waiting for the server (which speaks only v1).
    expect(await talk.api()).toEqual(v4);
    await vi.waitFor(() => expect(corrected).toHaveBeenCalledWith(expect.objectContaining({ version: 'v1' })));
    expect(await talk.api()).toMatchObject({ version: 'v1', base: TALK_V1_BASE });
    expect(memory.recall()).toMatchObject({ version: 'v1' });
    expect(server.calls({ path: /capabilities/ })).toHaveLength(1);
  });

  it('is not corrected when the capabilities confirm the memory', async () => {
    const server = demoServer('v4');
    const memory = talkApiMemoryIn(storage());
    const talk = createTalkClient({ getCredentials: alice, apiMemory: memory });
    const confirmed = await talk.api();
    const corrected = vi.fn();
    const remember = vi.spyOn(memory, 'remember');
    const reloaded = createTalkClient({ getCredentials: alice, apiMemory: memory, onApiCorrected: corrected });

    expect(await reloaded.api()).toEqual(confirmed);
    // Remembering is the first thing done with the answer; a correction would follow it at once.
    await vi.waitFor(() => expect(remember).toHaveBeenCalledWith(confirmed));
    expect(server.calls({ path: /capabilities/ })).toHaveLength(2);
    expect(corrected).not.toHaveBeenCalled();
  });

  it('forgets what it cannot read back', () => {
    const kept = storage();
    kept.setItem('rollcall.talk-api', '{"version":"v9","base":"/elsewhere"}');
    expect(talkApiMemoryIn(kept).recall()).toBeNull();
    kept.setItem('rollcall.talk-api', 'not json');
    expect(talkApiMemoryIn(kept).recall()).toBeNull();
  });
});

describe('the capabilities', () => {
  it('are read once for the API generation and the theme together, and read again after a failed read', async () => {
    const server = demoServer('v4');
    server.failNext({ method: 'GET', path: CAPABILITIES_PATH }, { network: 'offline' });
    const talk = createTalkClient({ getCredentials: alice });

    await expect(talk.capabilities()).rejects.toThrow();
    const [capabilities, api] = await Promise.all([talk.capabilities(), talk.api()]);
    expect(capabilities.capabilities.theming?.color).toBe('#00679e');
    expect(api).toMatchObject({ version: 'v4' });
    expect(server.calls({ path: CAPABILITIES_PATH })).toHaveLength(2);
  });
});
