import * as Ariakit from '@ariakit/react';
import { useId } from 'react';
import type { RosterAction } from './roster-rows';
import { noneApplicableText } from './bulk-words';

const numberFormat = new Intl.NumberFormat('en');

const BUTTONS: { action: RosterAction; label: string }[] = [
  { action: 'promote', label: 'Promote' },
  { action: 'demote', label: 'Demote' },
  { action: 'remove', label: 'Remove' },
];

export interface SelectionToolbarProps {
  /** Selected participants still in the roster. */
  count: number;
  /** How many of the selected each action applies to. */
  applicable: Record<RosterAction, number>;
  /** A bulk action is running: nothing else starts. */
  busy: boolean;
  onAction: (action: RosterAction) => void;
  /** Absent where the server has no permissions (v1) or nobody handles it yet: no button then. */
  onEditPermissions?: () => void;
  onClear: () => void;
}

/**
 * What can be done with the selection. One tab stop, arrows between the buttons (Ariakit's toolbar). A button
 * that applies to none of the selected stays focusable but disabled, and says why next to it.
 */
export function SelectionToolbar({ count, applicable, busy, onAction, onEditPermissions, onClear }: SelectionToolbarProps) {
  const id = useId();
  const unavailable = BUTTONS.filter(({ action }) => applicable[action] === 0);

  return (
    <div className="roster-selection">
      <Ariakit.Toolbar className="roster-selection-toolbar" aria-label="Selection">
        <span className="roster-selection-count">{numberFormat.format(count)} selected</span>
        {BUTTONS.map(({ action, label }) => {
          const none = applicable[action] === 0;
          return (
            <Ariakit.ToolbarItem
              key={action}
              className={action === 'remove' ? 'ui-button-danger' : undefined}
              disabled={none}
              accessibleWhenDisabled
              // While a bulk action runs, a click is ignored (BulkActions) and the button only says so: toggling
              // Ariakit's `disabled` for the run made its toolbar store update outside React's batches.
              aria-disabled={none || busy || undefined}
              aria-describedby={none ? `${id}-${action}` : busy ? `${id}-busy` : undefined}
              onClick={() => onAction(action)}
            >
              {label}
            </Ariakit.ToolbarItem>
          );
        })}
        {onEditPermissions && (
          <Ariakit.ToolbarItem aria-disabled={busy || undefined} onClick={busy ? undefined : onEditPermissions}>
            Permissions
          </Ariakit.ToolbarItem>
        )}
        <Ariakit.ToolbarItem onClick={onClear}>Clear selection</Ariakit.ToolbarItem>
      </Ariakit.Toolbar>
      {busy && (
        <p id={`${id}-busy`} className="roster-selection-reasons">
          Wait until the running action ends, or cancel it.
        </p>
      )}
      {unavailable.length > 0 && (
        <ul className="roster-selection-reasons">
          {unavailable.map(({ action }) => (
            <li key={action} id={`${id}-${action}`}>
              {noneApplicableText(action)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
