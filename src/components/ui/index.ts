/** Dumb accessible primitives. They know nothing of Talk or of the app's data; callers pass words and handlers. */
export { ConfirmDialog, type ConfirmDialogProps } from './ConfirmDialog';
export { Dialog, type DialogProps } from './Dialog';
export {
  MenuTrigger,
  useMenuHost,
  type ActionMenuItem,
  type MenuHost,
  type MenuRequest,
  type MenuTriggerProps,
} from './MenuHost';
export { CheckboxList, type CheckboxListProps, type CheckboxOption } from './CheckboxList';
export { Switch, type SwitchProps } from './Switch';
export { NoticeStack, type NoticeStackProps } from './NoticeStack';
export { CloseIcon, MoreIcon } from './icons';
