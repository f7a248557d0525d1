/** Dumb accessible primitives. They know nothing of Talk or of the app's data; callers pass words and handlers. */
export { ActionMenu, type ActionMenuItem, type ActionMenuProps } from './ActionMenu';
export { ConfirmDialog, type ConfirmDialogProps } from './ConfirmDialog';
export { Dialog, type DialogProps } from './Dialog';
export { MenuTrigger, useMenuHost, type MenuHost, type MenuRequest, type MenuTriggerProps } from './MenuHost';
export { Switch, type SwitchProps } from './Switch';
