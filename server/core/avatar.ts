import crypto from 'node:crypto';
import type { Hono } from 'hono';
import type { Db } from '../db/schema';
import { initialsPng, type Rgb } from './png';

const PALETTE: readonly Rgb[] = [
  [0x00, 0x82, 0xc9],
  [0x3e, 0x8e, 0x41],
  [0xc2, 0x57, 0x00],
  [0x8a, 0x4f, 0xbd],
  [0xb3, 0x26, 0x1e],
  [0x00, 0x79, 0x6b],
  [0x5c, 0x6b, 0xc0],
  [0x6d, 0x4c, 0x41],
];
const WHITE: Rgb = [0xff, 0xff, 0xff];

/** An initials avatar, coloured by the account id so it is stable across reloads. */
export function avatarPng(userId: string, displayName: string, size: number): Buffer {
  const digest = crypto.createHash('md5').update(userId).digest();
  const colour = PALETTE[digest[0]! % PALETTE.length]!;
  const initial = (displayName.trim().normalize('NFD')[0] ?? '?').toUpperCase();
  return initialsPng(initial, size, colour, WHITE);
}

/** `/index.php/avatar/{userId}/{size}` as Nextcloud serves it: a PNG, here generated from the initial. */
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
    return c.body(new Uint8Array(avatarPng(userId, row?.display_name ?? userId, size)), 200, {
      'Content-Type': 'image/png',
      'Cache-Control': 'private, max-age=3600',
      ETag: etag,
    });
  });
}
