import * as Ariakit from '@ariakit/react';
import { useId } from 'react';
import { useI18n, type MessageKey } from '../../lib/i18n';
import type { BulkAction } from './roster-selection';
import { noneApplicableText } from './bulk-words';

const BUTTONS: { action: BulkAction; label: MessageKey }[] = [
  { action: 'promote', label: 'roster.selection.promote' },
  { action: 'demote', label: 'roster.selection.demote' },
  { action: 'let-in', label: 'roster.selection.letIn' },
  { action: 'permissions', label: 'roster.selection.permissions' },
  { action: 'remove', label: 'roster.selection.remove' },
];

export interface SelectionToolbarProps {
  /** Selected participants still in the roster. */
  count: number;
  /** How many of the selected each action applies to. */
  applicable: Record<BulkAction, number>;
  /** The actions this toolbar offers here: permissions only where the server has them, "Let in" while the lobby is on. */
  offered: ReadonlySet<BulkAction>;
  /** A bulk action is running: nothing else starts. */
  busy: boolean;
  onAction: (action: BulkAction) => void;
  onClear: () => void;
}

/**
 * What can be done with the selection. One tab stop, arrows between the buttons (Ariakit's toolbar). A button
 * that applies to none of the selected stays focusable but disabled, and says why next to it.
 */
export function SelectionToolbar({ count, applicable, offered, busy, onAction, onClear }: SelectionToolbarProps) {
  const id = useId();
  const { t } = useI18n();
  const buttons = BUTTONS.filter(({ action }) => offered.has(action));
  const unavailable = buttons.filter(({ action }) => applicable[action] === 0);

  return (
    <div className="roster-selection">
      <Ariakit.Toolbar className="roster-selection-toolbar" aria-label={t('roster.selection.label')}>
        <span className="roster-selection-count">{t('roster.selection.count', { count })}</span>
        {buttons.map(({ action, label }) => {
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
              {t(label)}
            </Ariakit.ToolbarItem>
          );
        })}
        <Ariakit.ToolbarItem onClick={onClear}>{t('roster.selection.clear')}</Ariakit.ToolbarItem>
      </Ariakit.Toolbar>
      {busy && (
        <p id={`${id}-busy`} className="roster-selection-reasons">
          {t('roster.selection.busy')}
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
