import { useMemo, useState } from 'react';
import { ConfirmDialog } from '../../components/ui';
import { participants } from './bulk-words';
import { BulkStatus } from './BulkStatus';
import { canRestoreRemoval } from './restore';
import type { RosterAction, RosterRow, RosterViewer } from './roster-rows';
import { applicableRows } from './roster-selection';
import { SelectionToolbar } from './SelectionToolbar';
import { useBulkModeration } from './useBulkModeration';

export interface BulkActionsProps {
  token: string;
  conversationName: string;
  viewer: RosterViewer;
  /** The selected rows still in the roster, in its order. */
  selected: readonly RosterRow[];
  onClear: () => void;
  /** Unselects these rows (they were removed). */
  onUnselect: (rows: readonly RosterRow[]) => void;
  /** Opens the permissions dialog for these rows; without it (v1, or not wired) there is no "Permissions" button. */
  onEditPermissions?: (rows: readonly RosterRow[]) => void;
}

/**
 * The selection toolbar with what it starts: the question before removing, the progress and the summary of
 * bulk promote, demote and remove.
 */
export function BulkActions({
  token,
  conversationName,
  viewer,
  selected,
  onClear,
  onUnselect,
  onEditPermissions,
}: BulkActionsProps) {
  const bulk = useBulkModeration(token, viewer, onUnselect);
  const [confirming, setConfirming] = useState<readonly RosterRow[] | null>(null);
  const applicable = useMemo(() => applicableRows(selected, viewer), [selected, viewer]);
  const busy = bulk.state.phase === 'running';

  function onAction(action: RosterAction) {
    if (busy || applicable[action].length === 0) return;
    if (action === 'remove') setConfirming(selected);
    else void bulk.run(action, selected);
  }

  function decideRemoval(confirmed: boolean) {
    const rows = confirming;
    setConfirming(null);
    if (confirmed && rows) void bulk.run('remove', rows);
  }

  const removable = confirming ? applicableRows(confirming, viewer).remove : [];
  const guests = removable.filter((row) => !canRestoreRemoval(row.participant)).length;

  return (
    <>
      {selected.length > 0 && (
        <SelectionToolbar
          count={selected.length}
          applicable={{
            promote: applicable.promote.length,
            demote: applicable.demote.length,
            remove: applicable.remove.length,
          }}
          busy={busy}
          onAction={onAction}
          onEditPermissions={onEditPermissions && (() => onEditPermissions(selected))}
          onClear={onClear}
        />
      )}
      <BulkStatus state={bulk.state} onCancel={bulk.cancel} />
      <ConfirmDialog
        open={confirming !== null}
        title={`Remove ${participants(removable.length)}?`}
        confirmLabel="Remove"
        onDecision={decideRemoval}
      >
        <p>
          {removable.length === 1 ? removable[0]?.name : `These ${participants(removable.length)}`} will no longer be
          {removable.length === 1 ? ' a participant' : ' participants'} of “{conversationName}”.
          {confirming && removable.length < confirming.length
            ? ` ${participants(confirming.length - removable.length)} of the selected cannot be removed and will be skipped.`
            : ''}
        </p>
        {guests > 0 && (
          <p>
            {guests === 1 ? 'One of them is a guest' : `${guests} of them are guests`}: removing a guest cannot be undone,
            they cannot be added back.
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
