import { useLayoutEffect, useRef } from 'react';
import { useI18n } from '../../lib/i18n';
import type { AllShownState } from './roster-selection';

export interface SelectAllShownProps {
  state: AllShownState;
  onToggle: () => void;
  disabled: boolean;
}

/** "Select all shown": checked, mixed (some of the shown are selected) or unchecked. */
export function SelectAllShown({ state, onToggle, disabled }: SelectAllShownProps) {
  const ref = useRef<HTMLInputElement>(null);
  const { t } = useI18n();
  // "Mixed" exists only as a property of a native checkbox, not as an attribute.
  useLayoutEffect(() => {
    if (ref.current) ref.current.indeterminate = state === 'mixed';
  }, [state]);
  return (
    <label className="roster-select-all">
      <input ref={ref} type="checkbox" checked={state === 'checked'} disabled={disabled} onChange={onToggle} />
      {t('roster.selectAllShown')}
    </label>
  );
}
