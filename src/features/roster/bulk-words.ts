/**
 * The words of bulk actions: progress, why a selected row was skipped, the summary at the end. Refusals from
 * the server are worded by the app's error map (useDescribeError); these are the cases decided before asking.
 * Made when they are shown, so they are in the language of that moment.
 */
import { translate, type MessageKey } from '../../lib/i18n';
import type { BulkAction } from './roster-selection';
import type { RosterRow } from './roster-rows';
import type { ReasonCount } from './bulk-run';

/** "3 participants", in the UI's language. */
export const participants = (n: number) => translate('roster.participants', { count: n });

/** The catalogue's name for each action, where ids are spelled in camel case. */
const ACTION_KEYS = {
  promote: 'promote',
  demote: 'demote',
  remove: 'remove',
  'let-in': 'letIn',
  permissions: 'permissions',
} as const satisfies Record<BulkAction, string>;

type ActionKey = (typeof ACTION_KEYS)[BulkAction];
const key = <Prefix extends string>(prefix: Prefix, action: BulkAction) => `${prefix}.${ACTION_KEYS[action] as ActionKey}` as const;

/** "Removing 40 of 120…": how many requests have settled, of those the action applies to. */
export function progressText(action: BulkAction, settled: number, total: number): string {
  return translate(key('roster.bulk.progress', action) satisfies MessageKey, { settled, total });
}

/** Why the toolbar's button for `action` is off: none of the selected qualifies. */
export function noneApplicableText(action: BulkAction): string {
  return translate(key('roster.bulk.noneApplicable', action) satisfies MessageKey);
}

/** Why `action` does not apply to `row`, which `rosterActions` left it out for. */
export function skipReason(action: BulkAction, row: RosterRow): string {
  const { participant } = row;
  if (action === 'let-in' || action === 'permissions') {
    if (row.isModerator) return translate('roster.skip.moderatorPermissions');
    if (participant.kind === 'group' || participant.kind === 'circle') return translate('roster.skip.noOwnPermissions');
    if (action === 'let-in') return translate('roster.skip.notInLobby');
  }
  if (participant.role === 'owner') {
    return translate(action === 'remove' ? 'roster.skip.ownerRemove' : 'roster.skip.ownerModerator');
  }
  if (!row.addressable) return translate('roster.skip.notJoined');
  if (action === 'promote') {
    if (row.isModerator) return translate('roster.skip.alreadyModerator');
    return translate('roster.skip.noModeratorRole');
  }
  if (action === 'demote') return translate('roster.skip.notModerator');
  return translate('roster.skip.cannotRemove');
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
    ...outcome.skipped.map(({ reason, count }) => translate('roster.bulk.skipped', { count, reason })),
    ...outcome.refused.map(({ reason, count }) => translate(key('roster.bulk.refused', action) satisfies MessageKey, { count, reason })),
  ];
  if (outcome.notStarted > 0) details.push(translate('roster.bulk.notStarted', { count: outcome.notStarted }));
  return {
    headline: translate(key('roster.bulk.headline', action) satisfies MessageKey, { done: outcome.done, selected: outcome.selected }),
    details,
  };
}
