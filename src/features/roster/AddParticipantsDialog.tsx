import { useId, useMemo, useRef, useState, type RefObject } from 'react';
import * as Ariakit from '@ariakit/react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CloseIcon, Dialog } from '../../components/ui';
import {
  SUGGESTION_LIMIT,
  addParticipant,
  useTalkClient,
  type ConversationType,
  type Participant,
  type ParticipantSource,
  type ParticipantSuggestion,
} from '../../lib/api';
import { isEmailAddress } from '../../../contract/email';
import { rosterQueries } from './queries';
import { useDebouncedValue } from './useDebouncedValue';
import { useDescribeError } from '../../lib/describe-error';
import { translate, useI18n, type MessageKey } from '../../lib/i18n';

const SEARCH_DELAY_MS = 200;

const SOURCE_LABELS: Record<ParticipantSource, MessageKey> = {
  users: 'roster.add.source.users',
  groups: 'roster.add.source.groups',
  emails: 'roster.add.source.emails',
  circles: 'roster.add.source.circles',
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
  /** The conversation's type now: adding an email guest makes a group conversation public, and only then says so. */
  conversationType: ConversationType;
  /** Adding changed the conversation itself (an email guest made it public). */
  onConversationChanged?: () => void;
}

function pickId(suggestion: Pick<ParticipantSuggestion, 'source' | 'id'>): string {
  return `${suggestion.source}:${suggestion.id}`;
}

/** The participant kinds a suggestion of each source becomes (email invitees get an id of their own, so: none). */
const KIND_OF_SOURCE: Partial<Record<ParticipantSource, Participant['kind']>> = {
  users: 'user',
  groups: 'group',
  circles: 'circle',
};

/** The ids of `participants` that a suggestion would name: `users:carol`, `groups:design`. */
function participantPickIds(participants: readonly Participant[] | undefined): Set<string> {
  const ids = new Set<string>();
  for (const participant of participants ?? []) {
    for (const [source, kind] of Object.entries(KIND_OF_SOURCE)) {
      if (participant.kind === kind) ids.add(`${source}:${participant.actorId}`);
    }
  }
  return ids;
}

function suggestionCount(count: number): string {
  return translate(count >= SUGGESTION_LIMIT ? 'roster.add.suggestionsCapped' : 'roster.add.suggestions', { count });
}

/**
 * "Add participants": search accounts, groups, email addresses (and circles where the server has them), pick
 * several, add them with one request each, and read one result line per pick. Picks that failed stay picked,
 * and the search text stays, so nothing typed is lost.
 */
export function AddParticipantsDialog({ open, onClose, ...rest }: AddParticipantsDialogProps) {
  // The search is what the dialog is for: it opens there (on ×, an arrow key and Enter closed the dialog).
  const searchRef = useRef<HTMLInputElement>(null);
  const { t } = useI18n();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('roster.add.title')}
      className="add-participants"
      closeButton
      initialFocus={searchRef}
    >
      {/* Mounted only while open: every opening starts afresh. */}
      {open && <AddParticipantsForm onClose={onClose} searchRef={searchRef} {...rest} />}
    </Dialog>
  );
}

