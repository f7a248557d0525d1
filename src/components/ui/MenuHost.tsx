import { useCallback, useState, type KeyboardEvent, type ReactNode, type SyntheticEvent } from 'react';
import * as Ariakit from '@ariakit/react';
import { MoreIcon } from './icons';
import './ui.css';

export interface ActionMenuItem {
  id: string;
  label: string;
  onSelect: () => void;
  tone?: 'danger' | 'default';
}

export interface MenuRequest {
  /** Who asked, e.g. a row key: `openId` reports it while the menu is open (for `aria-expanded`). */
  id: string;
  /** The button that opened the menu: the menu sits next to it and focus returns to it. */
  anchor: HTMLElement;
  /** The menu's accessible name, e.g. "Actions for Bob". */
  label: string;
  items: readonly ActionMenuItem[];
  /** Which item takes focus: the last one when opened with ArrowUp. */
  focus?: 'first' | 'last';
}

export interface MenuHost {
  /** Opens the one menu next to `request.anchor`, with `request.items`. */
  show: (request: MenuRequest) => void;
  /** The `id` of the request whose menu is open; null when closed. */
  openId: string | null;
  /** Render this once, anywhere (it goes to a portal). */
  menu: ReactNode;
}

/**
 * One Ariakit menu shared by many trigger buttons (the rows of a long list). A `MenuProvider` per row would
 * create a store, a collection and listeners for every row that scrolls into view; a shared menu makes each
 * row a plain button, so scrolling mounts almost nothing. Arrow keys move through the items; Escape closes the
 * menu and focus returns to the trigger.
 *
 * `show` does for a plain button what Ariakit's `MenuButton` does on a click or an arrow key: it names the
 * trigger and asks for focus on the first or last item once the menu shows.
 */
export function useMenuHost(): MenuHost {
  const store = Ariakit.useMenuStore();
  const open = Ariakit.useStoreState(store, 'open');
  const [request, setRequest] = useState<MenuRequest | null>(null);

  const show = useCallback(
    (next: MenuRequest) => {
      setRequest(next);
      // The trigger: the popover store anchors the menu to it, and focus returns to it on close.
      store.setDisclosureElement(next.anchor);
      store.setAutoFocusOnShow(true);
      store.setInitialFocus(next.focus ?? 'first');
      store.show();
    },
    [store],
  );

  // Ariakit's Menu, when it takes an Escape itself, hides the menu and then hides it once more two frames later
  // (its Hovercard does so for tooltips, whose anchor could show them again: see `hideOnEscape` in
  // node_modules/@ariakit/react-components/src/hovercard/hovercard.tsx). A menu reopened within those two
  // frames, as a quick keyboard user does (Escape, then Enter on the same button; on a busy machine two frames
  // can be 100 ms), was closed again by that late hide, with its first item already active but never focused.
  // So the menu closes itself on Escape and tells Ariakit it did not take the key: nothing late is scheduled.
  // Stopping the key here, as Ariakit does with an Escape it takes, keeps it from closing anything else too.
  const hideOnEscape = useCallback(
    (event: Event | SyntheticEvent) => {
      event.stopPropagation();
      store.hide();
      return false;
    },
    [store],
  );

  const menu = (
    <Ariakit.Menu
      store={store}
      portal
      unmountOnHide
      gutter={4}
      className="ui-menu"
      aria-label={request?.label}
      hideOnEscape={hideOnEscape}
    >
      {request?.items.map((item) => (
        <Ariakit.MenuItem
          key={item.id}
          className={item.tone === 'danger' ? 'ui-menu-item ui-menu-item--danger' : 'ui-menu-item'}
          onClick={item.onSelect}
        >
          {item.label}
        </Ariakit.MenuItem>
      ))}
    </Ariakit.Menu>
  );

  return { show, openId: open ? (request?.id ?? null) : null, menu };
}

export interface MenuTriggerProps {
  /** The accessible name, e.g. "Actions for Bob". */
  label: string;
  /** Its menu is open. */
  expanded: boolean;
  onOpen: (anchor: HTMLButtonElement, focus: 'first' | 'last') => void;
  tabIndex?: number;
  className?: string;
  /** What the button shows; a "more" glyph by default (hidden from assistive technology). */
  children?: ReactNode;
}

/** A plain button that opens a `useMenuHost` menu: click, Enter or Space, and ArrowDown/ArrowUp as menu buttons do. */
export function MenuTrigger({ label, expanded, onOpen, tabIndex, className, children }: MenuTriggerProps) {
  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    onOpen(event.currentTarget, event.key === 'ArrowDown' ? 'first' : 'last');
  }

  return (
    <button
      type="button"
      aria-label={label}
      aria-haspopup="menu"
      aria-expanded={expanded}
      tabIndex={tabIndex}
      className={className ? `ui-menu-button ${className}` : 'ui-menu-button'}
      onClick={(event) => onOpen(event.currentTarget, 'first')}
      onKeyDown={onKeyDown}
    >
      {children ?? <MoreIcon />}
    </button>
  );
}
