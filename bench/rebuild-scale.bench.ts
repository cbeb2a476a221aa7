// Rebuild at scale: N articles in 2,000 feeds on dynalite + s3rver (their own process), the real rebuild handler in a
// child process: time, peak memory and requests of a first rebuild, of a daily rebuild of an unchanged site through the
// publish ledger, and of the same daily rebuild the old way (one S3 HEAD per document: the baseline), with a projection.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbArticleStore } from '../lambda/adapters/dynamodb-article-store.ts';
import { createLedgerTableInput } from '../lambda/adapters/dynamodb-publish-ledger.ts';
import { systemClock } from '../lambda/adapters/system-clock.ts';
import type { Article } from '../lambda/core/articles/article.ts';
import { localDynamoConfig, localDynamoHttpClient, startDynalite } from '../tests/support/dynalite.ts';
import { startS3rver } from '../tests/support/s3rver.ts';
import { createSampleArticle, sampleDate } from '../tests/core/feeds/sample-articles.ts';

const N = Number(process.env.BENCH_ARTICLES ?? 100_000);
/** 1 "all" + 1,600 categories + 300 authors + 99 sources = 2,000 feeds; each article is in 4. */
const CATEGORIES = 1_600;
const AUTHORS = 300;
const SOURCES = 99;
const SEED_CONCURRENCY = 16;
const file = fileURLToPath(import.meta.url);

interface RebuildFigures {
  ms: number;
  documents: number;
  written: number;
  peakLiveMb: number;
  maxRssMb: number;
  requests: Record<string, number>;
}

const mode = process.argv[2];
if (mode === 'servers') await servers();
else if (mode === 'rebuild') await rebuildChild();
else await parent();

/** dynalite + s3rver on 127.0.0.1, in this process, until the parent closes stdin. */
async function servers(): Promise<void> {
  const db = await startDynalite();
  const s3 = await startS3rver({ bucket: 'scale-site' });
  const table = await db.createTable('articles');
  await db.client.send(new CreateTableCommand(createLedgerTableInput('ledger')));
  s3.requests.length = 0;
  // s3rver logs each request in `requests`: keep it from growing with the run.
  setInterval(() => (s3.requests.length = 0), 1000).unref();
  console.log(JSON.stringify({ dynamo: db.endpoint, s3: s3.endpoint, bucket: s3.bucket, table }));
  process.stdin.resume();
  process.stdin.on('end', async () => {
    await s3.stop();
    await db.stop();
    process.exit(0);
  });
}

/** The real rebuild handler, its requests counted and its memory sampled. */
async function rebuildChild(): Promise<void> {
  const requests: Record<string, number> = {};
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    // aws4fetch passes a signed Request; the DynamoDB client passes a URL and init.
    const url = String(input instanceof Request ? input.url : input);
    const method = input instanceof Request ? input.method : (init?.method ?? 'GET');
    const target = (input instanceof Request ? input.headers : new Headers(init?.headers)).get('x-amz-target');
    const service = url.startsWith(process.env.AWS_ENDPOINT_URL_S3!) ? `S3 ${method}` : `DynamoDB ${target?.split('.')[1] ?? 'request'}`;
    requests[service] = (requests[service] ?? 0) + 1;
    return realFetch(input, init);
  };
  let peak = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.heapUsed + m.arrayBuffers);
  };
  const timer = setInterval(sample, 20);
  const { handler } = await import('../lambda/handlers/rebuild.ts');
  const started = performance.now();
  const result = await handler();
  const ms = performance.now() - started;
  clearInterval(timer);
  sample();
  const figures: RebuildFigures = {
    ms,
    documents: result.documents,
    written: result.written,
    peakLiveMb: peak / 2 ** 20,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    requests,
  };
  console.log(JSON.stringify(figures));
}

/**
 * Documents of a site of n articles generated as here: per feed the current page and one archive page per 25 articles
 * (complete pages only), in three formats, plus index.html, feed.css and the summaries.
 */
function projectedDocuments(n: number): number {
  const pages = (articles: number) => 1 + Math.floor(articles / 25);
  const per = (feeds: number) => feeds * pages(n / feeds);
  return 3 * (pages(n) + per(CATEGORIES) + per(AUTHORS) + per(SOURCES)) + 3;
}

function article(i: number): Article {
  return createSampleArticle({
    id: `scale-${i}`,
    url: `https://news.example.sa/${i}`,
    title: `خبر رقم ${i} عن الاقتصاد والسياسة في المنطقة`,
    content: `<p>نص الخبر رقم ${i}، فقرة أولى قصيرة.</p>`,
    images: [],
    authors: [`كاتب ${i % AUTHORS}`],
    categories: [`قسم ${i % CATEGORIES}`],
    source: `مصدر ${i % SOURCES}`,
    published: sampleDate(new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString()),
  });
}

