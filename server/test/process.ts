import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** The repository root: where `node --import tsx server/index.ts` is run from. */
export const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Settings of the developer's shell that would change what a spawned server does. */
const SERVER_ENV = ['PORT', 'HOST', 'DATA_DIR', 'DIST_DIR', 'TALK_API', 'TALK_CIRCLES', 'NEXTCLOUD_URL', 'PROXY_TIMEOUT_MS', 'RESET'];

const running = new Set<ChildProcess>();
// A test that fails half-way must not leave servers behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr interleaved). */
  output: () => string;
  exited: Promise<Exit>;
  /** Sends the signal and waits for the process to end. */
  kill: (signal?: NodeJS.Signals) => Promise<Exit>;
}

function spawnIndex(env: Record<string, string | undefined>, args: string[]) {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const name of SERVER_ENV) delete base[name];
  // Loaders or inspectors of the test runner are not the server's business.
  delete base.NODE_OPTIONS;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('server', 'index.ts'), ...args], {
    cwd: ROOT,
    env: { ...base, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  return { child, exited, output: () => output };
}

/**
 * Runs `server/index.ts` as a child process (PORT=0: the OS picks the port) and waits until it listens.
 * The URL is read from the line the server prints when it is ready.
 */
export async function spawnServer(
  options: { env?: Record<string, string | undefined>; args?: string[]; readyTimeoutMs?: number } = {},
): Promise<ServerProcess> {
  const { child, exited, output } = spawnIndex(options.env ?? {}, options.args ?? []);
  const timeoutMs = options.readyTimeoutMs ?? 20_000;
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The server did not start within ${timeoutMs} ms:\n${output()}`));
    }, timeoutMs);
    const check = () => {
      const match = / on http:\/\/[^\s:]+:(\d+)/.exec(output());
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', check);
      resolve(Number(match[1]));
    };
    child.stdout!.on('data', check);
    void exited.then((exit) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${exit.code ?? exit.signal}) before listening:\n${output()}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    output,
    exited,
    kill: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Runs `server/index.ts` expecting it to stop by itself (a refused setting); killed after `timeoutMs`. */
export async function runServerToExit(
  env: Record<string, string | undefined>,
  timeoutMs = 15_000,
): Promise<Exit & { stdout: string; stderr: string }> {
  const { child, exited } = spawnIndex(env, []);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const exit = await exited;
  clearTimeout(timer);
  return { ...exit, stdout, stderr };
}

/** Stops every server this file spawned that is still running. */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}
