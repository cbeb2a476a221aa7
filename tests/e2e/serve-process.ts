// Spawns the real compiled `nashra serve` (dist/nashra.mjs) with PORT=0 and reads the URL and token it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { CLI } from '../support/compiled-cli.ts';

export const REPO = path.resolve(import.meta.dirname, '../..');

export interface ServeProcess {
  proc: ChildProcess;
  url: string;
  token: string;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** Sends the signal and resolves with the exit code (rejects after `timeoutMs`). */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>;
}

/**
 * Starts the local server as a child process on a free port and waits until it prints its URL.
 *
 * @example
 * const s = await startServeProcess({ dataDir, configPath });
 * await fetch(`${s.url}feeds/all.rss`);
 * await s.stop('SIGINT'); //=> 0
 */
export async function startServeProcess(options: {
  /** --data and --config; left out when not given, so serve uses its defaults in `cwd`. */
  dataDir?: string;
  configPath?: string;
  /** Folder the process runs in (default: the repository). */
  cwd?: string;
  env?: Record<string, string>;
  /** More flags after --config and --data (e.g. `['--base-url', url]`). */
  args?: string[];
  timeoutMs?: number;
}): Promise<ServeProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', ...options.env };
  delete env.NASHRA_TOKEN;
  if (options.env?.NASHRA_TOKEN) env.NASHRA_TOKEN = options.env.NASHRA_TOKEN;
  const args = [
    ...(options.configPath !== undefined ? ['--config', options.configPath] : []),
    ...(options.dataDir !== undefined ? ['--data', options.dataDir] : []),
    ...(options.args ?? []),
  ];
  const proc = spawn(process.execPath, [CLI, 'serve', ...args], {
    cwd: options.cwd ?? REPO,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  proc.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));

  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const url = /nashra is serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
    const token = /token:\s+(\S+)/.exec(out)?.[1];
    if (url && token && out.includes('Press Ctrl-C')) {
      return {
        proc,
        url,
        token,
        output: () => out,
        async stop(signal = 'SIGINT', timeoutMs = 15_000) {
          if (proc.exitCode !== null) return proc.exitCode;
          proc.kill(signal);
          const timer = new Promise<never>((_, reject) =>
            setTimeout(() => {
              proc.kill('SIGKILL');
              reject(new Error(`serve did not exit within ${timeoutMs} ms after ${signal}:\n${out}`));
            }, timeoutMs).unref(),
          );
          return Promise.race([exited, timer]);
        },
      };
    }
    if (proc.exitCode !== null) throw new Error(`serve exited with ${proc.exitCode} before serving:\n${out}`);
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`serve did not start in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
