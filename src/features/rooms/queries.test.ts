import { QueryObserver, focusManager } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { demoServer, type DemoServer } from '../../test/demo-server';
import { createTestServices } from '../../test/render';
import { CONVERSATION_LIST_POLL_MS, CONVERSATION_POLL_MS, roomsQueries } from './queries';

/** How many times the app has asked the server for this path so far. */
function asked(server: DemoServer, path: string): number {
  return server.requests.filter((request) => request.method === 'GET' && request.path.split('?')[0] === path).length;
}

/** What QueryClientProvider does for a page: only a mounted client hears the window regain focus. */
function mount(services: ReturnType<typeof createTestServices>) {
  services.queryClient.mount();
  onTestFinished(() => services.queryClient.unmount());
}

/** Watches a query as a mounted page would, until the test ends. */
function watch<Observer extends { subscribe: (listener: () => void) => () => void }>(observer: Observer): Observer {
  onTestFinished(observer.subscribe(() => {}));
  return observer;
}

describe('what others change reaches an open page', () => {
  beforeEach(() => {
    // Timers only: the in-process server answers through promises, which must keep running.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refetches the open conversation every 10 s, on focus and after the viewer’s own changes', async () => {
    const server = demoServer();
    const services = createTestServices();
    const room = `${server.talkBase}/room/designteam`;
    mount(services);
    const observer = watch(new QueryObserver(services.queryClient, roomsQueries.detail(services.talkClient, 'designteam')));
    await vi.waitFor(() => expect(observer.getCurrentResult().data?.lobby.enabled).toBe(false));
    expect(asked(server, room)).toBe(1);

    // Alice turns the lobby on in another window: this one shows it at its next poll.
    await server.as('alice').ocs('PUT', `${room}/webinar/lobby`, { json: { state: 1 } });
    await vi.advanceTimersByTimeAsync(CONVERSATION_POLL_MS);
    await vi.waitFor(() => expect(observer.getCurrentResult().data?.lobby.enabled).toBe(true));
    expect(asked(server, room)).toBe(2);

    // Any change the viewer makes, here a permission change elsewhere in the app, refetches the room.
    await services.queryClient
      .getMutationCache()
      .build(services.queryClient, { mutationFn: () => Promise.resolve() })
      .execute(undefined);
    await vi.waitFor(() => expect(asked(server, room)).toBe(3));
    await vi.waitFor(() => expect(observer.getCurrentResult().isFetching).toBe(false));

    onTestFinished(() => focusManager.setFocused(undefined));
    focusManager.setFocused(false);
    focusManager.setFocused(true);
    await vi.waitFor(() => expect(asked(server, room)).toBe(4));
  });

  it('refetches the conversation list every 15 s, so rooms the viewer was added to appear', async () => {
    const server = demoServer();
    const services = createTestServices();
    mount(services);
    const observer = watch(new QueryObserver(services.queryClient, roomsQueries.list(services.talkClient)));
    await vi.waitFor(() => expect(observer.getCurrentResult().data).toBeDefined());
    const before = observer.getCurrentResult().data?.length ?? 0;

    const created = await server.as('bob').ocs<{ token: string }>('POST', `${server.talkBase}/room`, {
      json: { roomType: 2, roomName: 'Added later' },
    });
    await server.as('bob').ocs('POST', `${server.talkBase}/room/${created.token}/participants`, {
      json: { newParticipant: 'alice', source: 'users' },
    });
    await vi.advanceTimersByTimeAsync(CONVERSATION_LIST_POLL_MS - 1_000);
    expect(observer.getCurrentResult().data).toHaveLength(before);

    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitFor(() => expect(observer.getCurrentResult().data).toHaveLength(before + 1));
    expect(observer.getCurrentResult().data?.map((conversation) => conversation.name)).toContain('Added later');
  });
});
