import { afterEach, beforeEach, vi } from 'vitest';

/**
 * jsdom has no layout: for every test of the file, the roster's scroll element gets the height of ten rows, as a
 * browser would give it (so the virtual list renders rows). Call at the top level of a test file; it also
 * restores every spy after each test.
 */
export function giveTheRosterAViewport() {
  beforeEach(() => {
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (this: HTMLElement) {
      return this.classList.contains('roster-scroller') ? 640 : 0;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
}
