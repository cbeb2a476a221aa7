// What the benches that run children share: start a node child, wait for a line that says it is ready, stop it, and read the CPU time finished children used.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

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

/**
 * CPU time (user + system, ms) used so far by this process's finished children, from /proc/self/stat (Linux; clock
 * ticks of 10 ms); undefined elsewhere. On a shared machine CPU time is the steadier figure: time spent waiting for a
 * core is not the child's.
 *
 * @example
 * const before = childCpuMs(); spawnSync(process.execPath, ['-e', '0']); childCpuMs()! - before! //=> 30
 */
export function childCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of stat (cutime, cstime) are at 13 and 14 after the command name.
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}
