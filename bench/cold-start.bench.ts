// Cold-start bench: bundles each handler exactly as `npm run synth` does, reports sizes, and times node start → handler ready
// (30 interleaved runs each) against bare `node -e 0` in the same run. Variants show why the shipped settings were chosen.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions } from 'esbuild';
import { handlerEsbuildOptions } from '../infra/constructs/handler-esbuild-options.ts';
import { LEAN_SANITIZER_ALIASES } from '../infra/constructs/lean-sanitizer-aliases.ts';
import { ARTICLE_PARSER_IMPORT, HANDLER_BUNDLING, PROJECT_ROOT, type HandlerName } from '../infra/constructs/nashra-function.ts';
import { benchLambdaEnv } from './support/run-node-script.ts';

const RUNS = Number(process.env.COLD_START_RUNS ?? 30);
const HANDLERS: HandlerName[] = ['ingest', 'render', 'rebuild', 'serve'];
const out = mkdtempSync(path.join(tmpdir(), 'nashra-cold-'));

function esbuildOptions(format: 'esm' | 'cjs', handler: HandlerName): BuildOptions {
  return handlerEsbuildOptions(handler, format);
}

interface Variant {
  name: string;
  file: string;
  bytes: number;
  gzipBytes: number;
  mapBytes: number;
  nodeOptions?: string;
}

async function bundle(
  name: string,
  handler: HandlerName,
  entry: { file: string } | { contents: string },
  format: 'esm' | 'cjs',
  overrides: BuildOptions = {},
): Promise<Variant> {
  const file = path.join(out, `${name}.${format === 'esm' ? 'mjs' : 'cjs'}`);
  await build({
    ...esbuildOptions(format, handler),
    ...('file' in entry
      ? { entryPoints: [entry.file] }
      : {
          stdin: {
            contents: entry.contents,
            resolveDir: path.join(PROJECT_ROOT, 'lambda', 'handlers'),
            loader: 'ts',
            sourcefile: `${name}.ts`,
          },
        }),
    outfile: file,
    ...overrides,
  });
  const body = readFileSync(file);
  return { name, file, bytes: body.byteLength, gzipBytes: gzipSync(body).byteLength, mapBytes: statSync(`${file}.map`).size };
}

