import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { participantsRoute, takeEarlyParticipantsResponse } from './early-participants';
import { prepareRequest } from './transport';
import { TALK_V1_BASE, TALK_V4_BASE } from '../../../contract/wire';

const script = fs.readFileSync(path.resolve(import.meta.dirname, 'early-roster.js'), 'utf8');
const credentials = { account: 'zoë', password: 'pass wörd:1' };

/** Loads the page's first script as the browser would, at `address`. */
function runEarlyScript(address: string) {
  window.history.replaceState(null, '', address);
  // A classic script in the page's global scope.
  new Function(script)();
}

/** The request the app's participants feed makes for `token`, with the address made absolute as the feed does. */
function appRequest(base: string, token: string) {
  const route = participantsRoute({ base }, token);
  const prepared = prepareRequest('GET', route.path, { params: route.params, credentials });
  return { ...prepared, url: new URL(prepared.url, location.href).href };
}

let fetches: { url: string; init: RequestInit }[];

beforeEach(() => {
  fetches = [];
  vi.stubGlobal('Worker', class {});
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    fetches.push({ url, init });
    return new Promise<Response>(() => {});
  });
  sessionStorage.setItem('rollcall.identity', JSON.stringify({ state: { credentials, user: null }, version: 0 }));
  localStorage.setItem('rollcall.talk-api', JSON.stringify({ version: 'v4', base: TALK_V4_BASE }));
});

afterEach(() => {
  window.__rollcallEarlyParticipants = undefined;
  sessionStorage.clear();
  localStorage.clear();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('the participants request made before the app runs (early-roster.js, inline in index.html)', () => {
  it.each([
    ['v4', TALK_V4_BASE],
    ['v1', TALK_V1_BASE],
  ])('is the very request the app makes for the conversation in the address (%s), and the app takes it once', (version, base) => {
    localStorage.setItem('rollcall.talk-api', JSON.stringify({ version, base }));
    runEarlyScript('/rooms/a%20b%C3%A9');
    const request = appRequest(base, 'a bé');
    expect(fetches).toHaveLength(1);
    expect(fetches[0]!.url).toBe(request.url);
    expect(fetches[0]!.init.headers).toEqual(request.init.headers);
    expect(fetches[0]!.init.credentials).toBe(request.init.credentials);

    expect(takeEarlyParticipantsResponse(request)).not.toBeNull();
    expect(takeEarlyParticipantsResponse(request)).toBeNull();
  });

  it('is cancelled when the app asks for something else first', () => {
    runEarlyScript('/rooms/abc');
    const early = window.__rollcallEarlyParticipants!;
    expect(takeEarlyParticipantsResponse(appRequest(TALK_V4_BASE, 'other'))).toBeNull();
    expect(early.controller.signal.aborted).toBe(true);
  });

  it('is cancelled when the app asks with other credentials', () => {
    runEarlyScript('/rooms/abc');
    const early = window.__rollcallEarlyParticipants!;
    const theirs = prepareRequest('GET', participantsRoute({ base: TALK_V4_BASE }, 'abc').path, {
      params: { includeStatus: true },
      credentials: { account: 'bob', password: 'demo' },
    });
    expect(takeEarlyParticipantsResponse({ ...theirs, url: new URL(theirs.url, location.href).href })).toBeNull();
    expect(early.controller.signal.aborted).toBe(true);
  });

  it.each([
    ['on another page', '/', () => {}],
    ['when nobody is signed in', '/rooms/abc', () => sessionStorage.clear()],
    ['when the API generation is not remembered yet', '/rooms/abc', () => localStorage.clear()],
    ['when no worker will read the list', '/rooms/abc', () => vi.stubGlobal('Worker', undefined)],
    ['when the stored identity is unreadable', '/rooms/abc', () => sessionStorage.setItem('rollcall.identity', '{')],
  ])('is not made %s', (_case, address, arrange) => {
    arrange();
    runEarlyScript(address);
    expect(fetches).toHaveLength(0);
    expect(window.__rollcallEarlyParticipants).toBeUndefined();
  });
});
