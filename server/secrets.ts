import crypto from 'node:crypto';
import os from 'node:os';

const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 32 } as const;

/** `scrypt$N$r$p$salt$hash`, base64url parts: self-describing so the cost can rise later. */
export function hashPassword(password: string): string {
  const salt = crypto.randomBytes(16);
  const hash = crypto.scryptSync(password, salt, SCRYPT.keyLength, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

interface StoredHash {
  salt: Buffer;
  hash: Buffer;
  cost: crypto.ScryptOptions;
}

function parseStoredHash(stored: string): StoredHash | null {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return null;
  return { salt: Buffer.from(salt, 'base64url'), hash: Buffer.from(hash, 'base64url'), cost: { N: Number(n), r: Number(r), p: Number(p) } };
}

/**
 * Password checks running at once. Async scrypt runs on libuv's thread pool (4 threads unless UV_THREADPOOL_SIZE
 * says otherwise), which also compresses answers (hono's compress) and reads files, and each check keeps a core
 * busy: a burst of guesses taking every thread or every core would hold unrelated requests as surely as hashing
 * on the main thread. So two threads and one core are left free; the other checks wait here, costing nothing.
 */
const CONCURRENT_CHECKS = Math.max(1, Math.min(Number(process.env.UV_THREADPOOL_SIZE ?? 4) - 2, os.availableParallelism() - 1));
let running = 0;
const waiting: (() => void)[] = [];

async function scryptAsync(password: string, salt: Buffer, keyLength: number, cost: crypto.ScryptOptions): Promise<Buffer> {
  if (running >= CONCURRENT_CHECKS) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await new Promise<Buffer>((resolve, reject) =>
      crypto.scrypt(password, salt, keyLength, cost, (error, key) => (error ? reject(error) : resolve(key))),
    );
  } finally {
    // The slot passes straight to the next check waiting, if any.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/**
 * A hash of nothing anyone knows, checked instead of an account's when there is none (unknown login, an account
 * that cannot sign in): every refusal then costs one scrypt, so timing does not tell which logins exist.
 */
const STAND_IN_HASH = parseStoredHash(hashPassword(crypto.randomBytes(16).toString('base64url')))!;

/**
 * Checks a password against a stored hash on libuv's thread pool (async scrypt), so the ~40 ms a check costs
 * never holds the event loop. `stored` null or unreadable: checks against a stand-in and answers false, in
 * the same time.
 */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parsed = stored === null ? null : parseStoredHash(stored);
  const target = parsed ?? STAND_IN_HASH;
  const actual = await scryptAsync(password, target.salt, target.hash.length, target.cost);
  return parsed !== null && crypto.timingSafeEqual(target.hash, actual);
}

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomString(length: number, alphabet: string): string {
  // Rejection sampling keeps every character equally likely.
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of crypto.randomBytes(length * 2)) {
      if (byte < limit) out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

/** Talk session ids are 512 characters long (Talk's participant API documents them so). */
export const newSessionId = () => randomString(512, ALPHANUMERIC);
/** Conversation tokens match `^[a-z0-9]{4,30}$` (spec/talk-openapi.json); Talk uses 8. */
export const newRoomToken = () => randomString(8, 'abcdefghijkmnpqrstuvwxyz23456789');
export const newBrowserSessionId = () => randomString(48, ALPHANUMERIC);
/** Guests are actors of type `guests` whose id is a sha1 hex, as in Talk. */
export const newGuestActorId = () => crypto.createHash('sha1').update(crypto.randomBytes(32)).digest('hex');

/** Nextcloud's app passwords are 72 alphanumeric characters; so are the demo's. */
export const APP_PASSWORD_LENGTH = 72;
export const newAppPassword = () => randomString(APP_PASSWORD_LENGTH, ALPHANUMERIC);
/** Login Flow v2 poll and login tokens are 128 characters in Nextcloud. */
export const newLoginFlowToken = () => randomString(128, ALPHANUMERIC);

/**
 * App passwords and flow tokens are stored as a plain SHA-256, not scrypt: they are 72–128 random characters
 * (over 400 bits), so no amount of guessing per second makes a leaked digest reversible; a slow hash only
 * protects secrets people choose. A fast digest also lets every request be checked again in microseconds, so a
 * revoked app password is refused at once instead of being remembered like a checked account password.
 */
export const digestSecret = (secret: string) => crypto.createHash('sha256').update(secret).digest('hex');

/**
 * A granted app password waits for its poll encrypted to a key pair made when the flow started, whose private
 * key is itself encrypted with the poll token, which the database does not hold (only its digest): as in
 * Nextcloud, a copy of the database never holds a usable app password, not even one waiting to be collected.
 * X25519 + AES-256-GCM (an ECIES), because making a key pair is then microseconds, where RSA's is tens of ms.
 */
function aesSeal(key: Buffer, plain: Buffer): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url')).join('.');
}

function aesOpen(key: Buffer, sealed: string): Buffer | null {
  const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !data) return null;
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    return null;
  }
}

const keyOfPollToken = (pollToken: string) => crypto.createHash('sha256').update(`rollcall poll seal\0${pollToken}`).digest();
const keyOfSharedSecret = (shared: Buffer) => crypto.createHash('sha256').update(shared).digest();

export interface PollSeal {
  publicKey: string;
  sealedPrivateKey: string;
}

export function newPollSeal(pollToken: string): PollSeal {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('x25519');
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64url'),
    sealedPrivateKey: aesSeal(keyOfPollToken(pollToken), privateKey.export({ type: 'pkcs8', format: 'der' })),
  };
}

export function sealToPublicKey(publicKey: string, secret: string): string {
  const ephemeral = crypto.generateKeyPairSync('x25519');
  const recipient = crypto.createPublicKey({ key: Buffer.from(publicKey, 'base64url'), type: 'spki', format: 'der' });
  const shared = crypto.diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient });
  const ephemeralPublic = ephemeral.publicKey.export({ type: 'spki', format: 'der' }).toString('base64url');
  return `${ephemeralPublic}~${aesSeal(keyOfSharedSecret(shared), Buffer.from(secret, 'utf8'))}`;
}

export function openWithPollToken(pollToken: string, sealedPrivateKey: string, sealed: string): string | null {
  const privateDer = aesOpen(keyOfPollToken(pollToken), sealedPrivateKey);
  const [ephemeralPublic, body] = sealed.split('~');
  if (!privateDer || !ephemeralPublic || !body) return null;
  const privateKey = crypto.createPrivateKey({ key: privateDer, type: 'pkcs8', format: 'der' });
  const publicKey = crypto.createPublicKey({ key: Buffer.from(ephemeralPublic, 'base64url'), type: 'spki', format: 'der' });
  const plain = aesOpen(keyOfSharedSecret(crypto.diffieHellman({ privateKey, publicKey })), body);
  return plain ? plain.toString('utf8') : null;
}
