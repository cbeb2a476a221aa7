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

/**
 * The environment a deployed function gets (names and dummy keys), over this process's, plus `overrides`
 * (local endpoints, a table name). NODE_OPTIONS is cleared so the parent's loaders never reach a measured child.
 *
 * @example
 * const env = benchLambdaEnv({ AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4569', S3_FORCE_PATH_STYLE: 'true' });
 */
export function benchLambdaEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TABLE_NAME: 'bench-table',
    BUCKET_NAME: 'bench-bucket',
    STAGE: 'bench',
    SITE_BASE_URL: 'https://d111111abcdef8.cloudfront.net/',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    NODE_OPTIONS: '',
    ...overrides,
  };
}

/**
 * Runs each variant file once to warm the file cache, then `runs` rounds in which every variant runs once
 * (interleaved, so a busy moment hits all variants alike). Samples by variant name.
 *
 * @example
 * const samples = await sampleInterleaved(files, 20, (file) => runNodeScript<Sample>(scriptFor(file), env));
 */
export async function sampleInterleaved<S>(
  files: ReadonlyMap<string, string>,
  runs: number,
  run: (file: string) => Promise<S>,
): Promise<Map<string, S[]>> {
  const samples = new Map<string, S[]>([...files.keys()].map((n) => [n, []]));
  for (const file of files.values()) await run(file);
  for (let i = 0; i < runs; i++) for (const [name, file] of files) samples.get(name)!.push(await run(file));
  return samples;
}