const env = benchLambdaEnv();

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
  const report = 'const c = process.cpuUsage(); console.log(JSON.stringify({ ready: performance.now(), cpu: (c.user + c.system) / 1000 }))';
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
  for (const h of HANDLERS) shipped.push(await bundle(h, h, { file: path.join(PROJECT_ROOT, 'lambda', 'handlers', `${h}.ts`) }, 'esm'));
  const variants: Variant[] = [
    ...shipped,
    await bundle('render-cjs', 'render', { file: path.join(PROJECT_ROOT, 'lambda', 'handlers', 'render.ts') }, 'cjs'),
    // Render with the article parser bundled (lazy, never evaluated), to weigh leaving it out (HANDLER_EXCLUDED_MODULES).
    await bundle('render-with-parser', 'ingest', { file: path.join(PROJECT_ROOT, 'lambda', 'handlers', 'render.ts') }, 'esm'),
    // Render with the SDK's S3 client constructed at init (as it was before S3FeedPublisher moved to aws4fetch), to weigh that move.
    await bundle(
      'render-sdk-s3-client',
      'render',
      {
        contents:
          "export { handler } from './render.ts';\nimport { S3Client } from '@aws-sdk/client-s3';\nexport const s3 = new S3Client({});",
      },
      'esm',
    ),
    // Render with the SDK's DynamoDB document client constructed at init (as the store ran before DynamoDbHttpClient), to weigh that move.
    await bundle(
      'render-sdk-dynamodb',
      'render',
      {
        contents:
          "export { handler } from './render.ts';\nimport { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';\n" +
          'export const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });',
      },
      'esm',
    ),
    // Ingest with the article parser evaluated at init: what its first request adds on top of the shipped init.
    await bundle(
      'ingest-eager-parser',
      'ingest',
      { contents: "export { handler } from './ingest.ts';\nimport '../core/articles/index.ts';" },
      'esm',
    ),
    // Ingest with the whole sanitize-html (postcss, all of htmlparser2), to weigh LEAN_SANITIZER_ALIASES in HANDLER_BUNDLING.
    await bundle('ingest-full-sanitizer', 'ingest', { file: path.join(PROJECT_ROOT, 'lambda', 'handlers', 'ingest.ts') }, 'esm', {
      alias: Object.fromEntries(
        Object.entries(esbuildOptions('esm', 'ingest').alias ?? {}).filter(
          ([from]) => !LEAN_SANITIZER_ALIASES.some((a) => a.startsWith(`${from}=`)),
        ),
      ),
    }),
    // Ingest with the article parser left out of the file (external), as if it shipped as a second file loaded on the
    // first request: the floor of ingest's init while the parser is in the one bundle.
    await bundle('ingest-parser-apart', 'ingest', { file: path.join(PROJECT_ROOT, 'lambda', 'handlers', 'ingest.ts') }, 'esm', {
      external: [ARTICLE_PARSER_IMPORT],
    }),
    { ...shipped[1]!, name: 'render+source-maps', nodeOptions: '--enable-source-maps' },
  ];

  console.log(`bundles (esbuild ${HANDLER_BUNDLING.format}, ${HANDLER_BUNDLING.target}, minified, SDK bundled):`);
  for (const v of variants.filter((x) => !x.nodeOptions)) {
    console.log(
      `  ${v.name.padEnd(22)} ${kb(v.bytes).padStart(9)}  gzip ${kb(v.gzipBytes).padStart(8)}  map ${kb(v.mapBytes).padStart(9)}`,
    );
  }

  const bareName = 'bare node -e 0';
  const samples = new Map<string, InitSample[]>([[bareName, []], ...variants.map((v) => [v.name, []] as [string, InitSample[]])]);
  timeInit(undefined); // warm the file cache once
  for (const v of variants) timeInit(v);
  for (let i = 0; i < RUNS; i++) {
    samples.get(bareName)!.push(timeInit(undefined));
    for (const v of variants) samples.get(v.name)!.push(timeInit(v));
  }
  const med = (name: string, k: keyof InitSample) =>
    quantile(
      samples.get(name)!.map((x) => x[k]),
      0.5,
    );
  const bare = { wall: med(bareName, 'wall'), ready: med(bareName, 'ready'), cpu: med(bareName, 'cpu') };
  console.log(
    `\ncold init, node start → handler ready, ${RUNS} interleaved runs each (node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)}):`,
  );
  console.log(
    `  ${'variant'.padEnd(22)} ${'wall median'.padStart(11)} ${'p90'.padStart(8)} ${'ratio'.padStart(6)}   ${'ready med'.padStart(9)} ${'ratio'.padStart(6)}   ${'cpu med'.padStart(8)} ${'ratio'.padStart(6)}`,
  );
  for (const [name, xs] of samples) {
    const wall = med(name, 'wall');
    const ratio = wall / bare.wall;
    const verdict = name === bareName ? '' : ratio <= 1.5 ? '  ✓ goal (≤1.5×)' : ratio <= 2 ? '  ✓ bar (≤2×)' : '  ✗ over 2×';
    console.log(
      `  ${name.padEnd(22)} ${wall.toFixed(1).padStart(9)}ms ${quantile(
        xs.map((x) => x.wall),
        0.9,
      )
        .toFixed(1)
        .padStart(6)}ms ${ratio.toFixed(2).padStart(5)}×` +
        `   ${med(name, 'ready').toFixed(1).padStart(7)}ms ${(med(name, 'ready') / bare.ready).toFixed(2).padStart(5)}×` +
        `   ${med(name, 'cpu').toFixed(1).padStart(6)}ms ${(med(name, 'cpu') / bare.cpu).toFixed(2).padStart(5)}×${verdict}`,
    );
  }
  console.log('  (wall: spawn → exit seen from here; ready: inside the child, node start → handler ready; cpu: user+system up to ready)');
} finally {
  rmSync(out, { recursive: true, force: true });
}
