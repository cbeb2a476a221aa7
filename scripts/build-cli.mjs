#!/usr/bin/env node
// `npm run build` (and `prepare`, so `npm install` runs it): compiles the CLI in bin/ to dist/ with esbuild, one chunk per lazily loaded command.
// Plain JavaScript on purpose: it runs on `npm install`, before anything can compile TypeScript.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
/** The compiled CLI; `bin` and `npm start` point at it. */
export const CLI_ENTRY = path.join(DIST, 'nashra.mjs');
/** What the compiled CLI is built from: a newer file here makes dist/ stale. */
const SOURCES = ['bin', 'lambda', 'package.json', 'package-lock.json', 'scripts/build-cli.mjs'];

/** The newest modification time (ms) of a file, or of any file under a folder. */
function newestMtime(p) {
  const st = statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/**
 * True when dist/ is missing or older than any source it is built from.
 *
 * @example
 * isCliStale() //=> false right after buildCli()
 */
export function isCliStale() {
  const built = statSync(CLI_ENTRY, { throwIfNoEntry: false });
  if (!built) return true;
  return SOURCES.some((s) => newestMtime(path.join(ROOT, s)) > built.mtimeMs);
}

/**
 * Bundles bin/nashra.ts into dist/nashra.mjs plus one chunk per command (dynamic imports stay lazy, so
 * `nashra dates` never loads the feed or HTTP code). Files are written to a temporary folder and swapped
 * in, so a concurrent reader never sees half a build.
 *
 * @example
 * await buildCli(); // dist/nashra.mjs, dist/chunks/*.mjs
 */
export async function buildCli() {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { nashra: 'bin/nashra.ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: DIST,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    minifySyntax: true,
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    logLevel: 'warning',
    write: false,
    // The shebang comes from bin/nashra.ts. ESM bundles of CommonJS dependencies (sanitize-html) need `require` in scope.
    banner: {
      js: "import { createRequire as nashraCreateRequire } from 'node:module'; const require = nashraCreateRequire(import.meta.url);",
    },
  });
  // Chunks first (their names carry a content hash, so they never replace a file in use), the entry last, each file
  // written to a temporary name and renamed: a CLI started during a build runs either the old or the new entry whole.
  const entry = (f) => path.dirname(f.path) === DIST;
  const ordered = [...result.outputFiles.filter((f) => !entry(f)), ...result.outputFiles.filter(entry)];
  for (const file of ordered) {
    mkdirSync(path.dirname(file.path), { recursive: true });
    const temp = `${file.path}.tmp-${process.pid}`;
    writeFileSync(temp, file.contents, { mode: entry(file) ? 0o755 : 0o644 });
    renameSync(temp, file.path);
  }
  const current = new Set(result.outputFiles.map((f) => f.path));
  const chunks = path.join(DIST, 'chunks');
  mkdirSync(chunks, { recursive: true });
  for (const name of readdirSync(chunks)) if (!current.has(path.join(chunks, name))) rmSync(path.join(chunks, name), { force: true });
  return result.outputFiles.length;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes('--if-stale');
  if (ifStale && !isCliStale()) process.exit(0);
  const t0 = performance.now();
  const files = await buildCli();
  const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
  process.stdout.write(`nashra ${version}: CLI compiled to dist/ (${files} files) in ${Math.round(performance.now() - t0)} ms\n`);
}
