import crypto from 'node:crypto';
import type { Hono } from 'hono';
import type { Db } from '../db/schema';

const PALETTE = ['#0082c9', '#3e8e41', '#c25700', '#8a4fbd', '#b3261e', '#00796b', '#5c6bc0', '#6d4c41'];

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** An initials avatar as an SVG, coloured by the account id so it is stable across reloads. */
export function avatarSvg(userId: string, displayName: string, size: number): string {
  const digest = crypto.createHash('md5').update(userId).digest();
  const colour = PALETTE[digest[0]! % PALETTE.length]!;
  const initials = [...displayName.trim()].slice(0, 1).join('').toUpperCase() || '?';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 64 64">` +
    `<rect width="64" height="64" fill="${colour}"/>` +
    `<text x="32" y="32" dy=".35em" text-anchor="middle" font-family="sans-serif" font-size="30" fill="#fff">` +
    `${escapeXml(initials)}</text></svg>`
  );
}

/** `/index.php/avatar/{userId}/{size}` as Nextcloud serves it (there: PNG; here: generated SVG). */
export function registerAvatarRoute(app: Hono, db: Db) {
  app.get('/index.php/avatar/:userId/:size', (c) => {
    const userId = c.req.param('userId');
    const size = Number(c.req.param('size'));
    if (!Number.isInteger(size) || size < 16 || size > 1024 || userId.length > 320) {
      return c.text('Bad avatar request', 400);
    }
    const row = db.prepare('SELECT display_name FROM users WHERE id = ?').get(userId) as { display_name: string } | undefined;
    const etag = `"${crypto.createHash('sha1').update(`${userId}:${row?.display_name ?? ''}:${size}`).digest('hex')}"`;
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    return c.body(avatarSvg(userId, row?.display_name ?? userId, size), 200, {
      'Content-Type': 'image/svg+xml',
      'Cache-Control': 'private, max-age=3600',
      ETag: etag,
    });
  });
}
