import { useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  Permission,
  demoteParticipant,
  promoteParticipant,
  setParticipantPermissions,
  useTalkClient,
  type TalkClient,
} from '../../lib/api';
import { useDescribeError, type DescribeError } from '../../lib/describe-error';
import { translate } from '../../lib/i18n';
import { pushNotice, type UndoAction } from '../../lib/notices';
import { groupReasons, runBulk, type BulkOutcome } from './bulk-run';
import { bulkSummary, skipReason, type BulkSummary } from './bulk-words';
import { describeModerationRefusal, sendModeration } from './moderation-request';
import { rosterQueries } from './queries';
import { canRestoreRemoval, removedParticipant, restoreRemoved, type RemovedParticipant } from './restore';
import { rosterActions, type RosterRow, type RosterViewer } from './roster-rows';
import type { BulkAction } from './roster-selection';
import { applyPermissionChange, type PermissionChange } from './usePermissionChanges';

export type BulkState =
  | { phase: 'idle' }
  | { phase: 'running'; action: BulkAction; settled: number; total: number; cancelling: boolean }
  | { phase: 'done'; action: BulkAction; summary: BulkSummary };

/** What a bulk "Permissions" sets: the dialog's choice for everyone it applies to. */
export type BulkPermissionChange = Extract<PermissionChange, { kind: 'set' | 'reset' }>;

function request(
  talk: TalkClient,
  token: string,
  action: BulkAction,
  row: RosterRow,
  change: BulkPermissionChange | undefined,
): Promise<void> {
  switch (action) {
    case 'let-in':
      return applyPermissionChange(talk, token, { row, change: { kind: 'let-in' } });
    case 'permissions':
      return applyPermissionChange(talk, token, { row, change: change ?? { kind: 'reset' } });
    default:
      return sendModeration(talk, token, action, row.participant);
  }
}

/** Some of an undo did not work; `reasons` are already in words. */
class BulkUndoError extends Error {
  constructor(
    readonly failedCount: number,
    readonly reasons: string[],
  ) {
    super(`undo failed for ${failedCount}`);
  }
}

function undoFailureWords(describeError: DescribeError) {
  return (error: unknown) => {
    if (!(error instanceof BulkUndoError)) return translate('roster.undo.failed', { reason: describeError(error) });
    const reasons = groupReasons(error.reasons).map(({ reason, count }) =>
      count > 1 ? translate('roster.undo.reasonCount', { reason, count }) : reason,
    );
    return translate('roster.undo.failedFor', { count: error.failedCount, reasons: reasons.join(' ') });
  };
}

/**
 * Promote, demote or remove many participants: the rows the action does not apply to are skipped (and said
 * why), the others get one request each, a few at a time (bulk-run.ts), until done or cancelled. At the end
 * the roster refetches, the summary says what was done and what was refused, and one notice offers to undo
 * what can be undone.
 */
