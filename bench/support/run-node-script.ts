// What the first-request benches share: run a `node -e` script in a fresh process and read the JSON it prints last.
import { spawn } from 'node:child_process';

/**
 * Runs `node -e script` with `env`, kills it after `timeoutMs`, and parses the last line of its stdout as JSON.
 * Rejects with the exit code and the start of stderr when the script fails.
 *
 * @example
 * const { ready } = await runNodeScript<{ ready: number }>('console.log(JSON.stringify({ ready: performance.now() }))', process.env);
 */
export function runNodeScript<T>(script: string, env: NodeJS.ProcessEnv, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const timer = setTimeout(() => child.kill(), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(JSON.parse(stdout.trim().split('\n').pop()!) as T);
      else reject(new Error(`exit ${code}: ${stderr.slice(0, 500)}`));
    });
  });
}

/** The lower median (the middle value, or the lower of the two middle ones). */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
