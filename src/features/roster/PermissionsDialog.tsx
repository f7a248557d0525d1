import { useState, type RefObject } from 'react';
import { CheckboxList, Dialog } from '../../components/ui';
import { ALL_PERMISSIONS } from '../../lib/api';
import { translate, useI18n } from '../../lib/i18n';
import { PERMISSION_CHOICES, chosenBits } from '../../lib/permission-choices';

/** Whom the dialog is about: a name to say, what they may do now, and whether they are a moderator. */
export interface PermissionsTarget {
  name: string;
  /** Their effective permissions, as the server computed them. */
  permissions: number;
  isModerator: boolean;
}

/** What the person decided: set these permissions, go back to the conversation's defaults, or nothing. */
export type PermissionsDecision = { kind: 'set'; permissions: number } | { kind: 'reset' } | { kind: 'cancel' };

export interface PermissionsDialogProps {
  open: boolean;
  /** One person ("Permissions for NAME") or many ("Permissions for N participants", the selection toolbar). */
  targets: readonly PermissionsTarget[];
  onDecision: (decision: PermissionsDecision) => void;
  finalFocus?: HTMLElement | RefObject<HTMLElement | null> | null;
}

export function permissionsDialogTitle(targets: readonly PermissionsTarget[]): string {
  const [only] = targets;
  if (targets.length === 1 && only) return translate('roster.permissions.titleOne', { name: only.name });
  return translate('roster.permissions.titleMany', { count: targets.length });
}

/** What the boxes start from: what every editable target has now (for one person, simply their permissions). */
function startingBits(targets: readonly PermissionsTarget[]): number {
  const editable = targets.filter((target) => !target.isModerator);
  if (editable.length === 0) return chosenBits(ALL_PERMISSIONS);
  return editable.reduce((bits, target) => bits & chosenBits(target.permissions), chosenBits(ALL_PERMISSIONS));
}

/**
 * Chooses what one or more participants may do. It only returns a decision; the roster runs the change. Moderators
 * always have every permission (as in Talk): for them the boxes are all checked and cannot change.
 */
export function PermissionsDialog({ open, targets, onDecision, finalFocus }: PermissionsDialogProps) {
  const onlyModerators = targets.length > 0 && targets.every((target) => target.isModerator);
  const someModerators = !onlyModerators && targets.some((target) => target.isModerator);
  const [checked, setChecked] = useState(() => startingBits(targets));
  const { t } = useI18n();

  return (
    <Dialog open={open} onClose={() => onDecision({ kind: 'cancel' })} title={permissionsDialogTitle(targets)} finalFocus={finalFocus}>
      <form
        className="ui-dialog-body"
        onSubmit={(event) => {
          event.preventDefault();
          if (!onlyModerators) onDecision({ kind: 'set', permissions: checked });
        }}
      >
        <CheckboxList
          legend={t('roster.permissions.legend')}
          showLegend={false}
          options={PERMISSION_CHOICES.map((choice) => ({ value: choice.bit, label: choice.label }))}
          checked={onlyModerators ? chosenBits(ALL_PERMISSIONS) : checked}
          onChange={setChecked}
          disabled={onlyModerators}
          hint={
            onlyModerators
              ? t('roster.permissions.onlyModerators')
              : someModerators
                ? t('roster.permissions.someModerators')
                : t('roster.permissions.resetHint')
          }
        />
        <div className="ui-dialog-actions">
          <button type="button" onClick={() => onDecision({ kind: 'cancel' })}>
            {t('ui.cancel')}
          </button>
          <button type="button" disabled={onlyModerators} onClick={() => onDecision({ kind: 'reset' })}>
            {t('roster.permissions.reset')}
          </button>
          <button type="submit" className="button-primary" disabled={onlyModerators}>
            {t('roster.permissions.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
