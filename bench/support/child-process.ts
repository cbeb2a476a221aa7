// What the server benches share: start a node child, wait for a line that says it is ready, and stop it.
import { spawn, type ChildProcess } from 'node:child_process';

const REPO = new URL('../..', import.meta.url).pathname;

/**
 * Starts `node args…` in the repository root with `env` added, and resolves once stdout matches `ready`.
 * Rejects with what the child printed when it exits first or is not ready within `timeoutMs`.
 *
 * @example
 * const { proc, match } = await startNodeChild(['-e', 'console.log("up 1")'], {}, /up (\d+)/);
 * match[1] //=> '1'
 */
export function startNodeChild(
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  timeoutMs = 60_000,
): Promise<{ proc: ChildProcess; match: RegExpExecArray; startMs: number }> {
  const t0 = performance.now();
  const proc = spawn(process.execPath, args, { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child not ready in ${timeoutMs / 1000} s:\n${out}`)), timeoutMs);
    proc.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const match = ready.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ proc, match, startMs: performance.now() - t0 });
      }
    });
    proc.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child exited ${code}:\n${out}`));
    });
  });
}

/** SIGTERM, then SIGKILL after 10 s; resolves when the child has exited. */
export function stopChild(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    proc.once('exit', () => resolve());
    proc.kill('SIGTERM');
    setTimeout(() => proc.kill('SIGKILL'), 10_000).unref();
  });
}