export function useBulkModeration(
  token: string,
  viewer: RosterViewer,
  /** Those a bulk removal removed: a selection lets go of them (a v1 key would name them again if re-added). */
  onRemoved?: (rows: readonly RosterRow[]) => void,
) {
  const talk = useTalkClient();
  const queryClient = useQueryClient();
  const describeError = useDescribeError();
  const [state, setState] = useState<BulkState>({ phase: 'idle' });
  const cancelledRef = useRef(false);
  const runningRef = useRef(false);

  const refetch = () => queryClient.invalidateQueries({ queryKey: rosterQueries.participantsKey(token) });

  function describeRefusal(action: BulkAction, row: RosterRow, error: unknown): string {
    if (action === 'let-in' || action === 'permissions') {
      return describeError(error, { action: 'set-permissions', participant: { name: row.name } });
    }
    return describeModerationRefusal(describeError, action, row, viewer, error);
  }

  /** Runs `run` on each of `rows`; a failure of any makes the undo fail with the reasons in words. */
  async function undoEach(rows: readonly RosterRow[], action: BulkAction, run: (row: RosterRow) => Promise<void>) {
    const outcome = await runBulk(rows, run);
    await refetch();
    if (outcome.failed.length > 0) {
      throw new BulkUndoError(
        outcome.failed.length,
        outcome.failed.map(({ item, error }) => describeRefusal(action, item, error)),
      );
    }
  }

  function undoOf(action: BulkAction, done: RosterRow[]): { message: string; undo: UndoAction | null } {
    const describeFailure = undoFailureWords(describeError);
    // Permission changes are undone by putting back exactly the permissions of their own each person had.
    const restorePermissions = () =>
      undoEach(done, action, (row) =>
        setParticipantPermissions(talk, token, row.participant, 'set', row.participant.attendeePermissions ?? Permission.Default),
      );
    switch (action) {
      case 'let-in':
        return {
          message: translate('roster.bulk.done.letIn', { count: done.length }),
          undo: { run: restorePermissions, doneMessage: translate('roster.bulk.undone.letIn', { count: done.length }), describeFailure },
        };
      case 'permissions':
        return {
          message: translate('roster.bulk.done.permissions', { count: done.length }),
          undo: {
            run: restorePermissions,
            doneMessage: translate('roster.bulk.undone.permissions', { count: done.length }),
            describeFailure,
          },
        };
      case 'promote':
        return {
          message: translate('roster.bulk.done.promote', { count: done.length }),
          undo: {
            run: () => undoEach(done, 'demote', (row) => demoteParticipant(talk, token, row.participant)),
            doneMessage: translate('roster.bulk.undone.promote', { count: done.length }),
            describeFailure,
          },
        };
      case 'demote':
        return {
          message: translate('roster.bulk.done.demote', { count: done.length }),
          undo: {
            run: () => undoEach(done, 'promote', (row) => promoteParticipant(talk, token, row.participant)),
            doneMessage: translate('roster.bulk.undone.demote', { count: done.length }),
            describeFailure,
          },
        };
      case 'remove': {
        const restorable: RemovedParticipant[] = done
          .filter((row) => canRestoreRemoval(row.participant))
          .map((row) => removedParticipant(row.participant, row.name));
        const guests = done.length - restorable.length;
        const removed = translate('roster.bulk.done.remove', { count: done.length });
        return {
          message: guests === 0 ? removed : `${removed} ${translate('roster.bulk.guestsNotBack', { guests })}`,
          undo:
            restorable.length === 0
              ? null
              : {
                  run: async () => {
                    const outcome = await restoreRemoved(talk, token, restorable);
                    await refetch();
                    if (outcome.failed.length > 0) {
                      throw new BulkUndoError(
                        outcome.failed.length,
                        outcome.failed.map(({ item, error, step }) =>
                          step === 'add'
                            ? describeError(error, {
                                action: 'add-participant',
                                participant: { name: item.name, source: item.kind === 'user' ? 'users' : item.kind === 'group' ? 'groups' : 'circles' },
                              })
                            : describeError(error, {
                                action: 'promote-participant',
                                participant: { name: item.name, role: 'member', isSelf: false },
                              }),
                        ),
                      );
                    }
                  },
                  doneMessage: translate('roster.bulk.undone.remove', { count: restorable.length }),
                  describeFailure,
                },
        };
      }
    }
  }

  async function run(action: BulkAction, selected: readonly RosterRow[], change?: BulkPermissionChange) {
    if (runningRef.current) return;
    runningRef.current = true;
    cancelledRef.current = false;
    const applicable: RosterRow[] = [];
    const skipped: string[] = [];
    for (const row of selected) {
      if (rosterActions(row, viewer).includes(action)) applicable.push(row);
      else skipped.push(skipReason(action, row));
    }
    const total = applicable.length;
    setState({ phase: 'running', action, settled: 0, total, cancelling: false });
    let outcome: BulkOutcome<RosterRow>;
    try {
      outcome = await runBulk(applicable, (row) => request(talk, token, action, row, change), {
        isCancelled: () => cancelledRef.current,
        onSettled: (settled) =>
          setState((current) => (current.phase === 'running' ? { ...current, settled } : current)),
      });
    } finally {
      runningRef.current = false;
    }
    // The list shows the outcome before the summary speaks of it (a 404 also means the list was out of date).
    await refetch();
    const summary = bulkSummary(action, {
      selected: selected.length,
      done: outcome.done.length,
      skipped: groupReasons(skipped),
      refused: groupReasons(outcome.failed.map(({ item, error }) => describeRefusal(action, item, error))),
      notStarted: outcome.notStarted.length,
    });
    setState({ phase: 'done', action, summary });
    if (action === 'remove' && outcome.done.length > 0) onRemoved?.(outcome.done);
    if (outcome.done.length > 0) pushNotice(undoOf(action, outcome.done));
  }

  return {
    state,
    run,
    cancel: () => {
      cancelledRef.current = true;
      setState((current) => (current.phase === 'running' ? { ...current, cancelling: true } : current));
    },
  };
}
