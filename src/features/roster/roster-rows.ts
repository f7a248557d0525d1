/**
 * The roster's view-model: participants in, rows ready to render out (name, role label, status, avatar, what
 * the viewer may do with each). Pure functions, so the ordering and the rules are tested without React.
 */
import { isBannable, isParticipantAddressable, Permission, type Participant, type ParticipantRole } from '../../lib/api';
import { currentLocale, messageGetters, translate, type MessageKey } from '../../lib/i18n';
import { roleLabelKey } from '../../lib/labels';
import { PERMISSION_ACTION_LABEL_KEYS, permissionActions, type PermissionAction, type PermissionsViewer } from './permission-actions';

/** One line of the roster. Built once per participant object (see `toRosterRow`). */
export interface RosterRow {
  key: string;
  participant: Participant;
  /** What the row shows: the display name, "Guest" for a guest without one. */
  name: string;
  roleLabel: string;
  /** "Group", "Circle", "Email invitee": said for rows that are not a person with an account or a guest. */
  kindLabel: string | null;
  isModerator: boolean;
  /** Guests and email invitees: listed after accounts. */
  isGuest: boolean;
  online: boolean;
  inCall: boolean;
  /**
   * Online but kept out while the lobby is on: not a moderator and without "skip the lobby". Whether the lobby
   * is on belongs to the conversation, so a row says only this; "In the lobby" is both together.
   */
  heldByLobby: boolean;
  status: RosterStatus | null;
  /** The sort group (see `sortRosterRows`), computed once per row rather than once per comparison. */
  rank: number;
  /** What the filters ask about this row, as `RowTrait` bits: one integer test per row and filter pass. */
  traits: number;
  /** The server can be told who is meant (isParticipantAddressable), decided once: bulk actions ask per row. */
  addressable: boolean;
  /**
   * A small number for the key, the same for as long as the page lives: a selection is a bitmap indexed by it
   * (roster-selection.ts), so selecting 100,000 rows sets bytes instead of filling a Set with strings.
   */
  ordinal: number;
  /** The account id of a row that is an account, else null: read for every row by bulk actions (isViewer). */
  accountId: string | null;
  /**
   * Rows of the same role and kind, equally addressable, share a number: what `rosterActions` says differs
   * between them only for the viewer's own row. Bulk actions ask it once per class (roster-selection.ts).
   */
  actionClass: number;
}

const ROLE_CLASSES: Record<ParticipantRole, number> = { owner: 0, moderator: 1, 'guest-moderator': 2, member: 3, guest: 4 };
const KIND_CLASSES: Record<Participant['kind'], number> = { user: 0, guest: 1, email: 2, group: 3, circle: 4, other: 5 };

function actionClassOf(participant: Participant, addressable: boolean): number {
  return (ROLE_CLASSES[participant.role] * 8 + KIND_CLASSES[participant.kind]) * 2 + (addressable ? 1 : 0);
}

const ordinals = new Map<string, number>();

/** The ordinal of a participant key; a key seen for the first time gets the next one. */
export function ordinalOf(key: string): number {
  let ordinal = ordinals.get(key);
  if (ordinal === undefined) {
    ordinal = ordinals.size;
    ordinals.set(key, ordinal);
  }
  return ordinal;
}

/** One more than the highest ordinal given so far: the length a bitmap of every row needs. */
export function ordinalCount(): number {
  return ordinals.size;
}

/**
 * The row's answers to the roster's filters, one bit each (roster-filter.ts). A guest moderator is both a
 * moderator and a guest; members are everyone else (accounts, groups, circles, other kinds).
 */
export const RowTrait = {
  Moderator: 1,
  Member: 2,
  Guest: 4,
  Online: 8,
  InCall: 16,
  HeldByLobby: 32,
} as const;

export interface RosterStatus {
  /** "Away", "Do not disturb"; null when the state adds nothing to "Online"/"Offline". */
  label: string | null;
  icon: string | null;
  message: string | null;
}

/** Who is looking at the roster, which decides the actions on each row. */
export interface RosterViewer extends PermissionsViewer {
  /** The signed-in account id; null when unknown (the viewer's own row then offers nothing risky). */
  id: string | null;
  canModerate: boolean;
  /** The viewer may ban here: a moderator, on a server with bans, in a group or public conversation. */
  canBan?: boolean;
}

export type RosterAction = 'promote' | 'demote' | 'remove' | 'ban' | PermissionAction;

/** The actions ./useModeration runs (permission changes and bans have hooks of their own). */
export type ModerationAction = Exclude<RosterAction, PermissionAction | 'ban'>;

