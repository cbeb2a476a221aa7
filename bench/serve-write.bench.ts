// `npm run bench -- serve-write`: p50/p99 of single-article POSTs against the real `nashra serve` process on 127.0.0.1, over a store seeded with 1,000 and with 100,000 articles (seeded through the store API, not HTTP); prints both p99s and their ratio.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildCli, CLI_ENTRY, isCliStale } from '../scripts/build-cli.mjs';
import { startNodeChild, stopChild } from './support/child-process.ts';
import { FileArticleStore } from '../lambda/adapters/file-article-store.ts';
import { FolderFeedPublisher } from '../lambda/adapters/folder-feed-publisher.ts';
import { parseSiteConfig } from '../lambda/core/config/index.ts';
import { createSiteService } from '../lambda/core/site/site-service.ts';
import { createSampleArticle, testArticleDate } from '../tests/support/article-factory.ts';

const REPO = path.resolve(import.meta.dirname, '..');
const TOKEN = 'bench-token-serve-write-0123456789';
const SIZES = (process.env.BENCH_SIZES ?? '1000,100000').split(',').map(Number);
/** POSTs per size (bounded), and the wall-clock bound of each loop. */
const POSTS = Math.min(Number(process.env.BENCH_POSTS ?? 200), 1000);
const LOOP_MS = 120_000;
const CATEGORIES = ['سياسة', 'اقتصاد', 'رياضة', 'العالم'];
const AUTHORS = ['سارة أحمد', 'محمد علي', 'ليلى حسن'];

/** Seeds `count` articles straight into the store (one lock per 1,000, files written in parallel), one minute apart. */
async function seed(dir: string, count: number): Promise<number> {
  const store = new FileArticleStore({
    directory: dir,
    clock: () => new Date('2026-12-01T00:00:00Z'),
    durable: false,
    compactAfterLines: 10 * count,
  });
  const t0 = performance.now();
  const t = Date.UTC(2020, 0, 1);
  for (let from = 0; from < count; from += 1000) {
    const batch = [];
    for (let i = from; i < Math.min(count, from + 1000); i++) {
      batch.push(
        createSampleArticle({
          id: `seed-${i}`,
          url: `https://news.example.sa/seed/${i}`,
          title: `خبر مخزن رقم ${i}`,
          content: `<p>نص الخبر المخزن رقم ${i}.</p>`,
          images: [],
          categories: [CATEGORIES[i % CATEGORIES.length] ?? 'سياسة'],
          authors: [AUTHORS[i % AUTHORS.length] ?? 'سارة أحمد'],
          published: testArticleDate(new Date(t + i * 60_000).toISOString(), 'Asia/Riyadh', 'minute'),
        }),
      );
    }
    await store.putMany(batch);
  }
  // Render the seeded site once, streaming, as a clean stop leaves it: the server then starts without rendering.
  const publisher = new FolderFeedPublisher({ root: path.join(dir, 'site'), durable: false });
  const config = parseSiteConfig(JSON.parse(await readFile(path.join(REPO, 'nashra.config.json'), 'utf8')));
  const site = createSiteService({ store, publisher, config, clock: () => new Date(), retainDocuments: false });
  await site.resume();
  return performance.now() - t0;
}

async function startServe(dataDir: string): Promise<{ proc: ChildProcess; url: string; startMs: number }> {
  if (isCliStale()) await buildCli(); // the compiled CLI, as `npm start` runs it
  const { proc, match, startMs } = await startNodeChild(
    [CLI_ENTRY, 'serve', '--data', dataDir, '--no-samples', '--config', 'nashra.config.json'],
    { PORT: '0', NASHRA_TOKEN: TOKEN },
    /nashra is serving (http:\/\/127\.0\.0\.1:\d+\/)[\s\S]*Press Ctrl-C/,
    600_000,
  );
  return { proc, url: match[1]!, startMs };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

/** Single-article POSTs, one after another, each a new article at the top of "all", a category and an author feed. */
async function postLoop(url: string, size: number): Promise<number[]> {
  const times: number[] = [];
  const end = Date.now() + LOOP_MS;
  for (let i = 0; i < POSTS && Date.now() < end; i++) {
    const body = JSON.stringify({
      url: `https://news.example.sa/bench/${size}/${i}`,
      title: `خبر جديد رقم ${i} في قياس زمن الكتابة`,
      content: `<p>نص الخبر الجديد رقم ${i}.</p>`,
      categories: [CATEGORIES[i % CATEGORIES.length]],
      authors: [AUTHORS[i % AUTHORS.length]],
      published: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
    });
    const t0 = performance.now();
    const res = await fetch(`${url}articles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body,
    });
    await res.arrayBuffer();
    times.push(performance.now() - t0);
    if (res.status !== 201) throw new Error(`POST answered ${res.status}`);
  }
  return times.sort((a, b) => a - b);
}

const p99s: number[] = [];
for (const size of SIZES) {
  const dir = await mkdtemp(path.join(tmpdir(), `nashra-serve-write-${size}-`));
  try {
    const seedMs = await seed(dir, size);
    const { proc, url, startMs } = await startServe(dir);
    try {
      const times = await postLoop(url, size);
      const p50 = quantile(times, 0.5);
      const p99 = quantile(times, 0.99);
      p99s.push(p99);
      console.log(
        `${String(size).padStart(7)} stored: ${times.length} POSTs  p50 ${p50.toFixed(1)} ms  p99 ${p99.toFixed(1)} ms  (seeded and rendered in ${(seedMs / 1000).toFixed(1)} s, server ready in ${(startMs / 1000).toFixed(1)} s)`,
      );
    } finally {
      await stopChild(proc);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
if (p99s.length === 2) {
  const [small, large] = p99s as [number, number];
  console.log(`p99 at ${SIZES[1]} / p99 at ${SIZES[0]}: ${(large / small).toFixed(2)}x (target ≤ 2x)`);
}
