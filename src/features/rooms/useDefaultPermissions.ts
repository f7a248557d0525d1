import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Permission, setDefaultPermissions, useTalkClient, type Conversation } from '../../lib/api';
import { useDescribeError } from '../../lib/describe-error';
import { translate } from '../../lib/i18n';
import { pushNotice } from '../../lib/notices';
import { TALK_SERVER_DEFAULT } from '../../lib/permission-choices';
import { roomsQueries } from './queries';

/** The "Default permissions" button and dialog of one conversation, ready to render. */
export interface DefaultPermissionsModel {
  /** The conversation's defaults as the dialog starts from them (the server's default when it has none). */
  permissions: number;
  /** The conversation has defaults of its own (else it follows the server's). */
  hasOwnDefaults: boolean;
  isSaving: boolean;
  errorMessage: string | null;
  /** `Permission.Default` (0) goes back to the server's default. */
  save: (permissions: number) => void;
}

/** Group and public conversations have defaults; one-to-one and the like do not (Talk answers 400). */
const hasDefaults = (conversation: Conversation) => conversation.type === 'group' || conversation.type === 'public';

/**
 * The conversation's default permissions, for moderators on servers with permissions; null otherwise (v1, members,
 * before the conversation is loaded). Each change says so in a notice whose "Undo" puts the previous defaults
 * back. Like Talk, a change also resets permissions chosen for single people: `onChanged` lets the page refetch
 * whatever shows them.
 */
export function useDefaultPermissions(token: string, onChanged?: () => void): DefaultPermissionsModel | null {
  const talk = useTalkClient();
  const queryClient = useQueryClient();
  const describeError = useDescribeError();
  const detail = roomsQueries.detail(talk, token);
  const { data: conversation } = useQuery(detail);
  const { data: api } = useQuery(roomsQueries.api(talk));

  const refresh = async (updated: Conversation) => {
    queryClient.setQueryData(detail.queryKey, updated);
    onChanged?.();
    await queryClient.invalidateQueries({ queryKey: detail.queryKey });
  };

  const save = useMutation({
    // `previous` is what the defaults were when the person chose: what "Undo" puts back.
    mutationFn: ({ permissions }: { permissions: number; previous: number }) => setDefaultPermissions(talk, token, permissions),
    onSuccess: async (updated, { previous }) => {
      pushNotice({
        message:
          updated.defaultPermissions === Permission.Default
            ? translate('rooms.defaults.followServerAgain')
            : translate('rooms.defaults.changed'),
        undo: {
          run: async () => refresh(await setDefaultPermissions(talk, token, previous)),
          doneMessage: translate('rooms.defaults.restored'),
          describeFailure: (error) => describeError(error, { action: 'set-default-permissions' }),
        },
      });
      await refresh(updated);
    },
  });

  if (!conversation || !api?.supportsPermissions || !conversation.canModerate || !hasDefaults(conversation)) return null;
  const own = conversation.defaultPermissions ?? Permission.Default;
  return {
    permissions: own === Permission.Default ? TALK_SERVER_DEFAULT : own,
    hasOwnDefaults: own !== Permission.Default,
    isSaving: save.isPending,
    errorMessage: save.isError ? describeError(save.error, { action: 'set-default-permissions' }) : null,
    save: (permissions) => {
      if (!save.isPending) save.mutate({ permissions, previous: own });
    },
  };
}