function AddParticipantsForm({
  onClose,
  token,
  conversationType,
  onConversationChanged,
  searchRef,
}: Omit<AddParticipantsDialogProps, 'open'> & { searchRef: RefObject<HTMLInputElement | null> }) {
  const describeError = useDescribeError();
  const { t } = useI18n();
  const talk = useTalkClient();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [picks, setPicks] = useState<ParticipantSuggestion[]>([]);
  const statusId = useId();
  const countId = useId();
  // Who is in already, as the roster last heard it (Talk answers a silent 200 to adding them again).
  const participants = useQuery({ ...rosterQueries.participants(talk, token), enabled: false }).data;
  const alreadyIn = useMemo(() => participantPickIds(participants), [participants]);

  const term = useDebouncedValue(search.trim(), SEARCH_DELAY_MS);
  const suggestionsQuery = useQuery({
    ...rosterQueries.suggestions(talk, token, term),
    enabled: term !== '',
    placeholderData: keepPreviousData,
  });

  const suggestions = useMemo(() => {
    const found = term === '' ? [] : (suggestionsQuery.data ?? []);
    // Anyone can be invited by email address, even when the server's search does not offer it. The address comes
    // first, before and after the server's answer: an option that moved as the answer came (the previous search's
    // results still above it) lost the click that was meant for it.
    const typed = search.trim();
    if (!isEmailAddress(typed)) return found;
    const isTyped = (item: ParticipantSuggestion) => item.source === 'emails' && item.id === typed;
    const offered = found.find(isTyped) ?? { id: typed, label: typed, source: 'emails' as const, detail: t('roster.add.inviteByEmail') };
    return [offered, ...found.filter((item) => !isTyped(item))];
  }, [term, suggestionsQuery.data, search, t]);

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
      let wasPublic = conversationType === 'public';
      // One request each, one after another: each gets its own answer, and the server is not flooded.
      for (const pick of toAdd) {
        if (alreadyIn.has(pickId(pick))) {
          results.push({ pick, ok: true, message: translate('roster.add.alreadyIn', { name: pick.label }) });
          continue;
        }
        try {
          const answer = await addParticipant(talk, token, { id: pick.id, source: pick.source });
          // Talk answers `{type: 3}` for every email guest: it became public only if it was not before.
          const becamePublic = answer.conversationType === 'public' && !wasPublic;
          wasPublic ||= becamePublic;
          results.push({
            pick,
            ok: true,
            message: translate(becamePublic ? 'roster.add.addedPublic' : 'roster.add.added', { name: pick.label }),
          });
          if (becamePublic) onConversationChanged?.();
        } catch (error) {
          const reason = describeError(error, {
            action: 'add-participant',
            participant: { name: pick.label, source: pick.source },
          });
          results.push({ pick, ok: false, message: translate('roster.add.failed', { name: pick.label, reason }) });
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
        // At once, not in a transition: a controlled field that lags behind the keys drops what was typed
        // meanwhile ("carol dave" became "alve"). The search itself waits for a pause (useDebouncedValue).
        value={search}
        setValue={setSearch}
        selectedValue={selectedValue}
        setSelectedValue={setSelected}
        resetValueOnSelect={false}
      >
        <div className="field">
          <Ariakit.ComboboxLabel>{t('roster.add.searchLabel')}</Ariakit.ComboboxLabel>
          <Ariakit.Combobox
            ref={searchRef}
            className="add-participants-input"
            placeholder={t('roster.add.placeholder')}
            autoSelect
            autoComplete="list"
            aria-describedby={[searchError ? statusId : '', countId].join(' ').trim()}
          />
        </div>
        <p id={countId} className="combobox-count" aria-live="polite">
          {term !== '' && suggestions.length > 0 ? suggestionCount(suggestions.length) : ''}
        </p>
        {/* In a portal: inside the dialog, which scrolls, the list was cut to one row. */}
        <Ariakit.ComboboxPopover
          portal
          gutter={4}
          sameWidth
          unmountOnHide
          className="combobox-popover"
          aria-busy={suggestionsQuery.isFetching}
        >
          {suggestions.length > 0 ? (
            suggestions.map((item) => {
              const isIn = alreadyIn.has(pickId(item));
              return (
                <Ariakit.ComboboxItem key={pickId(item)} value={pickId(item)} className="combobox-item">
                  <Ariakit.ComboboxItemCheck />
                  <span className="combobox-item-text">
                    <span className="combobox-item-label">{item.label}</span>
                    {(isIn || item.detail) && (
                      <span className="combobox-item-detail">{isIn ? t('roster.add.alreadyParticipant') : item.detail}</span>
                    )}
                  </span>
                  <span className="tag">{t(SOURCE_LABELS[item.source])}</span>
                </Ariakit.ComboboxItem>
              );
            })
          ) : (
            <div className="combobox-empty">
              {term === '' || suggestionsQuery.isFetching ? t('roster.add.searching') : t('roster.add.noneFound')}
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
        <ul className="picks" aria-label={t('roster.add.picks')}>
          {picks.map((pick) => (
            <li key={pickId(pick)} className="pick">
              <span className="pick-label">{pick.label}</span>
              <span className="ui-visually-hidden"> ({t(SOURCE_LABELS[pick.source])})</span>
              <button
                type="button"
                className="pick-remove"
                aria-label={t('roster.add.unpick', { name: pick.label })}
                onClick={() => setPicks((current) => current.filter((item) => pickId(item) !== pickId(pick)))}
              >
                <CloseIcon />
              </button>
            </li>
          ))}
        </ul>
      )}

      <div role="status" className="add-results">
        {add.isPending && (
          <p>
            {add.variables.length === 1
              ? t('roster.add.addingOne', { name: add.variables[0]?.label })
              : t('roster.add.addingMany', { count: add.variables.length })}
          </p>
        )}
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
          {t('ui.close')}
        </button>
        <button
          type="submit"
          className="button-primary"
          disabled={picks.length === 0 || add.isPending}
          aria-busy={add.isPending || undefined}
        >
          {t('roster.add.submit')}
        </button>
      </div>
    </form>
  );
}
