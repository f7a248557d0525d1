import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { createConversation, useTalkClient, type NewConversation, type NewConversationType } from '../../lib/api';
import { conversationHref } from './conversation-rows';
import { roomsQueries } from './queries';
import { useDescribeError } from '../../lib/describe-error';
import { translate } from '../../lib/i18n';

/** Talk's limit for conversation names (and the demo server's). */
export const CONVERSATION_NAME_MAX_LENGTH = 255;


/** The "New conversation" dialog's state and what its controls do. */
export interface NewConversationModel {
  isOpen: boolean;
  open: () => void;
  /** Cancel, Escape or a click outside: forgets what was typed. */
  close: () => void;
  name: string;
  setName: (name: string) => void;
  nameMaxLength: number;
  type: NewConversationType;
  setType: (type: NewConversationType) => void;
  /** Only used, and only shown, for public conversations. */
  password: string;
  setPassword: (password: string) => void;
  submit: (event: FormEvent<HTMLFormElement>) => void;
  isCreating: boolean;
  /** Why the name was not accepted before sending; null when it was. */
  nameError: string | null;
  /** Why the server refused, in words; what was typed stays in the fields. */
  errorMessage: string | null;
}

/** Creates the conversation and lands in its roster. */
export function useNewConversation(): NewConversationModel {
  const talk = useTalkClient();
  const queryClient = useQueryClient();
  const describeError = useDescribeError();
  const navigate = useNavigate();
  const [isOpen, setIsOpen] = useState(false);
  const [name, setName] = useState('');
  const [type, setType] = useState<NewConversationType>('group');
  const [password, setPassword] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: (conversation: NewConversation) => createConversation(talk, conversation),
    onSuccess: async (conversation) => {
      // The roster page reads the conversation from here at once instead of waiting for a request.
      queryClient.setQueryData(roomsQueries.detail(talk, conversation.token).queryKey, conversation);
      // Not awaited: the list is not on screen any more once the roster opens; it refetches when it is.
      void queryClient.invalidateQueries({ queryKey: roomsQueries.lists() });
      reset();
      await navigate(conversationHref(conversation.token));
    },
  });

  function reset() {
    setIsOpen(false);
    setName('');
    setType('group');
    setPassword('');
    setNameError(null);
  }

  function close() {
    reset();
    create.reset();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    const trimmedName = name.trim();
    if (trimmedName === '') {
      setNameError(translate('rooms.create.nameRequired'));
      return;
    }
    setNameError(null);
    create.mutate({ name: trimmedName, type, password: type === 'public' ? password : undefined });
  }

  return {
    isOpen,
    open: () => setIsOpen(true),
    close,
    name,
    setName: (value) => {
      setName(value);
      setNameError(null);
    },
    nameMaxLength: CONVERSATION_NAME_MAX_LENGTH,
    type,
    setType,
    password,
    setPassword,
    submit,
    isCreating: create.isPending,
    nameError,
    errorMessage: create.isError ? describeError(create.error, { action: 'create-conversation' }) : null,
  };
}
