// Cold-start bench: bundles each handler exactly as `npm run synth` does, reports sizes, and times node start → handler ready
// (30 interleaved runs each) against bare `node -e 0` in the same run. Variants show why the shipped settings were chosen.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { HANDLER_BUNDLING, PROJECT_ROOT, type HandlerName } from '../infra/constructs/nashra-function.ts';

const RUNS = Number(process.env.COLD_START_RUNS ?? 30);
const HANDLERS: HandlerName[] = ['ingest', 'render', 'rebuild', 'serve'];
const out = mkdtempSync(path.join(tmpdir(), 'nashra-cold-'));

/** The esbuild options NodejsFunction derives from HANDLER_BUNDLING (see aws-lambda-nodejs bundling). */
function esbuildOptions(format: 'esm' | 'cjs'): BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    target: HANDLER_BUNDLING.target,
    format,
    minify: HANDLER_BUNDLING.minify,
    sourcemap: HANDLER_BUNDLING.sourceMap,
    sourcesContent: HANDLER_BUNDLING.sourcesContent,
    mainFields: [...HANDLER_BUNDLING.mainFields],
    ...(format === 'esm' ? { banner: { js: HANDLER_BUNDLING.banner } } : {}),
    logLevel: 'silent',
  };
}

/**
 * Bench-only source rewrites that SIMULATE keeping zod and sanitize-html off the read paths: the site service
 * importing parseArticles lazily, the feed renderers taking `maxAgeOf` from a zod-free module, and the Lambda
 * config validated at synth time. Not shipped: they quantify what those changes to the core would buy.
 */
const keepValidationOffReadPaths: Plugin = {
  name: 'simulate-lazy-validation',
  setup(b) {
    const rewrite = (file: string, pairs: Array<[string, string]>) => {
      let text = readFileSync(file, 'utf8');
      for (const [from, to] of pairs) {
        if (!text.includes(from)) throw new Error(`simulation out of date: ${path.basename(file)} no longer has ${from}`);
        text = text.split(from).join(to);
      }
      return { contents: text, loader: 'ts' as const };
    };
    const maxAge = "import type { SiteConfig } from '../config/site-config.ts';\nconst maxAgeOf = (c: { maxAge?: number; ttl: number }) => c.maxAge ?? c.ttl * 60;";
    b.onLoad({ filter: /core\/site\/site-service\.ts$/ }, (a) =>
      rewrite(a.path, [
        ["import { parseArticles } from '../articles/index.ts';", ''],
        ['parseArticles(input', "(await import('../articles/index.ts')).parseArticles(input"],
      ]),
    );
    b.onLoad({ filter: /core\/feeds\/render-(feed-documents|site-pages)\.ts$/ }, (a) =>
      rewrite(a.path, [["import { maxAgeOf, type SiteConfig } from '../config/site-config.ts';", maxAge]]),
    );
    b.onLoad({ filter: /adapters\/lambda-config\.ts$/ }, (a) =>
      rewrite(a.path, [
        ["import { parseSiteConfig, type SiteConfig } from '../core/config/index.ts';", "import type { SiteConfig } from '../core/config/index.ts';\nconst parseSiteConfig = (v: any): SiteConfig => v;"],
      ]),
    );
  },
};

interface Variant {
  name: string;
  file: string;
  bytes: number;
  gzipBytes: number;
  mapBytes: number;
  nodeOptions?: string;
}

async function bundle(name: string, entry: { file: string } | { contents: string }, format: 'esm' | 'cjs', plugins: Plugin[] = []): Promise<Variant> {
  const file = path.join(out, `${name}.${format === 'esm' ? 'mjs' : 'cjs'}`);
  await build({
    ...esbuildOptions(format),
    ...('file' in entry
      ? { entryPoints: [entry.file] }
      : { stdin: { contents: entry.contents, resolveDir: path.join(PROJECT_ROOT, 'lambda', 'handlers'), loader: 'ts', sourcefile: `${name}.ts` } }),
    outfile: file,
    plugins,
  });
  const body = readFileSync(file);
  return { name, file, bytes: body.byteLength, gzipBytes: gzipSync(body).byteLength, mapBytes: statSync(`${file}.map`).size };
}

const env = {
  ...process.env,
  TABLE_NAME: 'bench-table',
  BUCKET_NAME: 'bench-bucket',
  STAGE: 'bench',
  SITE_BASE_URL: 'https://d111111abcdef8.cloudfront.net/',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  NODE_OPTIONS: '',
};

interface InitSample {
  /** Wall ms from spawn to exit, as seen by this process. */
  wall: number;
  /** ms from the child's own time origin (node start) to "handler ready", from inside the child. */
  ready: number;
  /** CPU ms (user + system) the child used up to ready. */
  cpu: number;
}