async function parent(): Promise<void> {
  console.log(
    `rebuild-scale bench: ${N.toLocaleString('en')} articles in ${1 + CATEGORIES + AUTHORS + SOURCES} feeds (each article in 4), dynalite + s3rver in their own process, the rebuild handler in a child.`,
  );
  const srv: ChildProcess = spawn(process.execPath, ['--import', 'tsx', file, 'servers'], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: srv.stdout! }).once('line', resolve);
      srv.once('exit', (code) => reject(new Error(`servers exited (${code})`)));
    });
    const { dynamo, s3, bucket, table } = JSON.parse(line) as { dynamo: string; s3: string; bucket: string; table: string };

    const seedStarted = performance.now();
    const store = new DynamoDbArticleStore({ client: localDynamoHttpClient(dynamo), tableName: table, clock: systemClock });
    let next = 0;
    await Promise.all(
      Array.from({ length: SEED_CONCURRENCY }, async () => {
        while (next < N) await store.put(article(next++));
      }),
    );
    console.log(`seeded ${N.toLocaleString('en')} articles in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s`);
    new DynamoDBClient(localDynamoConfig(dynamo)).destroy();

    const env = {
      ...process.env,
      TABLE_NAME: table,
      BUCKET_NAME: bucket,
      STAGE: 'bench',
      SITE_BASE_URL: 'https://feeds.nashra.test/',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_ENDPOINT_URL_DYNAMODB: dynamo,
      AWS_ENDPOINT_URL_S3: s3,
      S3_FORCE_PATH_STYLE: 'true',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
    };
    const rebuild = (label: string, ledger: boolean): RebuildFigures => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', file, 'rebuild'], {
        env: { ...env, ...(ledger ? { LEDGER_TABLE_NAME: 'ledger' } : {}) },
        encoding: 'utf8',
        maxBuffer: 1 << 22,
      });
      if (r.status !== 0) throw new Error(`${label} failed: ${r.stderr.slice(-2000)}`);
      const f = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as RebuildFigures;
      const reqs = Object.entries(f.requests)
        .sort()
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      console.log(
        `${label.padEnd(44)} ${(f.ms / 1000).toFixed(1).padStart(7)} s  ${f.documents} documents, ${f.written} written  peak live ${f.peakLiveMb.toFixed(0)} MB, max RSS ${f.maxRssMb.toFixed(0)} MB  [${reqs}]`,
      );
      return f;
    };
    rebuild('first rebuild (ledger, writes everything)', true);
    const daily = rebuild('daily rebuild, unchanged (ledger compare)', true);
    const baseline = rebuild('baseline: unchanged, one HEAD per document', false);
    console.log(
      `ratio daily/baseline: ${(daily.ms / baseline.ms).toFixed(2)} (time), ${(daily.peakLiveMb / baseline.peakLiveMb).toFixed(2)} (peak live memory)`,
    );

    // Projection: the rebuild visits every document; time and requests scale with documents, not articles.
    const perDocumentMs = daily.ms / daily.documents;
    const requestsPerDocument = (prefix: string) =>
      Object.entries(daily.requests)
        .filter(([k]) => k.startsWith(prefix))
        .reduce((a, [, v]) => a + v, 0) / daily.documents;
    for (const n of [100_000, 1_000_000]) {
      const docs = projectedDocuments(n);
      // Assumed in-region latencies, requests one after another: DynamoDB 5 ms, S3 GET 15 ms.
      const awsS = (docs * (requestsPerDocument('DynamoDB') * 5 + requestsPerDocument('S3') * 15)) / 1000;
      console.log(
        `projection to ${n.toLocaleString('en')} articles: ${docs.toLocaleString('en')} documents (model checked against this run: ${projectedDocuments(N).toLocaleString('en')} vs ${daily.documents.toLocaleString('en')}); ` +
          `daily rebuild ≈ ${((docs * perDocumentMs) / 1000).toFixed(0)} s on these emulators, ≈ ${awsS.toFixed(0)} s in AWS at 5 ms per DynamoDB and 15 ms per S3 request (${requestsPerDocument('DynamoDB').toFixed(2)} and ${requestsPerDocument('S3').toFixed(2)} per document)`,
      );
    }
  } finally {
    srv.stdin?.end();
    await new Promise((r) => srv.once('exit', r));
  }
}
