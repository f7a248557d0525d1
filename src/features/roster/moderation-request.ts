/** Promote, demote and remove as requests and refusals in words: one place for the single and the bulk actions. */
import {
  demoteParticipant,
  promoteParticipant,
  removeParticipant,
  type ParticipantRef,
  type TalkClient,
} from '../../lib/api';
import type { DescribeError } from '../../lib/describe-error';
import { isViewer, type ModerationAction, type RosterRow, type RosterViewer } from './roster-rows';

export function sendModeration(
  talk: TalkClient,
  token: string,
  action: ModerationAction,
  participant: ParticipantRef,
): Promise<void> {
  switch (action) {
    case 'promote':
      return promoteParticipant(talk, token, participant);
    case 'demote':
      return demoteParticipant(talk, token, participant);
    case 'remove':
      return removeParticipant(talk, token, participant);
  }
}

const ERROR_ACTIONS = {
  promote: 'promote-participant',
  demote: 'demote-participant',
  remove: 'remove-participant',
} as const;

/** Why the server refused `action` on `row`, in words ("The owner cannot be removed."). */
export function describeModerationRefusal(
  describeError: DescribeError,
  action: ModerationAction,
  row: RosterRow,
  viewer: RosterViewer,
  error: unknown,
): string {
  return describeError(error, {
    action: ERROR_ACTIONS[action],
    participant: { name: row.name, role: row.participant.role, isSelf: isViewer(row, viewer) },
  });
}
