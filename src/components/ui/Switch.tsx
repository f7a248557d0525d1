import { useId, type ButtonHTMLAttributes, type ReactNode } from 'react';
import './ui.css';

export interface SwitchProps
  extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onChange' | 'role' | 'type' | 'children' | 'aria-checked'> {
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  /** The visible label, which is also the switch's accessible name ("Lobby"). */
  label: ReactNode;
  /** The change is being saved: the switch shows it and ignores further presses. */
  busy?: boolean;
}

/** An on/off switch: a `button` with `role="switch"`, toggled by click, Space or Enter. */
export function Switch({ checked, onCheckedChange, label, busy = false, disabled, className, id, ...rest }: SwitchProps) {
  const generatedId = useId();
  const buttonId = id ?? `${generatedId}-switch`;
  const labelId = `${generatedId}-label`;

  return (
    <span className={className ? `ui-switch ${className}` : 'ui-switch'}>
      <button
        {...rest}
        id={buttonId}
        type="button"
        role="switch"
        aria-checked={checked}
        aria-labelledby={labelId}
        aria-busy={busy || undefined}
        disabled={disabled}
        className="ui-switch-control"
        onClick={() => {
          if (!busy) onCheckedChange(!checked);
        }}
      >
        <span className="ui-switch-thumb" aria-hidden="true" />
      </button>
      <label id={labelId} htmlFor={buttonId} className="ui-switch-label">
        {label}
      </label>
    </span>
  );
}