/** The menu's words for each action, in the language of the moment they are read. */
export const ACTION_LABELS: Readonly<Record<RosterAction, string>> = messageGetters({
  promote: 'roster.menu.promote',
  demote: 'roster.menu.demote',
  remove: 'roster.menu.remove',
  ...PERMISSION_ACTION_LABEL_KEYS,
  ban: 'roster.menu.ban',
});

const MODERATOR_ROLES: ReadonlySet<ParticipantRole> = new Set(['owner', 'moderator', 'guest-moderator']);

const KIND_LABELS: Partial<Record<Participant['kind'], MessageKey>> = {
  group: 'roster.kind.group',
  circle: 'roster.kind.circle',
  email: 'roster.kind.email',
};

const STATUS_LABELS: Partial<Record<string, MessageKey>> = {
  away: 'roster.status.away',
  dnd: 'roster.status.dnd',
  busy: 'roster.status.busy',
};

/**
 * The words rows share (roles, kinds, statuses, "Guest"), translated once per language and kept: asking the
 * catalogue for each of 10,000 rows took ~25 ms of a webinar's first paint. Cleared with the row cache.
 */
let sharedWords = new Map<MessageKey, string>();

function sharedMessage(key: MessageKey): string {
  let word = sharedWords.get(key);
  if (word === undefined) sharedWords.set(key, (word = translate(key)));
  return word;
}

function avatarUrl(actorId: string): string {
  return `/index.php/avatar/${encodeURIComponent(actorId)}/64`;
}

/**
 * The picture of a row that is an account, else null. Asked for by rows on screen only: made for each of a
 * webinar's 10,000 rows with the row, it cost its first paint ~7 ms for the ~20 that show.
 */
export function rowAvatarUrl(row: RosterRow): string | null {
  return row.accountId ? avatarUrl(row.accountId) : null;
}

function kindLabelOf(kind: Participant['kind']): string | null {
  const labelKey = KIND_LABELS[kind];
  return labelKey ? sharedMessage(labelKey) : null;
}

function displayNameOf(participant: Participant): string {
  const name = participant.displayName.trim();
  if (name !== '') return participant.displayName;
  // An email invitee without a name is best known by the address they were invited with.
  if (participant.kind === 'email' && participant.actorId !== '') return participant.actorId;
  if (participant.kind === 'guest' || participant.kind === 'email') return sharedMessage('roster.name.guest');
  return participant.actorId !== '' ? participant.actorId : sharedMessage('roster.name.unnamed');
}

function statusOf(participant: Participant): RosterStatus | null {
  const status = participant.status;
  if (!status) return null;
  const labelKey = STATUS_LABELS[status.status];
  const label = labelKey ? sharedMessage(labelKey) : null;
  const icon = status.icon?.trim() || null;
  const message = status.message?.trim() || null;
  if (!label && !icon && !message) return null;
  return { label, icon, message };
}

/** 0 sorts first: online, then in the call, then moderators, then accounts before guests. */
function rankOf(participant: Participant, isModerator: boolean, isGuest: boolean): number {
  return (participant.online ? 0 : 8) + (participant.inCall ? 0 : 4) + (isModerator ? 0 : 2) + (isGuest ? 1 : 0);
}

function traitsOf(isModerator: boolean, isGuest: boolean, online: boolean, inCall: boolean, heldByLobby: boolean): number {
  return (
    (isModerator ? RowTrait.Moderator : 0) |
    (isGuest ? RowTrait.Guest : 0) |
    (!isModerator && !isGuest ? RowTrait.Member : 0) |
    (online ? RowTrait.Online : 0) |
    (inCall ? RowTrait.InCall : 0) |
    (heldByLobby ? RowTrait.HeldByLobby : 0)
  );
}

function buildRow(participant: Participant): RosterRow {
  const name = displayNameOf(participant);
  const isModerator = MODERATOR_ROLES.has(participant.role);
  const isGuest = participant.kind === 'guest' || participant.kind === 'email';
  // Servers without permissions (v1) have no way past the lobby but being a moderator.
  const addressable = isParticipantAddressable(participant);
  const heldByLobby =
    participant.online &&
    !isModerator &&
    (participant.permissions === null || (participant.permissions & Permission.SkipLobby) === 0);
  return {
    key: participant.key,
    participant,
    name,
    roleLabel: sharedMessage(roleLabelKey(participant.role)),
    kindLabel: kindLabelOf(participant.kind),
    isModerator,
    isGuest,
    online: participant.online,
    inCall: participant.inCall,
    heldByLobby,
    status: statusOf(participant),
    rank: rankOf(participant, isModerator, isGuest),
    traits: traitsOf(isModerator, isGuest, participant.online, participant.inCall, heldByLobby),
    addressable,
    ordinal: ordinalOf(participant.key),
    accountId: participant.kind === 'user' ? participant.actorId : null,
    actionClass: actionClassOf(participant, addressable),
  };
}

