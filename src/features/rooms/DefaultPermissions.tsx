import { useRef, useState } from 'react';
import { CheckboxList, Dialog } from '../../components/ui';
import { Permission } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { PERMISSION_CHOICES, chosenBits } from '../../lib/permission-choices';
import { useDefaultPermissions, type DefaultPermissionsModel } from './useDefaultPermissions';
import './rooms.css';

/** What the dialog decided: new defaults, the server's default (0), or nothing. */
type Decision = { kind: 'save'; permissions: number } | { kind: 'cancel' };

function DefaultPermissionsDialog({
  open,
  start,
  hasOwnDefaults,
  onDecision,
}: {
  open: boolean;
  start: number;
  hasOwnDefaults: boolean;
  onDecision: (decision: Decision) => void;
}) {
  const [checked, setChecked] = useState(() => chosenBits(start));
  const { t } = useI18n();
  return (
    <Dialog open={open} onClose={() => onDecision({ kind: 'cancel' })} title={t('rooms.defaults.title')}>
      <form
        className="ui-dialog-body"
        onSubmit={(event) => {
          event.preventDefault();
          onDecision({ kind: 'save', permissions: checked });
        }}
      >
        <CheckboxList
          legend={t('rooms.defaults.legend')}
          options={PERMISSION_CHOICES.map((choice) => ({ value: choice.bit, label: choice.label }))}
          checked={checked}
          onChange={setChecked}
          hint={t('rooms.defaults.hint', { followsServer: hasOwnDefaults ? 'no' : 'yes' })}
        />
        <div className="ui-dialog-actions">
          <button type="button" onClick={() => onDecision({ kind: 'cancel' })}>
            {t('rooms.cancel')}
          </button>
          <button type="button" disabled={!hasOwnDefaults} onClick={() => onDecision({ kind: 'save', permissions: Permission.Default })}>
            {t('rooms.resetToDefault')}
          </button>
          <button type="submit" className="button-primary">
            {t('rooms.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The button "Default permissions" and its dialog. The dialog only decides; the model saves. */
export function DefaultPermissionsView(model: DefaultPermissionsModel) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const { t } = useI18n();

  return (
    <div className="default-permissions">
      <button ref={buttonRef} type="button" onClick={() => setOpen(true)} disabled={model.isSaving} aria-haspopup="dialog">
        {t('rooms.defaults.button')}
      </button>
      <p role="status" className="status-text">
        {model.isSaving ? t('rooms.defaults.saving') : ''}
      </p>
      {model.errorMessage && (
        <p className="alert" role="alert">
          {model.errorMessage}
        </p>
      )}
      {open && (
        <DefaultPermissionsDialog
          open
          start={model.permissions}
          hasOwnDefaults={model.hasOwnDefaults}
          onDecision={(decision) => {
            setOpen(false);
            if (decision.kind === 'save') model.save(decision.permissions);
          }}
        />
      )}
    </div>
  );
}

/**
 * "Default permissions" for moderators of group and public conversations on servers with permissions (v4);
 * nothing elsewhere. `onChanged` runs after each change (the page refetches the roster).
 */
export function DefaultPermissions({ token, onChanged }: { token: string; onChanged?: () => void }) {
  const model = useDefaultPermissions(token, onChanged);
  return model ? <DefaultPermissionsView {...model} /> : null;
}
