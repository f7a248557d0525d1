import net from 'node:net';
import path from 'node:path';
import type { ApiGeneration } from './http/ocs';

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  distDir: string;
  generations: ApiGeneration[];
  circlesEnabled: boolean;
  reset: boolean;
  /** Set: proxy mode in front of this Nextcloud; unset: the embedded demo server. */
  nextcloudUrl: URL | null;
  proxyTimeoutMs: number;
  /**
   * Where people open rollcall (`https://talk.example.com`), when a TLS proxy stands in front of it: cookies
   * from Nextcloud keep `Secure` only for an https public origin. Unset: the plain-http origin rollcall serves.
   */
  publicUrl: URL | null;
  /**
   * The reverse proxies in front of rollcall (addresses or subnets): only from them is an X-Forwarded-For or
   * Forwarded chain believed and extended; anyone else's is replaced by the address rollcall sees.
   */
  trustedProxies: net.BlockList;
}

const truthy = (value: string | undefined) => value !== undefined && /^(1|true|yes|on)$/i.test(value);

/** A setting the server cannot start with; `server/index.ts` prints the message (no stack) and exits. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** An unset or empty variable means the default, as `PORT= npm start` would suggest. */
const setting = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());

function integer(name: string, value: string | undefined, fallback: number, range: { min: number; max: number }, what: string) {
  const text = setting(value);
  if (text === undefined) return fallback;
  const number = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(number) || number < range.min || number > range.max) {
    throw new ConfigError(`${name} must be ${what}, not "${value}"`);
  }
  return number;
}

function nextcloudUrlOf(value: string | undefined): URL | null {
  const text = setting(value);
  if (text === undefined) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(`NEXTCLOUD_URL must be an absolute URL such as https://cloud.example.com, not "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`NEXTCLOUD_URL must start with http:// or https://, not "${value}"`);
  }
  // fetch refuses URLs with credentials, so every request would fail; people sign in through the app instead.
  if (url.username || url.password) throw new ConfigError('NEXTCLOUD_URL must not contain a user name or password');
  if (url.search || url.hash) throw new ConfigError(`NEXTCLOUD_URL must not have a query or fragment, not "${value}"`);
  return url;
}

function publicUrlOf(value: string | undefined): URL | null {
  const text = setting(value);
  if (text === undefined) return null;
  const url = URL.canParse(text) ? new URL(text) : null;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ConfigError(`PUBLIC_URL must be an http:// or https:// address such as https://talk.example.com, not "${value}"`);
  }
  // The app's pages load /assets/… from the root: it cannot live under a sub-path.
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw new ConfigError(`PUBLIC_URL must be an origin only (scheme, host, port), not "${value}"`);
  }
  return url;
}

function trustedProxiesOf(value: string | undefined): net.BlockList {
  const list = new net.BlockList();
  for (const entry of (setting(value) ?? '').split(/[\s,]+/).filter(Boolean)) {
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = net.isIP(address);
    const bits = prefix === undefined ? undefined : /^\d+$/.test(prefix) ? Number(prefix) : NaN;
    if (!family || rest.length > 0 || (bits !== undefined && !(bits <= (family === 4 ? 32 : 128)))) {
      throw new ConfigError(`TRUSTED_PROXIES must list IP addresses or subnets such as 10.0.0.0/8, not "${entry}"`);
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
  }
  return list;
}

/** Settings come from the environment (README); `--reset` on the command line too. Throws ConfigError. */
export function readConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv.slice(2)): ServerConfig {
  const port = integer('PORT', env.PORT, 8080, { min: 0, max: 65535 }, 'a port number (0 to 65535)');
  const talkApi = (setting(env.TALK_API) ?? 'v4').toLowerCase();
  if (talkApi !== 'v4' && talkApi !== 'v1') throw new ConfigError(`TALK_API must be v4 or v1, not "${env.TALK_API}"`);
  const nextcloudUrl = nextcloudUrlOf(env.NEXTCLOUD_URL);
  const proxyTimeoutMs = integer('PROXY_TIMEOUT_MS', env.PROXY_TIMEOUT_MS, 30_000, { min: 1, max: 2_147_483_647 }, 'a number of milliseconds');
  const root = path.resolve(import.meta.dirname, '..');
  return {
    port,
    host: setting(env.HOST) ?? '127.0.0.1',
    dataDir: path.resolve(setting(env.DATA_DIR) ?? path.join(root, 'data')),
    distDir: path.resolve(setting(env.DIST_DIR) ?? path.join(root, 'dist')),
    generations: talkApi === 'v1' ? ['v1'] : ['v1', 'v4'],
    circlesEnabled: setting(env.TALK_CIRCLES) === undefined ? true : truthy(setting(env.TALK_CIRCLES)),
    reset: argv.includes('--reset') || truthy(env.RESET),
    nextcloudUrl,
    proxyTimeoutMs,
    publicUrl: publicUrlOf(env.PUBLIC_URL),
    trustedProxies: trustedProxiesOf(env.TRUSTED_PROXIES),
  };
}
