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
}

const truthy = (value: string | undefined) => value !== undefined && /^(1|true|yes|on)$/i.test(value);

/** Settings come from the environment (README); `--reset` on the command line too. */
export function readConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv.slice(2)): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const talkApi = (env.TALK_API ?? 'v4').toLowerCase();
  if (talkApi !== 'v4' && talkApi !== 'v1') throw new Error(`TALK_API must be v4 or v1, not "${env.TALK_API}"`);
  let nextcloudUrl: URL | null = null;
  if (env.NEXTCLOUD_URL) {
    try {
      nextcloudUrl = new URL(env.NEXTCLOUD_URL);
    } catch {
      throw new Error(`NEXTCLOUD_URL must be an absolute URL such as https://cloud.example.com, not "${env.NEXTCLOUD_URL}"`);
    }
    if (nextcloudUrl.protocol !== 'http:' && nextcloudUrl.protocol !== 'https:') {
      throw new Error('NEXTCLOUD_URL must start with http:// or https://');
    }
  }
  const root = path.resolve(import.meta.dirname, '..');
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR ?? path.join(root, 'data')),
    distDir: path.resolve(env.DIST_DIR ?? path.join(root, 'dist')),
    generations: talkApi === 'v1' ? ['v1'] : ['v1', 'v4'],
    circlesEnabled: env.TALK_CIRCLES === undefined ? true : truthy(env.TALK_CIRCLES),
    reset: argv.includes('--reset') || truthy(env.RESET),
    nextcloudUrl,
    proxyTimeoutMs: Number(env.PROXY_TIMEOUT_MS ?? 30_000),
  };
}
