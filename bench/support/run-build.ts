// What the build benches share: write article files, run the compiled `nashra build` (or the in-memory build it replaced) in a child, and read its time and peak RSS.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { articleInputOf } from '../../tests/support/article-inputs.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** The site config both builds use. */
export const CONFIG = path.join(ROOT, 'nashra.config.json');
/** The compiled CLI, as users run it (`npm run build` first). */
export const CLI = path.join(ROOT, 'dist/nashra.mjs');

/** Loaded into the measured child: it reports its own peak resident set size when it exits. */
const REPORT_MAX_RSS = `data:text/javascript,process.on('exit',()=>process.stderr.write('maxrss-kb '+process.resourceUsage().maxRSS+'\\n'))`;

export interface BuildRun {
  ms: number;
  /** Peak resident set size of the child, in MB (its own `process.resourceUsage().maxRSS`). */
  peakMb: number;
  /** The build's summary line. */
  summary: string;
}

/**
 * Runs `node <script> args…` with the RSS reporter loaded; resolves with wall time, peak RSS and the last stderr line
 * that starts with `summaryPrefix`. Rejects when the child fails or prints no peak.
 *
 * @example
 * const run = await runMeasured(CLI, ['build', '--articles', dir, '--out', out], 'nashra build:');
 * run.peakMb //=> 180.4
 */
export function runMeasured(script: string, args: string[], summaryPrefix: string, timeoutMs = 3_600_000): Promise<BuildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', REPORT_MAX_RSS, script, ...args], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let tail = '';
    let summary = '';
    let peakKb = Number.NaN;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      tail += d;
      const lines = tail.split('\n');
      tail = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith(summaryPrefix)) summary = line;
        const m = /^maxrss-kb (\d+)$/.exec(line);
        if (m) peakKb = Number(m[1]);
      }
    });
    const timer = setTimeout(() => child.kill(), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      // `nashra build` exits 1 when some input was rejected; the benches' inputs are all valid, so only 0 is a run.
      if (code !== 0 || Number.isNaN(peakKb)) reject(new Error(`${path.basename(script)} exited ${code}: ${summary || tail}`));
      else resolve({ ms, peakMb: peakKb / 1024, summary });
    });
  });
}

/**
 * Writes articles `from` … `from + count - 1` to `file` as a JSON array or NDJSON, streaming (never the whole file in
 * memory); returns the bytes written.
 *
 * @example
 * await writeArticleFile('/tmp/x/a.ndjson', 'ndjson', 0, 10_000) //=> 11804000
 */
export async function writeArticleFile(
  file: string,
  format: 'json' | 'ndjson',
  from: number,
  count: number,
  bodyBytes?: number,
): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  const write = async (s: string) => {
    bytes += Buffer.byteLength(s);
    if (!out.write(s)) await once(out, 'drain');
  };
  if (format === 'json') await write('[\n');
  for (let i = 0; i < count; i++) {
    const line = JSON.stringify(articleInputOf(from + i, bodyBytes));
    await write(format === 'json' ? `${i > 0 ? ',\n' : ''}${line}` : `${line}\n`);
  }
  if (format === 'json') await write('\n]\n');
  out.end();
  await once(out, 'close');
  return bytes;
}

/**
 * `count` articles as `files` files under `dir`, alternating NDJSON and JSON arrays; returns the total bytes.
 *
 * @example
 * await writeArticleFolder(dir, 100_000, 10) //=> 118040000
 */
export async function writeArticleFolder(dir: string, count: number, files: number, bodyBytes?: number): Promise<number> {
  let total = 0;
  const per = Math.ceil(count / files);
  for (let f = 0, from = 0; from < count; f++, from += per) {
    const format = f % 2 === 0 ? 'ndjson' : 'json';
    total += await writeArticleFile(
      path.join(dir, `export-${String(f).padStart(2, '0')}.${format}`),
      format,
      from,
      Math.min(per, count - from),
      bodyBytes,
    );
  }
  return total;
}

/**
 * Compiles the in-memory build the streaming one replaced (bench/support/in-memory-build.ts) into `outDir`, the way
 * the CLI is compiled (esbuild, ESM, node20), so both run without a TypeScript loader; returns the file.
 *
 * @example
 * const baseline = await compileInMemoryBuild(tmp); // tmp/in-memory-build.mjs
 */
export async function compileInMemoryBuild(outDir: string): Promise<string> {
  const { build } = await import('esbuild');
  const outfile = path.join(outDir, 'in-memory-build.mjs');
  await build({
    absWorkingDir: ROOT,
    entryPoints: [path.join(ROOT, 'bench/support/in-memory-build.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outfile,
    logLevel: 'warning',
    banner: { js: "import { createRequire as benchRequire } from 'node:module'; const require = benchRequire(import.meta.url);" },
  });
  return outfile;
}

/** Ensures dist/ is current (the benches measure the compiled CLI users run). */
export async function ensureCompiledCli(): Promise<void> {
  // @ts-expect-error: a plain JavaScript module without types
  const { buildCli, isCliStale } = (await import('../../scripts/build-cli.mjs')) as { buildCli(): Promise<void>; isCliStale(): boolean };
  if (isCliStale()) await buildCli();
}
