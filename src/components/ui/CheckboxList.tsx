import { useId, type ReactNode } from 'react';
import './ui.css';

export interface CheckboxOption {
  value: number;
  label: string;
}

export interface CheckboxListProps {
  /** The group's accessible name (its legend). */
  legend: ReactNode;
  /** Shown to sighted people as well; assistive technology reads it as the group's name either way. */
  showLegend?: boolean;
  options: readonly CheckboxOption[];
  /** The values checked, as bits: an option is checked when `checked & option.value` is set. */
  checked: number;
  onChange: (checked: number) => void;
  /** Every box read-only (shown as it is, not changeable), with the reason said under them. */
  disabled?: boolean;
  hint?: ReactNode;
}

/** A group of native checkboxes over a bit set: Space toggles, Tab moves on, the legend names the group. */
export function CheckboxList({ legend, showLegend = true, options, checked, onChange, disabled = false, hint }: CheckboxListProps) {
  const hintId = useId();
  return (
    <fieldset className="ui-checkbox-list" disabled={disabled} aria-describedby={hint ? hintId : undefined}>
      <legend className={showLegend ? 'ui-checkbox-legend' : 'ui-visually-hidden'}>{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="ui-checkbox">
          <input
            type="checkbox"
            checked={(checked & option.value) !== 0}
            onChange={(event) => onChange(event.target.checked ? checked | option.value : checked & ~option.value)}
          />
          {option.label}
        </label>
      ))}
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
    </fieldset>
  );
}
