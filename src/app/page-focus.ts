import { useEffect, useState } from 'react';
import { useLocation } from 'react-router-dom';

/** A page that never shows a heading (a failure panel) stops the wait after this long. */
const HEADING_WAIT_MS = 10_000;

/**
 * Moves the focus to the page's heading (its h1) whenever the address changes to another page, as a new
 * document load would announce the page to a screen reader: sign-in → conversations, opening or creating a
 * conversation, going back. Pages that load their data first show their heading later; the focus waits for it.
 *
 * Not on the first load: the browser starts a new document at its top already, and taking the focus there
 * would only skip what a screen reader reads first. Nor when the person has moved the focus themselves while
 * the page was loading: the heading never takes the focus from something they chose.
 */
export function useFocusHeadingOnNavigation(): void {
  const { pathname } = useLocation();
  // Where the focus was when the new address first rendered: before the new page's own effects could move it.
  // Kept as state derived during render, so the first page (navigated: false) and StrictMode's second effect
  // run change nothing.
  const [shown, setShown] = useState<ShownPage>({ pathname, focusedBefore: null, navigated: false });
  if (shown.pathname !== pathname) {
    setShown({ pathname, focusedBefore: typeof document === 'undefined' ? null : document.activeElement, navigated: true });
  }

  useEffect(() => {
    if (!shown.navigated) return;
    return whenHeadingAppears((heading) => {
      const focused = document.activeElement;
      // Still on nothing, or on what had it before the new page (a link of the header that stays): the page
      // has not chosen a place of its own, and neither has the person.
      const untouched = focused === null || focused === document.body || focused === shown.focusedBefore;
      if (!untouched) return;
      // Headings are not focusable by themselves; -1 keeps them out of the Tab order.
      if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
      heading.focus();
    });
  }, [shown]);
}

interface ShownPage {
  pathname: string;
  focusedBefore: Element | null;
  navigated: boolean;
}

/** Calls `found` with the page's h1 once there is one; the returned function stops waiting. */
function whenHeadingAppears(found: (heading: HTMLElement) => void): () => void {
  const current = document.querySelector('h1');
  if (current instanceof HTMLElement) {
    found(current);
    return () => {};
  }
  const observer = new MutationObserver(() => {
    const heading = document.querySelector('h1');
    if (!(heading instanceof HTMLElement)) return;
    stop();
    found(heading);
  });
  const timer = window.setTimeout(() => stop(), HEADING_WAIT_MS);
  function stop() {
    observer.disconnect();
    window.clearTimeout(timer);
  }
  observer.observe(document.body, { childList: true, subtree: true });
  return stop;
}
