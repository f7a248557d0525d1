import crypto from 'node:crypto';

const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 32 } as const;

/** `scrypt$N$r$p$salt$hash`, base64url parts: self-describing so the cost can rise later. */
export function hashPassword(password: string): string {
  const salt = crypto.randomBytes(16);
  const hash = crypto.scryptSync(password, salt, SCRYPT.keyLength, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = crypto.scryptSync(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return crypto.timingSafeEqual(expected, actual);
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
