import type { Hono } from 'hono';
import type { Db } from '../db/schema';
import {
  AUTOCOMPLETE_PATH,
  CAPABILITIES_PATH,
  CURRENT_USER_PATH,
  Feature,
  type AutocompleteEntry,
  type CapabilitiesData,
  type CurrentUserData,
  type ThemingCapability,
} from '../../contract/wire';
import { isEmailAddress } from '../../contract/email';
import { LIMITS, OcsError, intParam, ocs, ocsError, readParams, stringParam, unauthorized } from '../http/ocs';
import type { IdentityResolver } from '../http/identity';
import type { ApiGeneration } from '../http/ocs';

export interface CoreOptions {
  generations: ApiGeneration[];
  circlesEnabled: boolean;
}

/**
 * The demo's look, shaped like Nextcloud's theming capability with its default colour. Absolute addresses, as
 * Nextcloud gives them; the logo is public/logo.svg, white for a header in the theme colour like Nextcloud's.
 */
export function demoTheming(origin: string): ThemingCapability {
  return {
    name: 'rollcall',
    url: 'https://nextcloud.com',
    slogan: 'Who is in the conversation',
    color: '#00679e',
    'color-text': '#ffffff',
    'color-element': '#00679e',
    'color-element-bright': '#00679e',
    'color-element-dark': '#00679e',
    logo: `${origin}/logo.svg`,
    background: '#00679e',
    'background-plain': true,
    'background-default': true,
    logoheader: `${origin}/logo.svg`,
    favicon: `${origin}/favicon.svg`,
  };
}

/**
 * Only what this server really implements is advertised. The v1 server stands for the seed's (Nextcloud 21 and
 * before, as its documents describe it): no theming, so rollcall's own look is tested there.
 */
export function capabilities(options: CoreOptions, origin: string): CapabilitiesData {
  const features = ['webinary-lobby', 'guest-display-names', 'invite-groups-and-mails', 'multi-room-users', 'in-call-flags'];
  // Permissions and bans live beside v4 rooms only (server/talk/routes.ts and server/talk/bans.ts register them).
  if (options.generations.includes('v4')) features.unshift('conversation-v4', 'signaling-v3', Feature.Permissions);
  if (options.generations.includes('v4')) features.push(Feature.Bans);
  if (options.circlesEnabled) features.push('circles-support');
  return {
    version: { major: 29, minor: 0, micro: 6, string: '29.0.6', edition: '' },
    capabilities: {
      spreed: {
        features,
        config: {
          attachments: { allowed: false },
          chat: { 'max-length': 32000 },
          conversations: { 'can-create': true },
        },
        version: options.generations.includes('v4') ? '19.0.9-rollcall' : '11.3.0-rollcall',
      },
      ...(options.generations.includes('v4') ? { theming: demoTheming(origin) } : {}),
    },
  };
}

const SHARE_TYPE = { users: 0, groups: 1, emails: 4, circles: 7 } as const;

export function registerCoreRoutes(app: Hono, deps: { db: Db; identities: IdentityResolver; options: CoreOptions }) {
  const { db, identities, options } = deps;

  app.get(CAPABILITIES_PATH, (c) => ocs(c, capabilities(options, new URL(c.req.url).origin)));

  app.get(CURRENT_USER_PATH, async (c) => {
    try {
      const identity = await identities.resolve(c);
      if (identity.kind !== 'user') throw unauthorized();
      const row = db.prepare('SELECT email FROM users WHERE id = ?').get(identity.userId) as { email: string | null };
      const user: CurrentUserData = { id: identity.userId, 'display-name': identity.displayName, email: row.email };
      return ocs(c, user);
    } catch (error) {
      if (error instanceof OcsError) return ocsError(c, error, 'v1');
      throw error;
    }
  });

  /** Nextcloud's sharee autocomplete, as Talk's "add participants" box calls it. */
  app.get(AUTOCOMPLETE_PATH, async (c) => {
    try {
      const identity = await identities.resolve(c);
      if (identity.kind !== 'user') throw unauthorized();
      const params = await readParams(c);
      const search = (stringParam(params, 'search', { max: LIMITS.search, allowEmpty: true, trim: true }) ?? '').toLowerCase();
      const limit = intParam(params, 'limit', { min: 1, max: 200 }) ?? 20;
      const requested = params['shareTypes[]'];
      const shareTypes = new Set(
        (Array.isArray(requested) ? requested : [0, 1, 4, ...(options.circlesEnabled ? [7] : [])]).map(Number),
      );
      const like = `%${search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      const results: AutocompleteEntry[] = [];
      const entry = (id: string, label: string, source: AutocompleteEntry['source'], icon: string, subline = ''): AutocompleteEntry => ({
        id,
        label,
        icon,
        source,
        subline,
        shareWithDisplayNameUnique: subline || id,
        status: [],
      });

      if (shareTypes.has(SHARE_TYPE.users)) {
        const rows = db
          .prepare(
            `SELECT id, display_name, email FROM users
             WHERE password_hash != '!' AND (lower(id) LIKE ? ESCAPE '\\' OR lower(display_name) LIKE ? ESCAPE '\\')
             UNION ALL
             SELECT id, display_name, email FROM users
             WHERE password_hash = '!' AND (lower(id) LIKE ? ESCAPE '\\' OR lower(display_name) LIKE ? ESCAPE '\\')
             LIMIT ?`,
          )
          .all(like, like, like, like, limit) as { id: string; display_name: string; email: string | null }[];
        for (const row of rows) results.push(entry(row.id, row.display_name, 'users', 'icon-user', row.email ?? ''));
      }
      if (shareTypes.has(SHARE_TYPE.groups)) {
        const rows = db
          .prepare(`SELECT id, display_name FROM groups WHERE lower(id) LIKE ? ESCAPE '\\' OR lower(display_name) LIKE ? ESCAPE '\\' LIMIT ?`)
          .all(like, like, limit) as { id: string; display_name: string }[];
        for (const row of rows) results.push(entry(row.id, row.display_name, 'groups', 'icon-group'));
      }
      if (options.circlesEnabled && shareTypes.has(SHARE_TYPE.circles)) {
        const rows = db
          .prepare(`SELECT id, display_name FROM circles WHERE lower(id) LIKE ? ESCAPE '\\' OR lower(display_name) LIKE ? ESCAPE '\\' LIMIT ?`)
          .all(like, like, limit) as { id: string; display_name: string }[];
        for (const row of rows) results.push(entry(row.id, row.display_name, 'circles', 'icon-circle'));
      }
      if (shareTypes.has(SHARE_TYPE.emails) && isEmailAddress(search)) {
        results.push(entry(search, search, 'emails', 'icon-mail'));
      }
      return ocs(c, results.slice(0, limit));
    } catch (error) {
      if (error instanceof OcsError) return ocsError(c, error, 'v1');
      throw error;
    }
  });
}
