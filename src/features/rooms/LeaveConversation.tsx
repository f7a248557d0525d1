import { ConfirmDialog } from '../../components/ui';
import { useLeaveConversation, type LeaveConversationModel } from './useLeaveConversation';
import './rooms.css';

/** The "Leave conversation" button and the confirmation it asks for; refusals are explained in the dialog. */
export function LeaveConversationView(model: LeaveConversationModel) {
  return (
    <>
      <button type="button" onClick={model.requestLeave}>
        Leave conversation
      </button>
      <ConfirmDialog
        open={model.isConfirming}
        title="Leave this conversation?"
        confirmLabel="Leave"
        onDecision={model.decide}
      >
        <p>You will no longer see it in your conversations. A moderator can add you again.</p>
        <p role="status" className="status-text">
          {model.isLeaving ? 'Leaving…' : ''}
        </p>
        {model.errorMessage && (
          <p className="alert" role="alert">
            {model.errorMessage}
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}

/** "Leave conversation" for one conversation, for the roster page. */
export function LeaveConversation({ token }: { token: string }) {
  return <LeaveConversationView {...useLeaveConversation(token)} />;
}
