// Ingest first-request bench: node start → ingest bundle ready → first POST /articles answered (201, stored in dynalite on
// 127.0.0.1), interleaved with bare `node -e 0`. The cold-start bench stops at "ready"; the article parser (zod/mini,
// sanitize-html, the date grammar) is imported lazily on the first request, so this is what a cold POST really costs.
// INGEST_BENCH_BASELINE=<another checkout> (e.g. `git worktree add /tmp/old <rev>`) also times that checkout's ingest
// bundle, built with its own handler options, in the same interleaved runs.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { handlerEntryOf, handlerEsbuildOptions } from '../infra/constructs/handler-esbuild-options.ts';
import { LEAN_SANITIZER_ALIASES } from '../infra/constructs/lean-sanitizer-aliases.ts';
import { apiGatewayV2EventFrom } from '../tests/handlers/lambda-events.ts';
import { startDynalite } from '../tests/support/dynalite.ts';
import { benchLambdaEnv, median, runNodeScript } from './support/run-node-script.ts';

const RUNS = Number(process.env.INGEST_FIRST_REQUEST_RUNS ?? 20);
const BASELINE = process.env.INGEST_BENCH_BASELINE;
const out = mkdtempSync(path.join(tmpdir(), 'nashra-ingest-first-'));

interface Sample {
  /** ms from node start to the handler module loaded. */
  ready: number;
  /** ms from node start to the first POST /articles answered. */
  answered: number;
}

/** One article as a CMS sends it: Arabic date text for the normalizer, HTML for the sanitizer. */
function articleBody(run: number): string {
  return JSON.stringify({
    key: `bench-${run}`,
    url: `https://news.example/articles/bench-${run}`,
    title: `لافروف في الصين.. مباحثات حول التعاون الإستراتيجي (${run})`,
    summary: 'عززت الصين وروسيا تعاونهما في مجالات الأمن والطاقة.',
    content: '<p>نص الخبر.</p><h2>العلاقات الصينية الروسية</h2><p onclick="x()">فقرة ثانية <a href="https://example.com">رابط</a></p>',
    authors: ['وكالات'],
    categories: ['سياسة'],
    published: 'الإثنين 29 أبريل / أبريل 2024',
  });
}

/** Spawns node; with a bundle, imports it and answers one POST /articles event; prints its own timings. */
function run(file: string | undefined, env: NodeJS.ProcessEnv, event?: string): Promise<Sample> {
  const script = file
    ? `const ev = JSON.parse(process.env.BENCH_EVENT); import(${JSON.stringify(pathToFileURL(file).href)}).then(async (m) => { const ready = performance.now(); ` +
      `const r = await m.handler(ev); if (r.statusCode !== 201) { console.error(r.statusCode, r.body); process.exit(3); } ` +
      `console.log(JSON.stringify({ ready, answered: performance.now() })); })`
    : 'const t = performance.now(); console.log(JSON.stringify({ ready: t, answered: t }))';
  return runNodeScript<Sample>(script, { ...env, ...(event ? { BENCH_EVENT: event } : {}) }, 20_000);
}

const db = await startDynalite();
try {
  const env = benchLambdaEnv({
    TABLE_NAME: await db.createTable(),
    AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
    AWS_MAX_ATTEMPTS: '1',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  const bundles = new Map<string, string>([['ingest', path.join(out, 'ingest.mjs')]]);
  await build({
    ...handlerEsbuildOptions('ingest'),
    sourcemap: false,
    entryPoints: [handlerEntryOf('ingest')],
    outfile: bundles.get('ingest')!,
  });
  // With the whole sanitize-html (LEAN_SANITIZER_ALIASES taken out), to weigh those aliases in HANDLER_BUNDLING.
  const shipped = handlerEsbuildOptions('ingest');
  bundles.set('ingest-full-sanitizer', path.join(out, 'ingest-full.mjs'));
  await build({
    ...shipped,
    alias: Object.fromEntries(
      Object.entries(shipped.alias ?? {}).filter(([from]) => !LEAN_SANITIZER_ALIASES.some((a) => a.startsWith(`${from}=`))),
    ),
    sourcemap: false,
    entryPoints: [handlerEntryOf('ingest')],
    outfile: bundles.get('ingest-full-sanitizer')!,
  });
  if (BASELINE) {
    const other = (await import(
      pathToFileURL(path.resolve(BASELINE, 'infra/constructs/handler-esbuild-options.ts')).href
    )) as typeof import('../infra/constructs/handler-esbuild-options.ts');
    bundles.set(`baseline ${path.basename(path.resolve(BASELINE))}`, path.join(out, 'baseline.mjs'));
    await build({
      ...other.handlerEsbuildOptions('ingest'),
      sourcemap: false,
      entryPoints: [other.handlerEntryOf('ingest')],
      outfile: path.join(out, 'baseline.mjs'),
    });
  }
  let n = 0;
  const event = async () =>
    JSON.stringify(
      await apiGatewayV2EventFrom(
        new Request('https://api.example/articles', {
          method: 'POST',
          body: articleBody(n++),
          headers: { 'content-type': 'application/json' },
        }),
      ),
    );
  await run(undefined, env);
  for (const file of bundles.values()) await run(file, env, await event()); // warm the file cache
  const bare: Sample[] = [];
  const samples = new Map<string, Sample[]>([...bundles.keys()].map((k) => [k, []]));
  for (let i = 0; i < RUNS; i++) {
    bare.push(await run(undefined, env));
    for (const [name, file] of bundles) samples.get(name)!.push(await run(file, env, await event()));
  }
  const b = median(bare.map((s) => s.ready));
  console.log(
    `node start → ingest bundle ready → first POST /articles answered (201, dynalite), ${RUNS} interleaved runs (node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)}):`,
  );
  console.log(
    `  ${'bundle'.padEnd(24)} ${'KiB'.padStart(5)} ${'ready'.padStart(9)} ${'ratio'.padStart(6)} ${'answered'.padStart(9)} ${'ratio'.padStart(6)} ${'request'.padStart(9)}`,
  );
  console.log(`  ${'bare node -e 0'.padEnd(24)} ${''.padStart(5)} ${b.toFixed(1).padStart(7)}ms`);
  for (const [name, xs] of samples) {
    const ready = median(xs.map((s) => s.ready));
    const answered = median(xs.map((s) => s.answered));
    console.log(
      `  ${name.padEnd(24)} ${(statSync(bundles.get(name)!).size / 1024).toFixed(0).padStart(5)} ${ready.toFixed(1).padStart(7)}ms ${(ready / b).toFixed(2).padStart(5)}×` +
        ` ${answered.toFixed(1).padStart(7)}ms ${(answered / b).toFixed(2).padStart(5)}× ${median(xs.map((s) => s.answered - s.ready))
          .toFixed(1)
          .padStart(7)}ms`,
    );
  }
  console.log(
    '  (medians, inside each child from its node start; the first request loads the parser, then signs and sends the DynamoDB calls)',
  );
} finally {
  await db.stop();
  rmSync(out, { recursive: true, force: true });
}