/**
 * Rows are cached by participant object. `listParticipants` hands back the very same object for a participant
 * whose data did not change (React Query's own sharing is off for this query), so an unchanged refetch yields
 * the same rows, and the memoised row components render nothing. The WeakMap lets rows go with their
 * participants. Rows hold words (role, kind, status, "Guest"), so a change of language starts a new cache.
 */
let rowCache = new WeakMap<Participant, RosterRow>();
let rowCacheLocale = currentLocale();

export function toRosterRow(participant: Participant): RosterRow {
  if (rowCacheLocale !== currentLocale()) {
    rowCache = new WeakMap();
    sharedWords = new Map();
    rowCacheLocale = currentLocale();
  }
  let row = rowCache.get(participant);
  if (!row) {
    row = buildRow(participant);
    rowCache.set(participant, row);
  }
  return row;
}

// Default options on purpose: `numeric` or `sensitivity` make V8 leave its fast path, and sorting 100,000 names
// then takes several times as long (measured: ~1.2 s against ~0.2 s).
const byName = new Intl.Collator();

/**
 * Talk's own order: online first, in the call first, moderators (owner, moderator, guest moderator) first,
 * guests after accounts, then by name. Returns a new array; run it once per change of the data.
 */
export function sortRosterRows(rows: readonly RosterRow[]): RosterRow[] {
  // 100,000 rows mean ~1.7 million comparisons: the cheap rank decides most of them before any collation.
  return [...rows].sort((a, b) => {
    const byRank = a.rank - b.rank;
    if (byRank !== 0) return byRank;
    return byName.compare(a.name, b.name) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  });
}

/**
 * The participants as sorted rows. Given the previous result, it first tries to keep that order: a refetch in
 * which only unsorted fields changed (a status message, a ping) costs one pass instead of a full sort, which
 * for 100,000 rows is the difference between a few and a few hundred milliseconds.
 */
export function toSortedRosterRows(
  participants: readonly Participant[],
  previous: readonly RosterRow[] | null = null,
): RosterRow[] {
  const rows = participants.map(toRosterRow);
  if (previous && previous.length === rows.length) {
    const byKey = new Map<string, RosterRow>();
    for (const row of rows) byKey.set(row.key, row);
    const kept: RosterRow[] = [];
    for (const old of previous) {
      const row = byKey.get(old.key);
      // Only rank, name and key decide the order: if none changed, neither did the order.
      if (!row || row.rank !== old.rank || row.name !== old.name) break;
      kept.push(row);
    }
    if (kept.length === rows.length) return kept;
  }
  return sortRosterRows(rows);
}

export function isViewer(row: RosterRow, viewer: RosterViewer): boolean {
  // The row's own field: the participant objects come from a worker, and reading two of their properties for
  // each of 100,000 rows (as "Select all shown" does, three times) took over 100 ms.
  return viewer.id !== null && row.accountId === viewer.id;
}

/**
 * Whether a row shows "Online". The viewer is using this console, so they are present whatever the server says:
 * Talk counts only a joined session (a call or chat window) as online, and reading a roster joins nothing.
 */
export function showsOnline(row: RosterRow, isSelf: boolean): boolean {
  return row.online || isSelf;
}

/**
 * What the viewer may do with a row, as Talk allows it: only moderators act; nobody acts on the owner or on
 * themselves (leaving is its own button); promotion is for members and guests (accounts, guests, email
 * invitees: groups and circles have no moderator role); demotion for moderators and guest moderators.
 * Participants the server cannot be told about (v1 guests without a session) offer nothing.
 */
export function rosterActions(row: RosterRow, viewer: RosterViewer): RosterAction[] {
  if (!viewer.canModerate) return [];
  const { participant } = row;
  if (participant.role === 'owner' || isViewer(row, viewer) || !row.addressable) return [];

  const actions: RosterAction[] = [];
  const promotable = participant.kind === 'user' || participant.kind === 'guest' || participant.kind === 'email';
  if (promotable && (participant.role === 'member' || participant.role === 'guest')) actions.push('promote');
  if (participant.role === 'moderator' || participant.role === 'guest-moderator') actions.push('demote');
  actions.push(...permissionActions(row, viewer));
  actions.push('remove');
  // Talk bans accounts, guests and email guests, never a moderator (demote them first).
  if (viewer.canBan && isBannable(participant) && !MODERATOR_ROLES.has(participant.role)) actions.push('ban');
  return actions;
}
