import { useMemo, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Dialog } from '../../components/ui';
import { useTalkClient, type Conversation } from '../../lib/api';
import { useDescribeError } from '../../lib/describe-error';
import { RichMessage, useI18n } from '../../lib/i18n';
import { toBanRows, type BanRow } from './ban-rows';
import { rosterQueries } from './queries';
import { useUnban } from './useBanParticipant';
import './roster.css';

/** Where bans exist in Talk: group and public conversations. */
export function conversationHasBans(conversation: Pick<Conversation, 'type'>): boolean {
  return conversation.type === 'group' || conversation.type === 'public';
}

export interface BansProps {
  conversation: Conversation;
}

/**
 * The room's "Bans" button and its "Banned" dialog: who is banned, by whom, when and why, with "Unban NAME" for
 * each. Only for moderators, on servers with bans (`ban-v1`), in conversations that have them; otherwise nothing.
 */
export function Bans({ conversation }: BansProps) {
  const talk = useTalkClient();
  const { data: api } = useQuery(rosterQueries.api(talk));
  const supported = api?.supportsBans ?? false;
  const [open, setOpen] = useState(false);
  const { t } = useI18n();
  if (!supported || !conversation.canModerate || !conversationHasBans(conversation)) return null;

  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        {t('roster.bans.button')}
      </button>
      {open && <BansDialog token={conversation.token} onClose={() => setOpen(false)} />}
    </>
  );
}

function BansDialog({ token, onClose }: { token: string; onClose: () => void }) {
  const talk = useTalkClient();
  const describeError = useDescribeError();
  const bans = useQuery(rosterQueries.bans(talk, token));
  const unban = useUnban(token);
  const { t, date } = useI18n();
  // The rows hold the kind and the moment in words: they follow a change of language.
  const rows = useMemo(() => toBanRows(bans.data ?? [], { t, date }), [bans.data, t, date]);

  let content: ReactNode;
  if (bans.data === undefined && bans.isError) {
    content = (
      <p role="alert" className="alert">
        {describeError(bans.error, { action: 'list-bans' })}
      </p>
    );
  } else if (bans.data === undefined) {
    content = <p role="status">{t('roster.bans.loading')}</p>;
  } else if (rows.length === 0) {
    content = <p>{t('roster.bans.none')}</p>;
  } else {
    content = (
      <ul className="bans-list" aria-label={t('roster.bans.list')}>
        {rows.map((row) => (
          <BanItem key={row.id} row={row} busy={unban.pendingId === row.id} onUnban={() => unban.run(row.ban)} />
        ))}
      </ul>
    );
  }

  return (
    <Dialog open onClose={onClose} title={t('roster.bans.title')} className="bans-dialog">
      <div className="ui-dialog-body">{content}</div>
      <p role="status" className="status-text">
        {unban.status}
      </p>
      {unban.error && (
        <p role="alert" className="alert">
          {unban.error}
        </p>
      )}
      <div className="ui-dialog-actions">
        <button type="button" onClick={onClose}>
          {t('ui.close')}
        </button>
      </div>
    </Dialog>
  );
}

function BanItem({ row, busy, onUnban }: { row: BanRow; busy: boolean; onUnban: () => void }) {
  const { t } = useI18n();
  return (
    <li className="bans-item" aria-busy={busy || undefined}>
      <div className="bans-main">
        <span className="bans-name">{row.name}</span>
        {row.kindLabel && <span className="tag">{row.kindLabel}</span>}
        <span className="bans-by">
          <RichMessage
            id="roster.bans.bannedBy"
            values={{ name: row.bannedBy, when: row.bannedAtText }}
            components={{ 0: <time dateTime={row.bannedAtIso} /> }}
          />
        </span>
        <p className="bans-note">{row.note ?? t('roster.bans.noNote')}</p>
      </div>
      <button type="button" onClick={onUnban} disabled={busy}>
        {t('roster.bans.unban', { name: row.name })}
      </button>
    </li>
  );
}
