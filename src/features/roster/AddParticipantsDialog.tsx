import { useId, useMemo, useState, useTransition } from 'react';
import * as Ariakit from '@ariakit/react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Dialog } from '../../components/ui';
import {
  addParticipant,
  useTalkClient,
  type ParticipantSource,
  type ParticipantSuggestion,
} from '../../lib/api';
import { isEmailAddress } from '../../../contract/email';
import { rosterQueries } from './queries';
import { useDebouncedValue } from './useDebouncedValue';
import { useDescribeError } from '../../lib/describe-error';

const SEARCH_DELAY_MS = 200;

const SOURCE_LABELS: Record<ParticipantSource, string> = {
  users: 'Account',
  groups: 'Group',
  emails: 'Email',
  circles: 'Circle',
};

export interface AddResult {
  pick: ParticipantSuggestion;
  ok: boolean;
  /** What happened, in words: "Added Bob.", or why not. */
  message: string;
}

export interface AddParticipantsDialogProps {
  open: boolean;
  onClose: () => void;
  token: string;
  /** Whether the conversation is public already: Talk reports "public" for every email guest added. */
  isPublic: boolean;
  /** Adding changed the conversation itself (an email guest made it public). */
  onConversationChanged?: () => void;
}

function pickId(suggestion: Pick<ParticipantSuggestion, 'source' | 'id'>): string {
  return `${suggestion.source}:${suggestion.id}`;
}

/**
 * "Add participants": search accounts, groups, email addresses (and circles where the server has them), pick
 * several, add them with one request each, and read one result line per pick. Picks that failed stay picked,
 * and the search text stays, so nothing typed is lost.
 */
export function AddParticipantsDialog({ open, onClose, ...rest }: AddParticipantsDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} title="Add participants" className="add-participants" closeButton>
      {/* Mounted only while open: every opening starts afresh. */}
      {open && <AddParticipantsForm onClose={onClose} {...rest} />}
    </Dialog>
  );
}

