/**
 * The permissions a person can grant or take, in the order and words of the permission dialogs (roster and
 * conversation defaults alike). Custom is not among them: Talk sets it by itself for any chosen set.
 */
import { ALL_PERMISSIONS, Permission } from './api';
import { translate, type MessageKey } from './i18n';

export interface PermissionChoice {
  bit: number;
  /** In the current language whenever it is read. */
  readonly label: string;
}

function choice(bit: number, labelKey: MessageKey): PermissionChoice {
  return {
    bit,
    get label() {
      return translate(labelKey);
    },
  };
}

export const PERMISSION_CHOICES: readonly PermissionChoice[] = [
  choice(Permission.StartCall, 'labels.permission.startCall'),
  choice(Permission.JoinCall, 'labels.permission.joinCall'),
  choice(Permission.SkipLobby, 'labels.permission.skipLobby'),
  choice(Permission.PublishAudio, 'labels.permission.publishAudio'),
  choice(Permission.PublishVideo, 'labels.permission.publishVideo'),
  choice(Permission.ShareScreen, 'labels.permission.shareScreen'),
  choice(Permission.Chat, 'labels.permission.chat'),
];

/**
 * What members get on a Talk server whose administrator changed nothing (Talk's PERMISSIONS_MAX_DEFAULT without
 * "skip the lobby"), shown when a conversation follows the server's default (0) and the server does not say more.
 */
export const TALK_SERVER_DEFAULT = ALL_PERMISSIONS & ~Permission.SkipLobby;

/** The bits of the choices that `permissions` grants (Custom and unknown bits left out). */
export function chosenBits(permissions: number): number {
  return PERMISSION_CHOICES.reduce((bits, choice) => bits | (permissions & choice.bit), 0);
}