/** One node process that imports the bundle, checks `handler` is a function, and reports when it was ready. */
function timeInit(v: Variant | undefined): InitSample {
  const report = "const c = process.cpuUsage(); console.log(JSON.stringify({ ready: performance.now(), cpu: (c.user + c.system) / 1000 }))";
  const script = v
    ? `import(${JSON.stringify(pathToFileURL(v.file).href)}).then((m) => { if (typeof m.handler !== 'function') process.exit(3); ${report}; })`
    : report;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-e', script], { env: { ...env, NODE_OPTIONS: v?.nodeOptions ?? '' }, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${v?.name ?? 'bare node'} failed to start: ${r.stderr.slice(0, 500)}`);
  const { ready, cpu } = JSON.parse(r.stdout.trim().split('\n').pop()!) as { ready: number; cpu: number };
  return { wall, ready, cpu };
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))]!;
};

const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;

try {
  const shipped: Variant[] = [];
  for (const h of HANDLERS) shipped.push(await bundle(h, { file: path.join(PROJECT_ROOT, 'lambda', 'handlers', `${h}.ts`) }, 'esm'));
  const variants: Variant[] = [
    ...shipped,
    { ...(await bundle('render-cjs', { file: path.join(PROJECT_ROOT, 'lambda', 'handlers', 'render.ts') }, 'cjs')) },
    // The ingest function with its S3 path loaded eagerly, to weigh the lazy import it ships with.
    await bundle('ingest-eager-s3', { contents: "export { handler } from './ingest.ts';\nimport './ingest-s3-objects.ts';" }, 'esm'),
    { ...shipped[1]!, name: 'render+source-maps', nodeOptions: '--enable-source-maps' },
    await bundle('render-lazy-zod*', { file: path.join(PROJECT_ROOT, 'lambda', 'handlers', 'render.ts') }, 'esm', [keepValidationOffReadPaths]),
    await bundle('serve-lazy-zod*', { file: path.join(PROJECT_ROOT, 'lambda', 'handlers', 'serve.ts') }, 'esm', [keepValidationOffReadPaths]),
  ];

  console.log(`bundles (esbuild ${HANDLER_BUNDLING.format}, ${HANDLER_BUNDLING.target}, minified, SDK bundled):`);
  for (const v of variants.filter((x) => !x.nodeOptions)) {
    console.log(`  ${v.name.padEnd(18)} ${kb(v.bytes).padStart(9)}  gzip ${kb(v.gzipBytes).padStart(8)}  map ${kb(v.mapBytes).padStart(9)}`);
  }

  const bareName = 'bare node -e 0';
  const samples = new Map<string, InitSample[]>([[bareName, []], ...variants.map((v) => [v.name, []] as [string, InitSample[]])]);
  timeInit(undefined); // warm the file cache once
  for (const v of variants) timeInit(v);
  for (let i = 0; i < RUNS; i++) {
    samples.get(bareName)!.push(timeInit(undefined));
    for (const v of variants) samples.get(v.name)!.push(timeInit(v));
  }
  const med = (name: string, k: keyof InitSample) => quantile(samples.get(name)!.map((x) => x[k]), 0.5);
  const bare = { wall: med(bareName, 'wall'), ready: med(bareName, 'ready'), cpu: med(bareName, 'cpu') };
  console.log(`\ncold init, node start → handler ready, ${RUNS} interleaved runs each (node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)}):`);
  console.log(`  ${'variant'.padEnd(20)} ${'wall median'.padStart(11)} ${'p90'.padStart(8)} ${'ratio'.padStart(6)}   ${'ready med'.padStart(9)} ${'ratio'.padStart(6)}   ${'cpu med'.padStart(8)} ${'ratio'.padStart(6)}`);
  for (const [name, xs] of samples) {
    const wall = med(name, 'wall');
    const ratio = wall / bare.wall;
    const verdict = name === bareName ? '' : ratio <= 1.5 ? '  ✓ goal (≤1.5×)' : ratio <= 2 ? '  ✓ bar (≤2×)' : '  ✗ over 2×';
    console.log(
      `  ${name.padEnd(20)} ${wall.toFixed(1).padStart(9)}ms ${quantile(xs.map((x) => x.wall), 0.9).toFixed(1).padStart(6)}ms ${ratio.toFixed(2).padStart(5)}×` +
        `   ${med(name, 'ready').toFixed(1).padStart(7)}ms ${(med(name, 'ready') / bare.ready).toFixed(2).padStart(5)}×` +
        `   ${med(name, 'cpu').toFixed(1).padStart(6)}ms ${(med(name, 'cpu') / bare.cpu).toFixed(2).padStart(5)}×${verdict}`,
    );
  }
  console.log('  (wall: spawn → exit seen from here; ready: inside the child, node start → handler ready; cpu: user+system up to ready)');
  console.log('  * simulated, not shipped: zod and sanitize-html kept off the read paths (see keepValidationOffReadPaths)');
} finally {
  rmSync(out, { recursive: true, force: true });
}
