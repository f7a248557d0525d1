/**
 * The permissions a person can grant or take, in the order and words of the permission dialogs (roster and
 * conversation defaults alike). Custom is not among them: Talk sets it by itself for any chosen set.
 */
import { ALL_PERMISSIONS, Permission } from './api';

export interface PermissionChoice {
  bit: number;
  label: string;
}

export const PERMISSION_CHOICES: readonly PermissionChoice[] = [
  { bit: Permission.StartCall, label: 'Start a call' },
  { bit: Permission.JoinCall, label: 'Join a call' },
  { bit: Permission.SkipLobby, label: 'Skip the lobby' },
  { bit: Permission.PublishAudio, label: 'Publish audio' },
  { bit: Permission.PublishVideo, label: 'Publish video' },
  { bit: Permission.ShareScreen, label: 'Share the screen' },
  { bit: Permission.Chat, label: 'Send messages' },
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
