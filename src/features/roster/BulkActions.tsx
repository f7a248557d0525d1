import { useMemo, useState } from 'react';
import { ConfirmDialog } from '../../components/ui';
import { useI18n } from '../../lib/i18n';
import { BulkStatus } from './BulkStatus';
import { canRestoreRemoval } from './restore';
import { PermissionsDialog, type PermissionsDecision } from './PermissionsDialog';
import type { RosterRow, RosterViewer } from './roster-rows';
import { applicableCounts, applicableRows, type BulkAction } from './roster-selection';
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
}

/** Permissions and "Let in" only for moderators on servers with permissions; "Let in" only while the lobby is on. */
function offeredActions(viewer: RosterViewer): ReadonlySet<BulkAction> {
  const offered = new Set<BulkAction>(['promote', 'demote', 'remove']);
  if (viewer.managesPermissions) {
    offered.add('permissions');
    if (viewer.lobbyEnabled) offered.add('let-in');
  }
  return offered;
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
}: BulkActionsProps) {
  const { t } = useI18n();
  const bulk = useBulkModeration(token, viewer, onUnselect);
  const [confirming, setConfirming] = useState<readonly RosterRow[] | null>(null);
  // Whom the permissions dialog is about; `id` gives each opening a fresh dialog (boxes from their permissions).
  // It stays mounted after the answer (`asking` false) so that the dialog can hand the focus back as it closes.
  const [editing, setEditing] = useState<{ id: number; rows: readonly RosterRow[]; asking: boolean } | null>(null);
  const applicable = useMemo(() => applicableCounts(selected, viewer), [selected, viewer]);
  const busy = bulk.state.phase === 'running';

  const offered = useMemo(() => offeredActions(viewer), [viewer]);

  function onAction(action: BulkAction) {
    if (busy || applicable[action] === 0) return;
    if (action === 'remove') setConfirming(selected);
    else if (action === 'permissions') setEditing((previous) => ({ id: (previous?.id ?? 0) + 1, rows: applicableRows(selected, viewer).permissions, asking: true }));
    else void bulk.run(action, selected);
  }

  function decidePermissions(decision: PermissionsDecision) {
    if (!editing?.asking) return;
    setEditing({ ...editing, asking: false });
    if (decision.kind === 'set') void bulk.run('permissions', editing.rows, { kind: 'set', permissions: decision.permissions });
    else if (decision.kind === 'reset') void bulk.run('permissions', editing.rows, { kind: 'reset' });
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
          applicable={applicable}
          offered={offered}
          busy={busy}
          onAction={onAction}
          onClear={onClear}
        />
      )}
      <BulkStatus state={bulk.state} onCancel={bulk.cancel} />
      {editing && (
        <PermissionsDialog
          key={editing.id}
          open={editing.asking}
          targets={editing.rows.map((row) => ({
            name: row.name,
            permissions: row.participant.permissions ?? 0,
            isModerator: row.isModerator,
          }))}
          onDecision={decidePermissions}
        />
      )}
      <ConfirmDialog
        open={confirming !== null}
        title={t('roster.bulk.removeTitle', { count: removable.length })}
        confirmLabel={t('roster.remove.confirm')}
        onDecision={decideRemoval}
      >
        <p>
          {t('roster.bulk.removeText', { count: removable.length, name: removable[0]?.name, conversation: conversationName })}
          {confirming && removable.length < confirming.length
            ? ` ${t('roster.bulk.removeSkipped', { count: confirming.length - removable.length })}`
            : ''}
        </p>
        {guests > 0 && <p>{t('roster.bulk.removeGuests', { guests })}</p>}
      </ConfirmDialog>
    </>
  );
}
