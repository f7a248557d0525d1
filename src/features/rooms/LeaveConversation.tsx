import { ConfirmDialog } from '../../components/ui';
import { useI18n } from '../../lib/i18n';
import { useLeaveConversation, type LeaveConversationModel } from './useLeaveConversation';
import './rooms.css';

/** The "Leave conversation" button and the confirmation it asks for; refusals are explained in the dialog. */
export function LeaveConversationView(model: LeaveConversationModel) {
  const { t } = useI18n();
  return (
    <>
      <button type="button" onClick={model.requestLeave}>
        {t('rooms.leave.button')}
      </button>
      <ConfirmDialog
        open={model.isConfirming}
        title={t('rooms.leave.title')}
        confirmLabel={t('rooms.leave.confirm')}
        onDecision={model.decide}
      >
        <p>{t('rooms.leave.text')}</p>
        <p role="status" className="status-text">
          {model.isLeaving ? t('rooms.leave.leaving') : ''}
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
