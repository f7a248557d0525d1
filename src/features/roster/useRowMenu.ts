import { useCallback, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useMenuHost } from '../../components/ui';
import { translate } from '../../lib/i18n';
import { ACTION_LABELS, rosterActions, type RosterAction, type RosterRow, type RosterViewer } from './roster-rows';
import type { OpenRowMenu } from './RosterRowView';

export type RosterActionHandler = (row: RosterRow, action: RosterAction, button: HTMLElement | null) => void;

export interface RowMenu {
  /** Stable: opening a menu re-renders no row but the one whose button says it is expanded. */
  openMenu: OpenRowMenu;
  /** The key of the row whose menu is open; null when closed. */
  openKey: string | null;
  /** Render once, anywhere (it goes to a portal). */
  menu: ReactNode;
}

/**
 * One menu for all rows: a row is then a few plain elements, cheap to mount while scrolling. The items are
 * the actions the viewer may take on that row, as they are when the menu opens.
 */
export function useRowMenu(viewer: RosterViewer, onAction: RosterActionHandler): RowMenu {
  const menuHost = useMenuHost();
  // The newest viewer and handler, read when a menu opens, so that `openMenu` never changes.
  const latest = useRef({ viewer, onAction, show: menuHost.show });
  useLayoutEffect(() => {
    latest.current = { viewer, onAction, show: menuHost.show };
  });

  const openMenu = useCallback<OpenRowMenu>((row, anchor, focus) => {
    const { viewer: currentViewer, onAction: act, show } = latest.current;
    show({
      id: row.key,
      anchor,
      focus,
      label: translate('roster.row.actions', { name: row.name }),
      items: rosterActions(row, currentViewer).map((action) => ({
        id: action,
        label: ACTION_LABELS[action],
        tone: action === 'remove' || action === 'ban' ? 'danger' : 'default',
        onSelect: () => act(row, action, anchor),
      })),
    });
  }, []);

  return { openMenu, openKey: menuHost.openId, menu: menuHost.menu };
}
