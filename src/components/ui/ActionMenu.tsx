import type { FocusEventHandler, ReactNode, Ref } from 'react';
import * as Ariakit from '@ariakit/react';
import './ui.css';

export interface ActionMenuItem {
  id: string;
  label: string;
  onSelect: () => void;
  tone?: 'danger' | 'default';
}

export interface ActionMenuProps {
  /** The button's accessible name, e.g. "Actions for Bob". */
  label: string;
  items: readonly ActionMenuItem[];
  /** What the button shows; a "more" glyph by default (hidden from assistive technology). */
  children?: ReactNode;
  /** For roving focus in composite widgets: -1 keeps the button out of the Tab order. */
  tabIndex?: number;
  onFocus?: FocusEventHandler<HTMLButtonElement>;
  /** The button element, e.g. to return focus to it after a dialog the chosen action opened. */
  buttonRef?: Ref<HTMLButtonElement>;
  className?: string;
}

/**
 * A button that opens a menu of actions (Ariakit MenuButton + Menu). Arrow keys move through the items,
 * Escape closes the menu and focus returns to the button. The menu renders in a portal, so clipping
 * containers (virtualised lists) cannot cut it off, and not at all while closed.
 */
export function ActionMenu({ label, items, children, tabIndex, onFocus, buttonRef, className }: ActionMenuProps) {
  return (
    <Ariakit.MenuProvider>
      <Ariakit.MenuButton
        ref={buttonRef}
        aria-label={label}
        className={className ? `ui-menu-button ${className}` : 'ui-menu-button'}
        tabIndex={tabIndex}
        onFocus={onFocus}
      >
        {children ?? <span aria-hidden="true">⋯</span>}
      </Ariakit.MenuButton>
      <Ariakit.Menu portal unmountOnHide gutter={4} className="ui-menu">
        {items.map((item) => (
          <Ariakit.MenuItem
            key={item.id}
            className={item.tone === 'danger' ? 'ui-menu-item ui-menu-item--danger' : 'ui-menu-item'}
            onClick={item.onSelect}
          >
            {item.label}
          </Ariakit.MenuItem>
        ))}
      </Ariakit.Menu>
    </Ariakit.MenuProvider>
  );
}
