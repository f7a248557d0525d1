import { useId } from 'react';
import { Switch } from '../../components/ui';
import { useI18n } from '../../lib/i18n';
import type { LobbyControlsModel } from './useLobbyControls';
import { useLobbyControls } from './useLobbyControls';
import './rooms.css';

/**
 * The lobby switch and its optional start time. While the lobby is on, only moderators see the participants
 * and guests wait; at the start time it lifts by itself.
 */
export function LobbyControlsView(model: LobbyControlsModel) {
  const startTimeId = useId();
  const hintId = useId();
  const disabled = !model.canChange || model.isSaving;
  const { t } = useI18n();

  return (
    <div className="lobby-controls" aria-busy={model.isSaving}>
      <Switch
        label={t('rooms.lobby.switch')}
        checked={model.enabled}
        onCheckedChange={model.onEnabledChange}
        busy={model.isSaving}
        disabled={!model.canChange}
        aria-describedby={model.disabledReason ? hintId : undefined}
      />
      <div className="lobby-start">
        <div className="field">
          <label htmlFor={startTimeId}>{t('rooms.lobby.startTime')}</label>
          <input
            id={startTimeId}
            type="datetime-local"
            value={model.startTime}
            disabled={disabled}
            onChange={(event) => model.onStartTimeChange(event.target.value)}
            aria-describedby={hintId}
          />
        </div>
        {model.canApplyStartTime && (
          <button type="button" onClick={model.onApplyStartTime} disabled={model.isSaving}>
            {t('rooms.lobby.setStartTime')}
          </button>
        )}
      </div>
      <p id={hintId} className="field-hint">
        {model.disabledReason ?? t('rooms.lobby.hint')}
      </p>
      {model.scheduleText && <p className="status-text">{model.scheduleText}</p>}
      {/* Always in the page, so screen readers announce when saving starts. */}
      <p role="status" className="status-text">
        {model.isSaving ? t('rooms.lobby.saving') : ''}
      </p>
      {model.errorMessage && (
        <p className="alert" role="alert">
          {model.errorMessage}
        </p>
      )}
    </div>
  );
}

/** The lobby controls of one conversation, for the roster page; nothing until the conversation is loaded. */
export function LobbyControls({ token }: { token: string }) {
  const model = useLobbyControls(token);
  return model ? <LobbyControlsView {...model} /> : null;
}
