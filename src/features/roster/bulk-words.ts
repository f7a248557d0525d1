/**
 * The words of bulk actions: progress, why a selected row was skipped, the summary at the end. Refusals from
 * the server are worded by the app's error map (useDescribeError); these are the cases decided before asking.
 */
import type { RosterAction, RosterRow } from './roster-rows';
import type { ReasonCount } from './bulk-run';

const numberFormat = new Intl.NumberFormat('en');
const count = (n: number) => numberFormat.format(n);
export const participants = (n: number) => `${count(n)} ${n === 1 ? 'participant' : 'participants'}`;

const VERBS: Record<RosterAction, { progress: string; past: string; bare: string }> = {
  promote: { progress: 'Promoting', past: 'Promoted', bare: 'promoted' },
  demote: { progress: 'Demoting', past: 'Demoted', bare: 'demoted' },
  remove: { progress: 'Removing', past: 'Removed', bare: 'removed' },
};

/** "Removing 40 of 120…": how many requests have settled, of those the action applies to. */
export function progressText(action: RosterAction, settled: number, total: number): string {
  return `${VERBS[action].progress} ${count(settled)} of ${count(total)}…`;
}

/** Why the toolbar's button for `action` is off: none of the selected qualifies. */
export function noneApplicableText(action: RosterAction): string {
  return `None of the selected can be ${VERBS[action].bare}.`;
}

/** Why `action` does not apply to `row`, which `rosterActions` left it out for. */
export function skipReason(action: RosterAction, row: RosterRow): string {
  const { participant } = row;
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
  action: RosterAction,
  outcome: { selected: number; done: number; skipped: ReasonCount[]; refused: ReasonCount[]; notStarted: number },
): BulkSummary {
  const details = [
    ...outcome.skipped.map(({ reason, count: n }) => `Skipped ${count(n)}: ${reason}`),
    ...outcome.refused.map(({ reason, count: n }) => `Not ${VERBS[action].bare}, ${count(n)}: ${reason}`),
  ];
  if (outcome.notStarted > 0) details.push(`Cancelled: ${participants(outcome.notStarted)} left as they were.`);
  return { headline: `${VERBS[action].past} ${count(outcome.done)} of ${count(outcome.selected)} selected.`, details };
}
