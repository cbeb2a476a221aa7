// Rebuild at scale: N articles in 2,000 feeds on dynalite + s3rver (their own process), the real handlers in child
// processes: time, max RSS and requests of the single-function rebuild (first run, then a daily run of the unchanged
// site; its daily run one write at a time is the baseline) and of the fanned-out rebuild (rebuild-plan, then
// rebuild-feeds workers as W child processes side by side), with a projection to 1,000,000 articles for both.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
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
const SEED_CONCURRENCY = Number(process.env.BENCH_SEED_CONCURRENCY ?? 48);
/** Writes in flight per process (REBUILD_CONCURRENCY of the handlers). */
const CONCURRENCY = Number(process.env.REBUILD_CONCURRENCY ?? 16);
/** Workers side by side: the event source mapping's maximum concurrency in the stack. */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 5);
/** The serial baseline (one write at a time, as before the bound) is run up to this many articles. */
const SERIAL_UP_TO = Number(process.env.BENCH_SERIAL_UP_TO ?? 20_000);
const file = fileURLToPath(import.meta.url);

interface RebuildFigures {
  ms: number;
  documents: number;
  written: number;
  peakLiveMb: number;
  maxRssMb: number;
  requests: Record<string, number>;
  /** CPU time of the handler's process (user + system) from the handler's import on: rendering, hashing, signing. */
  cpuMs: number;
  /** Workers: each message's feeds, articles and time. */
  batches?: Array<{ feeds: number; ms: number }>;
  batchesQueued?: number;
}

/** dynalite + s3rver on 127.0.0.1, in this process, until the parent closes stdin. */
async function servers(): Promise<void> {
  const db = await startDynalite();
  const s3 = await startS3rver({ bucket: 'scale-site' });
  const table = await db.createTable('articles');
  for (const t of ['ledger', 'ledger-fanned']) await db.client.send(new CreateTableCommand(createLedgerTableInput(t)));
  await s3.client.send(new CreateBucketCommand({ Bucket: 'scale-fanned' }));
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

/** A real handler (rebuild, rebuild-plan, or rebuild-feeds over the messages on stdin), its requests counted and its memory sampled. */
async function rebuildChild(kind: 'rebuild' | 'plan' | 'worker'): Promise<void> {
  const requests: Record<string, number> = {};
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    // aws4fetch passes a signed Request; the DynamoDB client passes a URL and init.
    const url = String(input instanceof Request ? input.url : input);
    const method = input instanceof Request ? input.method : (init?.method ?? 'GET');
    const target = (input instanceof Request ? input.headers : new Headers(init?.headers)).get('x-amz-target');
    const service = url.startsWith(process.env.AWS_ENDPOINT_URL_S3!)
      ? `S3 ${method}`
      : target?.startsWith('AmazonSQS')
        ? `SQS ${target.split('.')[1]}`
        : `DynamoDB ${target?.split('.')[1] ?? 'request'}`;
    requests[service] = (requests[service] ?? 0) + 1;
    return realFetch(input, init);
  };
  let peak = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.heapUsed + m.arrayBuffers);
  };
  const timer = setInterval(sample, 20);
  // The handler modules are imported first (tsx compiles them: seconds here, unlike a bundled Lambda): not timed.
  const mod =
    kind === 'rebuild'
      ? await import('../lambda/handlers/rebuild.ts')
      : kind === 'plan'
        ? await import('../lambda/handlers/rebuild-plan.ts')
        : await import('../lambda/handlers/rebuild-feeds.ts');
  const chunks: Buffer[] = [];
  if (kind === 'worker') for await (const c of process.stdin) chunks.push(c as Buffer);
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  let documents = 0;
  let written = 0;
  let batchesQueued: number | undefined;
  const batches: Array<{ feeds: number; ms: number }> = [];
  if (kind === 'rebuild') {
    const { handler } = mod as typeof import('../lambda/handlers/rebuild.ts');
    const r = await handler();
    documents = r.documents;
    written = r.written;
  } else if (kind === 'plan') {
    const { handler } = mod as typeof import('../lambda/handlers/rebuild-plan.ts');
    const r = await handler();
    documents = r.documents;
    batchesQueued = r.batches;
  } else {
    const messages = JSON.parse(Buffer.concat(chunks).toString('utf8')) as string[];
    const { handler } = mod as typeof import('../lambda/handlers/rebuild-feeds.ts');
    for (const [i, body] of messages.entries()) {
      const t = performance.now();
      const r = await handler({ Records: [{ messageId: `m${i}`, body }] } as never);
      if (r.batchItemFailures.length > 0) throw new Error(`worker: message ${i} failed`);
      batches.push({ feeds: (JSON.parse(body) as { feeds?: string[] }).feeds?.length ?? 0, ms: performance.now() - t });
    }
  }
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(timer);
  sample();
  const figures: RebuildFigures = {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    documents,
    written,
    peakLiveMb: peak / 2 ** 20,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    requests,
    ...(kind === 'worker' ? { batches } : {}),
    ...(batchesQueued !== undefined ? { batchesQueued } : {}),
  };
  console.log(JSON.stringify(figures));
}

