/**
 * The words of bulk actions: progress, why a selected row was skipped, the summary at the end. Refusals from
 * the server are worded by the app's error map (useDescribeError); these are the cases decided before asking.
 */
import type { BulkAction } from './roster-selection';
import type { RosterRow } from './roster-rows';
import type { ReasonCount } from './bulk-run';

const numberFormat = new Intl.NumberFormat('en');
const count = (n: number) => numberFormat.format(n);
export const participants = (n: number) => `${count(n)} ${n === 1 ? 'participant' : 'participants'}`;

const VERBS: Record<BulkAction, { progress: string; past: string; bare: string }> = {
  promote: { progress: 'Promoting', past: 'Promoted', bare: 'promoted' },
  demote: { progress: 'Demoting', past: 'Demoted', bare: 'demoted' },
  remove: { progress: 'Removing', past: 'Removed', bare: 'removed' },
  'let-in': { progress: 'Letting in', past: 'Let in', bare: 'let in' },
  permissions: { progress: 'Changing the permissions of', past: 'Changed the permissions of', bare: 'given these permissions' },
};

/** "Removing 40 of 120…": how many requests have settled, of those the action applies to. */
export function progressText(action: BulkAction, settled: number, total: number): string {
  return `${VERBS[action].progress} ${count(settled)} of ${count(total)}…`;
}

/** Why the toolbar's button for `action` is off: none of the selected qualifies. */
export function noneApplicableText(action: BulkAction): string {
  return `None of the selected can be ${VERBS[action].bare}.`;
}

/** Why `action` does not apply to `row`, which `rosterActions` left it out for. */
export function skipReason(action: BulkAction, row: RosterRow): string {
  const { participant } = row;
  if (action === 'let-in' || action === 'permissions') {
    if (row.isModerator) return 'Moderators always have every permission.';
    if (participant.kind === 'group' || participant.kind === 'circle') return 'Groups and circles have no permissions of their own.';
    if (action === 'let-in') return 'Not waiting in the lobby.';
  }
  if (participant.role === 'owner') {
    return action === 'remove' ? 'The owner cannot be removed.' : 'The owner is always a moderator.';
  }
  if (!row.addressable) return 'Guests who have not joined yet cannot be changed.';
  if (action === 'promote') {
    if (row.isModerator) return 'Already a moderator.';
    return 'Groups and circles cannot be moderators.';
  }
  if (action === 'demote') return 'Not a moderator.';
  return 'Cannot be removed.';
}

export interface BulkSummary {
  /** "Removed 3 of 5 selected." */
  headline: string;
  /** One line per kind of reason: skipped, refused, not started. */
  details: string[];
}

export function bulkSummary(
  action: BulkAction,
  outcome: { selected: number; done: number; skipped: ReasonCount[]; refused: ReasonCount[]; notStarted: number },
): BulkSummary {
  const details = [
    ...outcome.skipped.map(({ reason, count: n }) => `Skipped ${count(n)}: ${reason}`),
    ...outcome.refused.map(({ reason, count: n }) => `Not ${VERBS[action].bare}, ${count(n)}: ${reason}`),
  ];
  if (outcome.notStarted > 0) details.push(`Cancelled: ${participants(outcome.notStarted)} left as they were.`);
  return { headline: `${VERBS[action].past} ${count(outcome.done)} of ${count(outcome.selected)} selected.`, details };
}
