import net from 'node:net';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config';
import { ROOT, runServerToExit, stopAll } from './test/process';

afterAll(() => stopAll());

describe('readConfig', () => {
  it('has defaults for an empty environment', () => {
    const config = readConfig({}, []);
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: path.join(ROOT, 'data'),
      distDir: path.join(ROOT, 'dist'),
      generations: ['v1', 'v4'],
      circlesEnabled: true,
      reset: false,
      nextcloudUrl: null,
      proxyTimeoutMs: 30_000,
      publicUrl: null,
    });
    expect(config.trustedProxies.check('127.0.0.1', 'ipv4')).toBe(false);
  });

  it('reads the public origin and the trusted proxies of proxy mode', () => {
    const config = readConfig({ PUBLIC_URL: 'https://talk.example.com', TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.7 ::1' }, []);
    expect(config.publicUrl?.origin).toBe('https://talk.example.com');
    expect(config.trustedProxies.check('10.20.30.40', 'ipv4')).toBe(true);
    expect(config.trustedProxies.check('::ffff:10.20.30.40', 'ipv6')).toBe(true);
    expect(config.trustedProxies.check('192.0.2.7', 'ipv4')).toBe(true);
    expect(config.trustedProxies.check('192.0.2.8', 'ipv4')).toBe(false);
    expect(config.trustedProxies.check('::1', 'ipv6')).toBe(true);
  });

  it('reads every setting', () => {
    const config = readConfig(
      {
        PORT: '0',
        HOST: '0.0.0.0',
        DATA_DIR: '/tmp/rollcall-data',
        TALK_API: 'V1',
        TALK_CIRCLES: 'off',
        NEXTCLOUD_URL: 'https://cloud.example.com/nextcloud/',
        PROXY_TIMEOUT_MS: '2500',
      },
      ['--reset'],
    );
    expect(config).toMatchObject({ port: 0, host: '0.0.0.0', dataDir: '/tmp/rollcall-data', generations: ['v1'], circlesEnabled: false });
    expect(config.reset).toBe(true);
    expect(config.nextcloudUrl?.href).toBe('https://cloud.example.com/nextcloud/');
    expect(config.proxyTimeoutMs).toBe(2500);
    expect(readConfig({ RESET: 'yes' }, []).reset).toBe(true);
  });

  it('treats empty variables as unset', () => {
    const config = readConfig({ PORT: '', TALK_API: '', NEXTCLOUD_URL: '', PROXY_TIMEOUT_MS: ' ', DATA_DIR: '' }, []);
    expect(config).toMatchObject({ port: 8080, generations: ['v1', 'v4'], nextcloudUrl: null, proxyTimeoutMs: 30_000 });
    expect(config.dataDir).toBe(path.join(ROOT, 'data'));
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT must be a port number .*"abc"/],
    [{ PORT: '65536' }, /^PORT must be/],
    [{ PORT: '-1' }, /^PORT must be/],
    [{ PORT: '80.5' }, /^PORT must be/],
    [{ PORT: '1e3' }, /^PORT must be/],
    [{ TALK_API: 'v3' }, /^TALK_API must be v4 or v1, not "v3"/],
    [{ NEXTCLOUD_URL: 'notaurl' }, /^NEXTCLOUD_URL must be an absolute URL .*"notaurl"/],
    [{ NEXTCLOUD_URL: 'cloud.example.com:443' }, /^NEXTCLOUD_URL must start with http:\/\/ or https:\/\//],
    [{ NEXTCLOUD_URL: 'ftp://cloud.example.com' }, /^NEXTCLOUD_URL must start with http:\/\/ or https:\/\//],
    [{ NEXTCLOUD_URL: 'https://admin:secret@cloud.example.com' }, /^NEXTCLOUD_URL must not contain a user name or password$/],
    [{ NEXTCLOUD_URL: 'https://cloud.example.com/?x=1' }, /^NEXTCLOUD_URL must not have a query/],
    [{ PROXY_TIMEOUT_MS: 'soon' }, /^PROXY_TIMEOUT_MS must be a number of milliseconds/],
    [{ PROXY_TIMEOUT_MS: '0' }, /^PROXY_TIMEOUT_MS must be/],
    [{ PROXY_TIMEOUT_MS: '99999999999' }, /^PROXY_TIMEOUT_MS must be/],
    [{ PUBLIC_URL: 'talk.example.com' }, /^PUBLIC_URL must be an http:\/\/ or https:\/\/ address/],
    [{ PUBLIC_URL: 'https://talk.example.com/rollcall' }, /^PUBLIC_URL must be an origin only/],
    [{ TRUSTED_PROXIES: 'proxy.example' }, /^TRUSTED_PROXIES must list IP addresses or subnets .*"proxy.example"/],
    [{ TRUSTED_PROXIES: '10.0.0.0/33' }, /^TRUSTED_PROXIES must list/],
    [{ TRUSTED_PROXIES: '10.0.0.0/8/1' }, /^TRUSTED_PROXIES must list/],
  ])('refuses %o', (env, message) => {
    expect(() => readConfig(env, [])).toThrow(ConfigError);
    expect(() => readConfig(env, [])).toThrow(message);
  });

  it('never prints a password from NEXTCLOUD_URL', () => {
    expect(() => readConfig({ NEXTCLOUD_URL: 'https://admin:secret@cloud.example.com' }, [])).not.toThrow(/secret/);
  });
});

describe('server/index.ts on bad settings', () => {
  let occupied: net.Server | undefined;
  afterAll(() => new Promise<void>((resolve) => (occupied ? occupied.close(() => resolve()) : resolve())));

  it('prints one clear line and exits non-zero, without a stack trace', async () => {
    occupied = net.createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => occupied!.once('listening', resolve));
    const busyPort = String((occupied.address() as AddressInfo).port);
    const cases: [Record<string, string>, RegExp][] = [
      [{ PORT: 'abc' }, /^rollcall: PORT must be a port number \(0 to 65535\), not "abc"\n$/],
      [{ TALK_API: 'v3' }, /^rollcall: TALK_API must be v4 or v1, not "v3"\n$/],
      [{ NEXTCLOUD_URL: 'notaurl' }, /^rollcall: NEXTCLOUD_URL must be an absolute URL such as https:\/\/cloud.example.com, not "notaurl"\n$/],
      [{ NEXTCLOUD_URL: 'http://127.0.0.1:9', PORT: busyPort }, /^rollcall: port \d+ is already in use on 127.0.0.1: set PORT to a free port\n$/],
    ];
    const results = await Promise.all(cases.map(([env]) => runServerToExit(env)));
    results.forEach((result, index) => {
      const [env, message] = cases[index]!;
      expect(result.code, JSON.stringify(env)).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  });
});