/** Runs a child and resolves with its last stdout line as figures. */
function runChild(kind: string, env: NodeJS.ProcessEnv, stdin?: string): Promise<RebuildFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, kind], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (err = (err + c.toString('utf8')).slice(-4000)));
    child.stdin.end(stdin ?? '');
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`${kind} child failed (${code}): ${err.slice(-2000)}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1)!) as RebuildFigures);
    });
  });
}

/** Assumed in-region request latencies (ms) for the AWS projection. */
const LATENCY_MS: Record<string, number> = { DynamoDB: 5, S3: 15, SQS: 10 };
/** Lambda gives 1 vCPU at 1,769 MB; the rebuild functions have 1,024 MB. */
const LAMBDA_CPU_FACTOR = 1769 / 1024;

/** A run's time in AWS, scaled by `scale`: its CPU (on Lambda's share of a core) or its requests, whichever is longer. */
function awsMs(f: Pick<RebuildFigures, 'cpuMs' | 'requests'>, scale: number): number {
  const io = Object.entries(f.requests).reduce((a, [k, v]) => a + v * (LATENCY_MS[k.split(' ')[0]!] ?? 10), 0) / CONCURRENCY;
  return Math.max(f.cpuMs * LAMBDA_CPU_FACTOR, io) * scale;
}

function sumRequests(all: RebuildFigures[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of all) for (const [k, v] of Object.entries(f.requests)) out[k] = (out[k] ?? 0) + v;
  return out;
}

function requestTotal(r: Record<string, number>, prefix = ''): number {
  return Object.entries(r)
    .filter(([k]) => k.startsWith(prefix))
    .reduce((a, [, v]) => a + v, 0);
}

/** Feed documents of a site of n articles generated as here: per feed the current page and one archive page per 25 articles (complete pages only), in three formats. */
function feedDocuments(n: number): number {
  const pages = (articles: number) => 1 + Math.floor(articles / 25);
  const per = (feeds: number) => feeds * pages(n / feeds);
  return 3 * (pages(n) + per(CATEGORIES) + per(AUTHORS) + per(SOURCES));
}

/** Every document: the feeds', one page per article, and index.html, feed.css, feeds.opml and the summaries. */
function projectedDocuments(n: number): number {
  return feedDocuments(n) + n + 4;
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
    `rebuild-scale bench: ${N.toLocaleString('en')} articles in ${1 + CATEGORIES + AUTHORS + SOURCES} feeds (each article in 4), dynalite + s3rver in their own process, the handlers in children; REBUILD_CONCURRENCY ${CONCURRENCY}, ${WORKERS} workers.`,
  );
  const srv: ChildProcess = spawn(process.execPath, ['--import', 'tsx', file, 'servers'], { stdio: ['pipe', 'pipe', 'inherit'] });
  // The rebuild queue: SendMessageBatch answered and recorded here, as SQS would hold the messages for the workers.
  const messages: string[] = [];
  const sqs: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const entries = (JSON.parse(body) as { Entries: Array<{ Id: string; MessageBody: string }> }).Entries;
      messages.push(...entries.map((e) => e.MessageBody));
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify({ Successful: entries.map((e) => ({ Id: e.Id, MessageId: e.Id })), Failed: [] }));
    });
  });
  await new Promise<void>((r) => sqs.listen(0, '127.0.0.1', r));
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
    console.log(
      `seeded ${N.toLocaleString('en')} articles in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s (${SEED_CONCURRENCY} concurrent puts)`,
    );
    new DynamoDBClient(localDynamoConfig(dynamo)).destroy();

    const env = {
      ...process.env,
      TABLE_NAME: table,
      STAGE: 'bench',
      SITE_BASE_URL: 'https://feeds.nashra.test/',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_ENDPOINT_URL_DYNAMODB: dynamo,
      AWS_ENDPOINT_URL_S3: s3,
      AWS_ENDPOINT_URL_SQS: `http://127.0.0.1:${(sqs.address() as AddressInfo).port}/`,
      REBUILD_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/bench-rebuild',
      S3_FORCE_PATH_STYLE: 'true',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
      REBUILD_CONCURRENCY: String(CONCURRENCY),
    };
    const single = { ...env, BUCKET_NAME: bucket, LEDGER_TABLE_NAME: 'ledger' };
    const fannedEnv = { ...env, BUCKET_NAME: 'scale-fanned', LEDGER_TABLE_NAME: 'ledger-fanned' };
    const show = (
      label: string,
      f: Pick<RebuildFigures, 'ms' | 'cpuMs' | 'maxRssMb' | 'requests'> & { documents?: number; written?: number },
    ) => {
      const reqs = Object.entries(f.requests)
        .sort()
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      console.log(
        `${label.padEnd(52)} ${(f.ms / 1000).toFixed(1).padStart(7)} s  ${f.documents ?? '-'} documents, ${f.written ?? '-'} written  CPU ${(f.cpuMs / 1000).toFixed(1)} s  max RSS ${f.maxRssMb.toFixed(0)} MB  ${requestTotal(f.requests)} requests [${reqs}]`,
      );
    };
    const rebuild = async (label: string, e: NodeJS.ProcessEnv) => {
      const f = await runChild('rebuild', e);
      show(label, f);
      return f;
    };
    /** rebuild-plan, then the messages it queued shared round-robin (largest first) among WORKERS children at once. */
    const fanOut = async (label: string) => {
      messages.length = 0;
      const started = performance.now();
      const plan = await runChild('plan', fannedEnv);
      const share: string[][] = Array.from({ length: WORKERS }, () => []);
      for (const [i, m] of messages.entries()) share[i % WORKERS]!.push(m);
      const workers = await Promise.all(share.filter((m) => m.length > 0).map((m) => runChild('worker', fannedEnv, JSON.stringify(m))));
      const wallMs = performance.now() - started;
      const all = [plan, ...workers];
      // As Lambda would run it (warm workers all starting as the planner ends): planner + slowest worker, handler
      // times only. The wall time here also holds each child's tsx start (seconds; a bundled Lambda starts in ~0.3 s).
      const ms = plan.ms + Math.max(...workers.map((w) => w.ms));
      const figures = {
        ms,
        cpuMs: all.reduce((a, f) => a + f.cpuMs, 0),
        documents: plan.documents,
        written: undefined,
        maxRssMb: Math.max(...all.map((f) => f.maxRssMb)),
        requests: sumRequests(all),
      };
      show(label, figures);
      const slowest = Math.max(...workers.map((w) => w.ms));
      const batchMs = workers.flatMap((w) => w.batches ?? []).map((b) => b.ms);
      console.log(
        `  planner ${(plan.ms / 1000).toFixed(1)} s (max RSS ${plan.maxRssMb.toFixed(0)} MB), ${messages.length} batches over ${workers.length} workers: slowest worker ${(slowest / 1000).toFixed(1)} s, ` +
          `batches ${(Math.min(...batchMs) / 1000).toFixed(1)}–${(Math.max(...batchMs) / 1000).toFixed(1)} s, worker max RSS ${Math.max(...workers.map((w) => w.maxRssMb)).toFixed(0)} MB (wall with child starts ${(wallMs / 1000).toFixed(1)} s)`,
      );
      return { ...figures, plan, workers, batches: messages.length };
    };

    // BENCH_ONLY_FANNED=1: the fanned-out rebuild alone (a large N where the single function would not finish in time).
    const withSingle = process.env.BENCH_ONLY_FANNED !== '1';
    const first = withSingle ? await rebuild('single function: first rebuild (writes all)', single) : undefined;
    const serial =
      withSingle && N <= SERIAL_UP_TO
        ? await rebuild('baseline: single function daily, 1 write at a time', { ...single, REBUILD_CONCURRENCY: '1' })
        : undefined;
    const daily = withSingle ? await rebuild(`single function: daily rebuild, ${CONCURRENCY} in flight`, single) : undefined;
    const fannedFirst = await fanOut(`fanned out: first rebuild (${WORKERS} workers)`);
    const fannedDaily = await fanOut(`fanned out: daily rebuild (${WORKERS} workers)`);
    if (serial && daily) console.log(`ratio daily ${CONCURRENCY} in flight / 1 at a time: ${(daily.ms / serial.ms).toFixed(2)} (time)`);
    if (first && daily)
      console.log(
        `ratio fanned out / single function: first ${(fannedFirst.ms / first.ms).toFixed(2)}, daily ${(fannedDaily.ms / daily.ms).toFixed(2)} (time)`,
      );

    // Projection: time follows documents. The single function does them all; the fan-out's planner lists the store
    // (∝ articles) and the workers write the documents, W at a time, never faster than the batch holding "all".
    const docs = projectedDocuments(N);
    console.log(
      `document model: ${docs.toLocaleString('en')} documents for ${N.toLocaleString('en')} articles; the first rebuild counted ${first?.documents.toLocaleString('en') ?? '(not run)'}`,
    );
    for (const n of [100_000, 1_000_000]) {
      // From the documents this run published (the model overcounts small sites, whose feeds are not all filled).
      const scale = projectedDocuments(n) / (first?.documents ?? docs);
      // Workers publish the feed documents and (in slices) the article pages: all but the index, ∝ documents.
      const workScale = scale;
      // The batch holding "all" is one worker's: the fan-out is never faster than that share of the documents.
      const allShare = (3 * (1 + Math.floor(n / 25))) / projectedDocuments(n);
      const workerBound = (total: number) => Math.max(total / WORKERS, total * allShare);
      const min = (ms: number) => `${(ms / 60_000).toFixed(1)} min`;
      const line = (label: string, single: RebuildFigures | undefined, fanned: Awaited<ReturnType<typeof fanOut>>) => {
        // The planner's listing grows with the articles (its index and summaries with the feeds: a fixed part, scaled too, so this errs long).
        const fannedEmu = fanned.plan.ms * (n / N) + workerBound(fanned.workers.reduce((a, w) => a + w.ms, 0) * workScale);
        const fannedAws = awsMs(fanned.plan, n / N) + workerBound(fanned.workers.reduce((a, w) => a + awsMs(w, workScale), 0));
        return (
          `${label}: single ${single ? `≈ ${min(single.ms * scale)} here, ≈ ${min(awsMs(single, scale))} in AWS` : 'not run'}; ` +
          `fanned out ≈ ${min(fannedEmu)} here, ≈ ${min(fannedAws)} in AWS (planner ≈ ${min(awsMs(fanned.plan, n / N))})`
        );
      };
      console.log(`projection to ${n.toLocaleString('en')} articles (${projectedDocuments(n).toLocaleString('en')} documents):`);
      console.log(`  ${line('first', first, fannedFirst)}`);
      console.log(`  ${line('daily', daily, fannedDaily)}`);
    }
    console.log(
      `AWS model: max(CPU time measured here × ${LAMBDA_CPU_FACTOR.toFixed(2)} (1,024 MB ≈ 0.58 vCPU), requests × latency / ${CONCURRENCY} in flight), latencies ${Object.entries(
        LATENCY_MS,
      )
        .map(([k, v]) => `${k} ${v} ms`)
        .join(', ')}`,
    );
  } finally {
    srv.stdin?.end();
    sqs.close();
    await new Promise((r) => srv.once('exit', r));
  }
}

// Last: every constant above is initialized before a mode runs.
const mode = process.argv[2];
if (mode === 'servers') await servers();
else if (mode === 'rebuild' || mode === 'plan' || mode === 'worker') await rebuildChild(mode);
else await parent();