function AddParticipantsForm({
  onClose,
  token,
  isPublic,
  onConversationChanged,
}: Omit<AddParticipantsDialogProps, 'open'>) {
  const describeError = useDescribeError();
  const talk = useTalkClient();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [picks, setPicks] = useState<ParticipantSuggestion[]>([]);
  const [, startTransition] = useTransition();
  const statusId = useId();

  const term = useDebouncedValue(search.trim(), SEARCH_DELAY_MS);
  const suggestionsQuery = useQuery({
    ...rosterQueries.suggestions(talk, token, term),
    enabled: term !== '',
    placeholderData: keepPreviousData,
  });

  const suggestions = useMemo(() => {
    const found = term === '' ? [] : (suggestionsQuery.data ?? []);
    // Anyone can be invited by email address, even when the server's search does not offer it.
    const typed = search.trim();
    if (isEmailAddress(typed) && !found.some((item) => item.source === 'emails' && item.id === typed)) {
      return [...found, { id: typed, label: typed, source: 'emails' as const, detail: 'Invite by email' }];
    }
    return found;
  }, [term, suggestionsQuery.data, search]);

  const known = useMemo(() => {
    const byId = new Map<string, ParticipantSuggestion>();
    for (const item of [...picks, ...suggestions]) byId.set(pickId(item), item);
    return byId;
  }, [picks, suggestions]);

  function setSelected(ids: string[]) {
    setPicks(ids.map((id) => known.get(id)).filter((item): item is ParticipantSuggestion => item !== undefined));
  }

  const add = useMutation({
    mutationFn: async (toAdd: ParticipantSuggestion[]): Promise<AddResult[]> => {
      const results: AddResult[] = [];
      let wasPublic = isPublic;
      // One request each, one after another: each gets its own answer, and the server is not flooded.
      for (const pick of toAdd) {
        try {
          const { isPublicNow } = await addParticipant(talk, token, { id: pick.id, source: pick.source });
          const becamePublic = isPublicNow && !wasPublic;
          wasPublic ||= isPublicNow;
          results.push({
            pick,
            ok: true,
            message: becamePublic
              ? `Added ${pick.label}. The conversation is now public, so that they can join by its link.`
              : `Added ${pick.label}.`,
          });
          if (becamePublic) onConversationChanged?.();
        } catch (error) {
          const reason = describeError(error, {
            action: 'add-participant',
            participant: { name: pick.label, source: pick.source },
          });
          results.push({ pick, ok: false, message: `${pick.label} was not added: ${reason}` });
        }
      }
      return results;
    },
    onSuccess: (results) => {
      // Added ones leave the picks; the ones that failed stay, to try again.
      const added = new Set(results.filter((result) => result.ok).map((result) => pickId(result.pick)));
      setPicks((current) => current.filter((pick) => !added.has(pickId(pick))));
    },
    // Pending until the roster shows the newcomers.
    onSettled: () => queryClient.invalidateQueries({ queryKey: rosterQueries.participantsKey(token) }),
  });

  const searchError = suggestionsQuery.isError
    ? describeError(suggestionsQuery.error, { action: 'search-participants' })
    : null;
  const selectedValue = picks.map(pickId);

  return (
    <form
      className="add-participants-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (picks.length > 0 && !add.isPending) add.mutate(picks);
      }}
    >
      <Ariakit.ComboboxProvider
        value={search}
        setValue={(value) => startTransition(() => setSearch(value))}
        selectedValue={selectedValue}
        setSelectedValue={setSelected}
        resetValueOnSelect={false}
      >
        <div className="field">
          <Ariakit.ComboboxLabel>Search users, groups or emails</Ariakit.ComboboxLabel>
          <Ariakit.Combobox
            className="add-participants-input"
            placeholder="Name, group or email address"
            autoSelect
            autoComplete="list"
            aria-describedby={searchError ? statusId : undefined}
          />
        </div>
        <Ariakit.ComboboxPopover gutter={4} sameWidth unmountOnHide className="combobox-popover" aria-busy={suggestionsQuery.isFetching}>
          {suggestions.length > 0 ? (
            suggestions.map((item) => (
              <Ariakit.ComboboxItem key={pickId(item)} value={pickId(item)} className="combobox-item">
                <Ariakit.ComboboxItemCheck />
                <span className="combobox-item-text">
                  <span className="combobox-item-label">{item.label}</span>
                  {item.detail && <span className="combobox-item-detail">{item.detail}</span>}
                </span>
                <span className="tag">{SOURCE_LABELS[item.source]}</span>
              </Ariakit.ComboboxItem>
            ))
          ) : (
            <div className="combobox-empty">
              {term === '' || suggestionsQuery.isFetching ? 'Searching…' : 'No one found.'}
            </div>
          )}
        </Ariakit.ComboboxPopover>
      </Ariakit.ComboboxProvider>

      {searchError && (
        <p id={statusId} className="alert" role="alert">
          {searchError}
        </p>
      )}

      {picks.length > 0 && (
        <ul className="picks" aria-label="To add">
          {picks.map((pick) => (
            <li key={pickId(pick)} className="pick">
              <span className="pick-label">{pick.label}</span>
              <span className="ui-visually-hidden"> ({SOURCE_LABELS[pick.source]})</span>
              <button
                type="button"
                className="pick-remove"
                aria-label={`Don’t add ${pick.label}`}
                onClick={() => setPicks((current) => current.filter((item) => pickId(item) !== pickId(pick)))}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}

      <div role="status" className="add-results">
        {add.isPending && <p>Adding {add.variables.length === 1 ? add.variables[0]?.label : `${add.variables.length} participants`}…</p>}
        {add.isSuccess && (
          <ul>
            {add.data.map((result) => (
              <li key={pickId(result.pick)} className={result.ok ? 'add-result' : 'add-result add-result--failed'}>
                {result.message}
              </li>
            ))}
          </ul>
        )}
      </div>

      <div className="ui-dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
        <button
          type="submit"
          className="button-primary"
          disabled={picks.length === 0 || add.isPending}
          aria-busy={add.isPending || undefined}
        >
          Add
        </button>
      </div>
    </form>
  );
}
