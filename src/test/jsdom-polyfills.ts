/**
 * What jsdom lacks and the UI libraries expect of a browser. Ariakit's modal dialogs ask `CSS.supports`
 * (scrollbar-gutter) when they lock the page's scrolling.
 */
if (typeof globalThis.CSS === 'undefined') {
  Object.defineProperty(globalThis, 'CSS', { value: {}, configurable: true, writable: true });
}
if (typeof CSS.supports !== 'function') {
  CSS.supports = () => false;
}

/**
 * jsdom has no layout, so every element measures 0×0 and Ariakit's focus management (which skips invisible
 * elements) would find nothing to focus. This answers what a browser would for our markup: an element is
 * visible unless it or an ancestor is `hidden` or `display: none`.
 */
if (typeof Element.prototype.checkVisibility !== 'function') {
  Element.prototype.checkVisibility = function checkVisibility(this: Element): boolean {
    if (this.closest('[hidden]')) return false;
    for (let element = this.parentElement; element; element = element.parentElement) {
      if (element.style.display === 'none') return false;
    }
    if (this instanceof HTMLElement && this.style.display === 'none') return false;
    return this.isConnected;
  };
}

// Ariakit scrolls the active menu or listbox item into view; jsdom has nothing to scroll.
if (typeof Element.prototype.scrollIntoView !== 'function') {
  Element.prototype.scrollIntoView = function scrollIntoView() {};
}
