import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { leaveConversation, useTalkClient, type Conversation } from '../../lib/api';
import { roomsQueries } from './queries';
import { useDescribeError } from '../../lib/describe-error';

/** "Leave conversation" and its confirmation, ready to render. */
export interface LeaveConversationModel {
  isConfirming: boolean;
  /** Opens the confirmation. */
  requestLeave: () => void;
  /** The confirmation's answer: true leaves, false closes it. */
  decide: (confirmed: boolean) => void;
  isLeaving: boolean;
  /** Why leaving failed, in words; shown in the confirmation. */
  errorMessage: string | null;
}

/** Leaves the conversation and goes back to the conversation list. */
export function useLeaveConversation(token: string): LeaveConversationModel {
  const talk = useTalkClient();
  const queryClient = useQueryClient();
  const describeError = useDescribeError();
  const navigate = useNavigate();
  const [isConfirming, setIsConfirming] = useState(false);

  const leave = useMutation({
    mutationFn: () => leaveConversation(talk, token),
    onSuccess: async () => {
      // The list shows without the conversation at once, and refetches when it is on screen again.
      queryClient.setQueryData<Conversation[]>(roomsQueries.lists(), (conversations) =>
        conversations?.filter((conversation) => conversation.token !== token),
      );
      void queryClient.invalidateQueries({ queryKey: roomsQueries.lists() });
      setIsConfirming(false);
      await navigate('/');
      // Only if nothing observes it any more: removing it under a mounted page would refetch it, to a 404.
      // Otherwise it is garbage-collected once the page has gone.
      queryClient.removeQueries({ queryKey: roomsQueries.detail(talk, token).queryKey, type: 'inactive' });
    },
  });

  return {
    isConfirming,
    requestLeave: () => {
      leave.reset();
      setIsConfirming(true);
    },
    decide: (confirmed) => {
      if (!confirmed) {
        setIsConfirming(false);
        return;
      }
      if (!leave.isPending) leave.mutate();
    },
    isLeaving: leave.isPending,
    errorMessage: leave.isError ? describeError(leave.error, { action: 'leave-conversation' }) : null,
  };
}
