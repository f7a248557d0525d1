import { useRef, useState } from 'react';
import { CheckboxList, Dialog } from '../../components/ui';
import { Permission } from '../../lib/api';
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
  return (
    <Dialog open={open} onClose={() => onDecision({ kind: 'cancel' })} title="Default permissions">
      <form
        className="ui-dialog-body"
        onSubmit={(event) => {
          event.preventDefault();
          onDecision({ kind: 'save', permissions: checked });
        }}
      >
        <CheckboxList
          legend="Everyone without permissions of their own may"
          options={PERMISSION_CHOICES.map((choice) => ({ value: choice.bit, label: choice.label }))}
          checked={checked}
          onChange={setChecked}
          hint={
            `${hasOwnDefaults ? '' : 'This conversation follows the server’s default now. '}` +
            'Saving also resets permissions chosen for single participants, and moderators keep every permission.'
          }
        />
        <div className="ui-dialog-actions">
          <button type="button" onClick={() => onDecision({ kind: 'cancel' })}>
            Cancel
          </button>
          <button type="button" disabled={!hasOwnDefaults} onClick={() => onDecision({ kind: 'save', permissions: Permission.Default })}>
            Reset to default
          </button>
          <button type="submit" className="button-primary">
            Save
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

  return (
    <div className="default-permissions">
      <button ref={buttonRef} type="button" onClick={() => setOpen(true)} disabled={model.isSaving} aria-haspopup="dialog">
        Default permissions
      </button>
      <p role="status" className="status-text">
        {model.isSaving ? 'Saving the default permissions…' : ''}
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
