import { PageTitle } from '../../lib/theme';
import { lazy, Suspense, useDeferredValue, useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../lib/i18n';
import type { ConversationRow } from './conversation-rows';
import { useConversationList } from './useConversationList';
import { useNewConversation } from './useNewConversation';
import './rooms.css';

// The dialog (and Ariakit with it) is its own chunk, fetched on first use: it stays out of the initial JavaScript.
const NewConversationDialog = lazy(() =>
  import('./NewConversationDialog').then((module) => ({ default: module.NewConversationDialog })),
);

export function ConversationsPage() {
  const [search, setSearch] = useState('');
  // Typing stays responsive while a long list re-filters.
  const deferredSearch = useDeferredValue(search);
  const list = useConversationList(deferredSearch);
  const newConversation = useNewConversation();
  // Once loaded the dialog stays mounted, so it can close itself properly (focus goes back to the button).
  const [hasOpenedDialog, setHasOpenedDialog] = useState(false);
  const headingId = useId();
  const searchId = useId();
  const { t } = useI18n();

  return (
    <section aria-labelledby={headingId}>
      <PageTitle>{t('rooms.heading')}</PageTitle>
      <div className="page-heading">
        <h1 id={headingId}>{t('rooms.heading')}</h1>
        <button
          type="button"
          className="button-primary"
          onClick={() => {
            setHasOpenedDialog(true);
            newConversation.open();
          }}
        >
          {t('rooms.new')}
        </button>
      </div>
      {hasOpenedDialog && (
        <Suspense fallback={<p role="status">{t('rooms.opening')}</p>}>
          <NewConversationDialog {...newConversation} />
        </Suspense>
      )}
      <div className="field">
        <label htmlFor={searchId}>{t('rooms.search')}</label>
        <input id={searchId} type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
      </div>
      {list.isLoaded ? (
        <ConversationListView
          rows={list.rows}
          totalCount={list.totalCount}
          search={deferredSearch.trim()}
          labelledBy={headingId}
        />
      ) : (
        <p role="status">{t('rooms.loading')}</p>
      )}
    </section>
  );
}

interface ConversationListViewProps {
  rows: ConversationRow[];
  totalCount: number;
  search: string;
  labelledBy: string;
}

function ConversationListView({ rows, totalCount, search, labelledBy }: ConversationListViewProps) {
  const { t } = useI18n();
  if (totalCount === 0) return <p role="status">{t('rooms.none')}</p>;

  return (
    <>
      {/* Announces how far the search narrowed the list; silent when nothing is searched. */}
      <p role="status" className="list-summary">
        {search === ''
          ? ''
          : rows.length === 0
            ? t('rooms.noMatch', { search })
            : t('rooms.matches', { shown: rows.length, total: totalCount })}
      </p>
      {rows.length > 0 && (
        <ul className="conversation-list" aria-labelledby={labelledBy}>
          {rows.map((row) => (
            <ConversationListItem key={row.token} row={row} />
          ))}
        </ul>
      )}
    </>
  );
}

function ConversationListItem({ row }: { row: ConversationRow }) {
  const { t } = useI18n();
  return (
    <li className="conversation">
      <Link to={row.href} className="conversation-name">
        {row.name}
      </Link>
      <span className="conversation-details">
        <span className="tag">{row.typeLabel}</span>
        {row.badges.map((badge) => (
          <span key={badge} className="tag tag--notice">
            {badge}
          </span>
        ))}
        {row.roleLabel && <span className="conversation-role">{t('rooms.yourRole', { role: row.roleLabel })}</span>}
      </span>
    </li>
  );
}
