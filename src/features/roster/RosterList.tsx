import { memo, useCallback, useRef } from 'react';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { isInLobby } from './permission-actions';
import { isViewer, rosterActions, type RosterRow, type RosterViewer } from './roster-rows';
import { isSelected, NO_SELECTION, type Selection } from './roster-selection';
import { useRowsPaintedMark } from './perf-marks';
import { RosterRowView } from './RosterRowView';
import { useRovingFocus } from './useRovingFocus';
import { useRowMenu, type RosterActionHandler } from './useRowMenu';

export type { RosterActionHandler } from './useRowMenu';

/** Every row has this height (CSS agrees): no measuring, and the scroll height is known for any count. */
export const ROSTER_ROW_HEIGHT = 64;
/** Rows rendered beyond each edge. More made every jump costlier (6: a scroll frame took 26–42 ms of CPU, 3: 20–33). */
const OVERSCAN = 3;

export interface RosterListProps {
  rows: readonly RosterRow[];
  viewer: RosterViewer;
  /** The row a moderation call is changing right now. */
  busyKey: string | null;
  /** Must be stable (the rows are memoised on it). */
  onAction: RosterActionHandler;
  /** The list's accessible name. */
  label: string;
  /** What is selected; with `onToggleSelect`, every row but the viewer's own has a checkbox. */
  selection?: Selection;
  /** Must be stable (the rows are memoised on it). */
  onToggleSelect?: (row: RosterRow, on: boolean) => void;
}

const estimateSize = () => ROSTER_ROW_HEIGHT;

/**
 * The virtualised roster: only the rows on screen (and a few around them) are in the DOM, so 100,000
 * participants cost what 30 do, and avatars load only for those rows.
 *
 * Keyboard (useRovingFocus): the list is one tab stop, arrows and Home/End/PageUp/PageDown move between rows,
 * Tab from a row reaches its actions button. The active row is always rendered, even when scrolled away, so
 * focus is never lost to an unmounted row. Items carry aria-setsize/aria-posinset since most are not in the DOM.
 */
export const RosterList = memo(function RosterList({
  rows,
  viewer,
  busyKey,
  onAction,
  label,
  selection = NO_SELECTION,
  onToggleSelect,
}: RosterListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const rowMenu = useRowMenu(viewer, onAction);

  const { activeIndex, listProps } = useRovingFocus({
    rows,
    listRef,
    // Only called from key presses, once the virtualiser below exists.
    scrollToIndex: (index) => virtualizer.scrollToIndex(index, { align: 'auto' }),
    visibleRowCount: () => Math.floor((scrollRef.current?.clientHeight ?? 0) / ROSTER_ROW_HEIGHT),
  });

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

  useRowsPaintedMark(rows.length > 0); // for `npm run bench` (perf-marks.ts)
  const setSize = rows.length;

  return (
    <div ref={scrollRef} className="roster-scroller">
      {/* A list named "Participants", by which assistive technology and the tests find it; its rows are
          focusable for keyboard navigation (roving tabindex). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions */}
      <ul
        ref={listRef}
        className="roster-list"
        aria-label={label}
        style={{ height: virtualizer.getTotalSize() }}
        onKeyDown={listProps.onKeyDown}
        onFocus={listProps.onFocus}
        onBlur={listProps.onBlur}
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
              inLobby={isInLobby(row, viewer)}
              selected={isSelected(selection, row)}
              onToggleSelect={isViewer(row, viewer) ? undefined : onToggleSelect}
              hasActions={rosterActions(row, viewer).length > 0}
              menuOpen={row.key === rowMenu.openKey}
              onOpenMenu={rowMenu.openMenu}
            />
          );
        })}
      </ul>
      {rowMenu.menu}
    </div>
  );
});
