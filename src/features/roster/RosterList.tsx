import {
  memo,
  useCallback,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
} from 'react';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { MenuTrigger, useMenuHost } from '../../components/ui';
import {
  ACTION_LABELS,
  isViewer,
  rosterActions,
  type RosterAction,
  type RosterRow,
  type RosterViewer,
} from './roster-rows';
import { useRowsPaintedMark } from './perf-marks';

/** Every row has this height (CSS agrees): no measuring, and the scroll height is known for any count. */
export const ROSTER_ROW_HEIGHT = 64;
/** Rows rendered beyond each edge. More made every jump costlier (6: a scroll frame took 26–42 ms of CPU, 3: 20–33). */
const OVERSCAN = 3;

export type RosterActionHandler = (row: RosterRow, action: RosterAction, button: HTMLElement | null) => void;

type OpenRowMenu = (row: RosterRow, anchor: HTMLButtonElement, focus: 'first' | 'last') => void;

export interface RosterListProps {
  rows: readonly RosterRow[];
  viewer: RosterViewer;
  /** The row a moderation call is changing right now. */
  busyKey: string | null;
  /** Must be stable (the rows are memoised on it). */
  onAction: RosterActionHandler;
  /** The list's accessible name. */
  label: string;
}

interface ActiveRow {
  key: string;
  /** Where it was, so that focus stays near when the row itself goes (removed, filtered out). */
  index: number;
}

const estimateSize = () => ROSTER_ROW_HEIGHT;

/**
 * The virtualised roster: only the rows on screen (and a few around them) are in the DOM, so 100,000
 * participants cost what 30 do, and avatars load only for those rows.
 *
 * Keyboard: the list is one tab stop (the active row, roving tabindex); ArrowUp/ArrowDown/Home/End/PageUp/
 * PageDown move between rows, scrolling the virtualiser to the row before focusing it. The active row is
 * always rendered, even when scrolled away, so focus is never lost to an unmounted row. Tab from a row
 * reaches its actions button. Items carry aria-setsize/aria-posinset since most are not in the DOM.
 */
export const RosterList = memo(function RosterList({ rows, viewer, busyKey, onAction, label }: RosterListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  /** A row to focus once it is rendered (after a keyboard move). */
  const pendingFocusRef = useRef<string | null>(null);
  /** The row that had focus, while focus is in the list: if that row goes, focus moves to its neighbour. */
  const focusedKeyRef = useRef<string | null>(null);
  const [active, setActive] = useState<ActiveRow | null>(null);
  // One menu for all rows: a row is then a few plain elements, cheap to mount while scrolling.
  const menuHost = useMenuHost();
  const latest = useRef({ viewer, onAction, show: menuHost.show });
  useLayoutEffect(() => {
    latest.current = { viewer, onAction, show: menuHost.show };
  });
  // Stable, so opening a menu re-renders no row but the one whose button says it is expanded.
  const openMenu = useCallback<OpenRowMenu>((row, anchor, focus) => {
    const { viewer: currentViewer, onAction: act, show } = latest.current;
    show({
      id: row.key,
      anchor,
      focus,
      label: `Actions for ${row.name}`,
      items: rosterActions(row, currentViewer).map((action) => ({
        id: action,
        label: ACTION_LABELS[action],
        tone: action === 'remove' ? 'danger' : 'default',
        onSelect: () => act(row, action, anchor),
      })),
    });
  }, []);

  const activeIndex = useMemo(() => {
    if (rows.length === 0) return -1;
    if (!active) return 0;
    // Once per change of rows or of the active row, not per scroll frame.
    const index = rows[active.index]?.key === active.key ? active.index : rows.findIndex((row) => row.key === active.key);
    return index !== -1 ? index : Math.min(active.index, rows.length - 1);
  }, [rows, active]);

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      const first = indexes[0];
      const last = indexes[indexes.length - 1];
      if (activeIndex < 0 || activeIndex >= range.count || first === undefined || last === undefined) return indexes;
      if (activeIndex < first) return [activeIndex, ...indexes];
      if (activeIndex > last) return [...indexes, activeIndex];
      return indexes;
    },
    [activeIndex],
  );

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    // No getItemKey: the virtualiser keys by index. It would only use keys to remember measured sizes, and rows
    // are never measured; asking for 100,000 keys each time the search changes the count cost ~5 ms a keystroke.
    // React gets the participant's key below.
    rangeExtractor,
    overscan: OVERSCAN,
    // Before the scroll element is measured (and where there is no layout, as in tests), assume a screenful.
    initialRect: { width: 360, height: 10 * ROSTER_ROW_HEIGHT },
  });

  // A removed row took focus with it (the browser drops it on the body): give it to the row now in its place.
  useLayoutEffect(() => {
    const focusedKey = focusedKeyRef.current;
    if (focusedKey === null || activeIndex < 0) return;
    const focusIsLost = document.activeElement === null || document.activeElement === document.body;
    if (focusIsLost && rows[activeIndex]?.key !== focusedKey && !rows.some((row) => row.key === focusedKey)) {
      pendingFocusRef.current = rows[activeIndex]?.key ?? null;
    }
  }, [rows, activeIndex]);

  useLayoutEffect(() => {
    const key = pendingFocusRef.current;
    if (key === null || activeIndex < 0) return;
    if (rows[activeIndex]?.key !== key) {
      pendingFocusRef.current = null;
      return;
    }
    const element = listRef.current?.querySelector<HTMLElement>(`li[data-index="${activeIndex}"]`);
    if (element) {
      pendingFocusRef.current = null;
      // The virtualiser already scrolled the row into view of the list; the browser must not scroll again on
      // its own. The list may itself reach below the window, though: scroll the page just enough to show the row.
      element.focus({ preventScroll: true });
      element.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  });

  function moveTo(index: number) {
    const row = rows[index];
    if (!row) return;
    virtualizer.scrollToIndex(index, { align: 'auto' });
    pendingFocusRef.current = row.key;
    setActive({ key: row.key, index });
  }

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    // Keys pressed on the actions button belong to the button (ArrowDown opens its menu).
    const target = event.target as HTMLElement;
    if (target.tagName !== 'LI' || target.dataset.index === undefined || activeIndex < 0) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const last = rows.length - 1;
    const visibleRows = Math.floor((scrollRef.current?.clientHeight ?? 0) / ROSTER_ROW_HEIGHT);
    const page = Math.max(1, visibleRows - 1);
    let next: number;
    switch (event.key) {
      case 'ArrowDown':
        next = Math.min(activeIndex + 1, last);
        break;
      case 'ArrowUp':
        next = Math.max(activeIndex - 1, 0);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = last;
        break;
      case 'PageDown':
        next = Math.min(activeIndex + page, last);
        break;
      case 'PageUp':
        next = Math.max(activeIndex - page, 0);
        break;
      default:
        return;
    }
    event.preventDefault();
    moveTo(next);
  }

  function onFocus(event: FocusEvent<HTMLUListElement>) {
    // A click on a row or its button makes that row the list's tab stop.
    const item = (event.target as HTMLElement).closest<HTMLElement>('li[data-index]');
    const index = Number(item?.dataset.index);
    const row = rows[index];
    if (!row) return;
    focusedKeyRef.current = row.key;
    if (active?.key === row.key && active.index === index) return;
    setActive({ key: row.key, index });
  }

  function onBlur(event: FocusEvent<HTMLUListElement>) {
    // Focus went somewhere else on purpose; a removed row gives no related target, and is handled above.
    const next = event.relatedTarget;
    if (next instanceof Node && !event.currentTarget.contains(next)) focusedKeyRef.current = null;
  }

  useRowsPaintedMark(rows.length > 0); // for `npm run bench` (perf-marks.ts)
  const setSize = rows.length;

  return (
    <div ref={scrollRef} className="roster-scroller">
      {/* A list, as the UI contract says; its rows are focusable for keyboard navigation (roving tabindex). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions */}
      <ul
        ref={listRef}
        className="roster-list"
        aria-label={label}
        style={{ height: virtualizer.getTotalSize() }}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
        onBlur={onBlur}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <RosterRowView
              key={row.key}
              row={row}
              index={item.index}
              setSize={setSize}
              start={item.start}
              active={item.index === activeIndex}
              busy={row.key === busyKey}
              isSelf={isViewer(row, viewer)}
              hasActions={rosterActions(row, viewer).length > 0}
              menuOpen={row.key === menuHost.openId}
              onOpenMenu={openMenu}
            />
          );
        })}
      </ul>
      {menuHost.menu}
    </div>
  );
});

