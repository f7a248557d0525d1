import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { setLobby, useTalkClient, type Conversation, type LobbySettings } from '../../lib/api';
import { formatLocalDateTime, fromLocalInputValue, toLocalInputValue } from './local-time';
import { roomsQueries } from './queries';
import { useI18n } from '../../lib/i18n';
import { useDescribeError } from '../../lib/describe-error';
import { LOBBY_REFUSALS } from './refusals';

/** The lobby switch and start time, ready to render. */
export interface LobbyControlsModel {
  /** The lobby as the server last said. */
  enabled: boolean;
  /** Only moderators may change it. */
  canChange: boolean;
  /** Why the controls are disabled, in words; null when they are not. */
  disabledReason: string | null;
  /** The start time field's value, in local time ("YYYY-MM-DDTHH:mm"); empty for none. */
  startTime: string;
  /** The field differs from the saved start time while the lobby is on: it can be applied. */
  canApplyStartTime: boolean;
  /** "The lobby lifts on …" when a start time is saved. */
  scheduleText: string | null;
  /** The change and the refetch that confirms it are under way. */
  isSaving: boolean;
  errorMessage: string | null;
  onEnabledChange: (enabled: boolean) => void;
  onStartTimeChange: (value: string) => void;
  onApplyStartTime: () => void;
}

/** Talk has a lobby only where guests and non-moderators can be kept waiting: group and public conversations. */
const TYPES_WITH_A_LOBBY: ReadonlySet<Conversation['type']> = new Set(['group', 'public']);

export function hasLobby(conversation: Conversation): boolean {
  return TYPES_WITH_A_LOBBY.has(conversation.type);
}

/**
 * The view-model of the lobby controls of one conversation; null until the conversation is loaded, and in
 * conversations without a lobby (one-to-one, former one-to-one, changelog, note to self). The start
 * time is kept as typed until it is saved, and when saving fails.
 */
export function useLobbyControls(token: string): LobbyControlsModel | null {
  const talk = useTalkClient();
  const queryClient = useQueryClient();
  const describeError = useDescribeError();
  const { t } = useI18n();
  const detail = roomsQueries.detail(talk, token);
  const { data: conversation } = useQuery(detail);
  /** What the person typed; null while the field shows the saved start time. */
  const [typedStartTime, setTypedStartTime] = useState<string | null>(null);
  const [validationError, setValidationError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (settings: LobbySettings) => setLobby(talk, token, settings),
    // Returning the refetch keeps the mutation pending, so the progress shows until the new state is on screen.
    onSuccess: async (updated) => {
      queryClient.setQueryData(detail.queryKey, updated);
      setTypedStartTime(null);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: detail.queryKey }),
        queryClient.invalidateQueries({ queryKey: roomsQueries.lists() }),
      ]);
    },
  });

  if (!conversation || !hasLobby(conversation)) return null;

  const savedStartTime = conversation.lobby.opensAt === null ? '' : toLocalInputValue(conversation.lobby.opensAt);
  const startTime = typedStartTime ?? savedStartTime;
  const canChange = conversation.canModerate;

  /** Sends the lobby on with the field's start time, unless that time is already past. */
  function saveEnabled() {
    const opensAt = fromLocalInputValue(startTime);
    if (opensAt !== null && opensAt <= Date.now()) {
      setValidationError(LOBBY_REFUSALS.startInPast);
      return;
    }
    save.mutate({ enabled: true, opensAt });
  }

  return {
    enabled: conversation.lobby.enabled,
    canChange,
    disabledReason: canChange ? null : LOBBY_REFUSALS.moderatorsOnly,
    startTime,
    canApplyStartTime: conversation.lobby.enabled && startTime !== savedStartTime,
    scheduleText:
      conversation.lobby.enabled && conversation.lobby.opensAt !== null
        ? t('rooms.lobby.schedule', { when: formatLocalDateTime(conversation.lobby.opensAt) })
        : null,
    isSaving: save.isPending,
    errorMessage: validationError ?? (save.isError ? describeError(save.error, { action: 'set-lobby' }) : null),
    onEnabledChange: (enabled) => {
      if (!canChange || save.isPending) return;
      setValidationError(null);
      if (enabled) saveEnabled();
      else save.mutate({ enabled: false, opensAt: null });
    },
    onStartTimeChange: (value) => {
      setValidationError(null);
      setTypedStartTime(value);
    },
    onApplyStartTime: () => {
      if (!canChange || save.isPending) return;
      setValidationError(null);
      saveEnabled();
    },
  };
}