interface RosterRowViewProps {
  row: RosterRow;
  index: number;
  setSize: number;
  start: number;
  active: boolean;
  busy: boolean;
  isSelf: boolean;
  hasActions: boolean;
  menuOpen: boolean;
  onOpenMenu: OpenRowMenu;
}

/** One participant. Memoised: with the same row object and place it does not render again. */
const RosterRowView = memo(function RosterRowView({
  row,
  index,
  setSize,
  start,
  active,
  busy,
  isSelf,
  hasActions,
  menuOpen,
  onOpenMenu,
}: RosterRowViewProps) {
  const isPerson = row.participant.kind !== 'group' && row.participant.kind !== 'circle';

  return (
    <li
      data-index={index}
      className="roster-row"
      // Roving tabindex: the rows are how the keyboard moves through the list.
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={active ? 0 : -1}
      aria-setsize={setSize}
      aria-posinset={index + 1}
      aria-busy={busy || undefined}
      style={{ transform: `translateY(${start}px)` }}
    >
      {row.avatarUrl ? (
        <img className="roster-avatar" src={row.avatarUrl} alt="" width={40} height={40} loading="lazy" decoding="async" />
      ) : (
        <span className="roster-avatar roster-avatar--placeholder" aria-hidden="true">
          {row.name.trim().charAt(0).toUpperCase() || '?'}
        </span>
      )}
      <div className="roster-main">
        <span className="roster-name">
          <span className="roster-name-text">{row.name}</span>
          {isSelf && <span className="tag">You</span>}
        </span>
        <span className="roster-details">
          <span className="roster-role">{row.roleLabel}</span>
          {row.kindLabel && <span>{row.kindLabel}</span>}
          {isPerson && (
            <span className={row.online ? 'roster-presence roster-presence--online' : 'roster-presence'}>
              {row.online ? 'Online' : 'Offline'}
            </span>
          )}
          {row.inCall && <span className="tag tag--call">In call</span>}
          {row.status && (
            <span className="roster-status">
              {[row.status.icon, row.status.label, row.status.message].filter(Boolean).join(' ')}
            </span>
          )}
        </span>
      </div>
      {busy && <span className="roster-busy">Saving…</span>}
      {hasActions && (
        <MenuTrigger
          label={`Actions for ${row.name}`}
          expanded={menuOpen}
          onOpen={(anchor, focus) => onOpenMenu(row, anchor, focus)}
          tabIndex={active ? 0 : -1}
          className="roster-actions"
        />
      )}
    </li>
  );
});
