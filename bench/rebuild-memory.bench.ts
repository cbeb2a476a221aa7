// Rebuild memory benchmark: a full rebuild of a 20,000-article site, renderAll (holds every article and document) vs the
// streaming rebuildAll, peak live heap and time, each in its own child process (same start: empty caches), in the same run.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { MemoryArticleStore } from '../lambda/adapters/memory-article-store.ts';
import type { Article } from '../lambda/core/articles/article.ts';
import { defaultFragmentCache } from '../lambda/core/feeds/fragment-cache.ts';
import { FEED_SUMMARIES_PATH } from '../lambda/core/site/feed-summaries-document.ts';
import { createSiteService } from '../lambda/core/site/site-service.ts';
import type { FeedDocumentSource, FeedPublisher } from '../lambda/ports/feed-publisher.ts';
import type { FeedDocument } from '../lambda/core/feeds/feed-document.ts';
import { createSampleArticle, sampleDate } from '../tests/core/feeds/sample-articles.ts';
import { siteConfig } from '../tests/core/site/site-fixtures.ts';

const N = Number(process.env.BENCH_ARTICLES ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 2);
/** Publishes between two forced collections when sampling the live heap. */
const SAMPLE_EVERY = Number(process.env.BENCH_SAMPLE_EVERY ?? 100);
const CATEGORIES = ['سياسة', 'اقتصاد', 'رياضة', 'ثقافة'];
type Mode = 'renderAll' | 'rebuildAll';

interface ChildResult {
  mode: Mode;
  ms: number;
  documents: number;
  baselineMb: number;
  peakMb: number;
  retainedMb: number;
  /** Live after the run with the process-wide item fragment cache emptied: what the run itself still holds. */
  withoutCacheMb: number;
  cacheEntries: number;
  samples: number;
}

const mb = (bytes: number) => bytes / 1024 / 1024;
/** Live memory the process holds: the V8 heap and the ArrayBuffers outside it (document bodies and cached fragments are Uint8Arrays). */
const liveBytes = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

if (process.argv[2] === 'renderAll' || process.argv[2] === 'rebuildAll') {
  console.log(JSON.stringify(await child(process.argv[2], process.argv[3] === 'heap')));
} else {
  parent();
}

function parent(): void {
  const file = fileURLToPath(import.meta.url);
  const run = (mode: Mode, heap: boolean): ChildResult => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', file, mode, heap ? 'heap' : 'time'], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (r.status !== 0) throw new Error(`${mode} child failed: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as ChildResult;
  };
  console.log(
    `rebuild-memory bench: ${N} articles (all + ${CATEGORIES.length} categories of ${N / CATEGORIES.length}), itemLimit 50, archive pages of 25, memory store, S3-like publisher (hashes only in process).`,
  );
  const results: Record<Mode, { time: ChildResult[]; heap: ChildResult[] }> = {
    renderAll: { time: [], heap: [] },
    rebuildAll: { time: [], heap: [] },
  };
  for (let r = 0; r < RUNS; r++) {
    const order: Mode[] = r % 2 ? ['rebuildAll', 'renderAll'] : ['renderAll', 'rebuildAll'];
    for (const mode of order) {
      results[mode].time.push(run(mode, false));
      results[mode].heap.push(run(mode, true));
    }
  }
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  const row = (mode: Mode) => {
    const { time, heap } = results[mode];
    return {
      ms: median(time.map((x) => x.ms)),
      peak: median(heap.map((x) => x.peakMb - x.baselineMb)),
      retained: median(heap.map((x) => x.retainedMb - x.baselineMb)),
      cache: median(heap.map((x) => x.retainedMb - x.withoutCacheMb)),
      cacheEntries: heap[0]!.cacheEntries,
      baseline: median(heap.map((x) => x.baselineMb)),
      documents: time[0]!.documents,
      samples: heap[0]!.samples,
    };
  };
  const old = row('renderAll');
  const now = row('rebuildAll');
  console.log(
    `store loaded: ${old.baseline.toFixed(1)} MB live (heap + ArrayBuffers) before each rebuild (the memory store itself; subtracted below). ${RUNS} runs each, medians; peak = live heap + ArrayBuffers after a forced GC every ${SAMPLE_EVERY} publishes (${old.samples} samples).`,
  );
  console.log(
    `  renderAll  (holds the site):  ${old.ms.toFixed(0)} ms, peak +${old.peak.toFixed(1)} MB, still held after it returns +${old.retained.toFixed(1)} MB, ${old.documents} documents`,
  );
  console.log(
    `  rebuildAll (streaming):       ${now.ms.toFixed(0)} ms, peak +${now.peak.toFixed(1)} MB, still held after it returns +${now.retained.toFixed(1)} MB, ${now.documents} documents`,
  );
  console.log(
    `  of which the process-wide item fragment cache (bounded: 20,000 entries / 64 M chars): ${old.cache.toFixed(1)} MB / ${now.cache.toFixed(1)} MB (${now.cacheEntries} entries)`,
  );
  console.log(
    `  peak without that cache: renderAll +${(old.peak - old.cache).toFixed(1)} MB, rebuildAll +${(now.peak - now.cache).toFixed(1)} MB`,
  );
  console.log(`  ratio renderAll / rebuildAll: ${(old.peak / now.peak).toFixed(1)}x peak heap, ${(old.ms / now.ms).toFixed(2)}x time`);
}

function article(i: number): Article {
  return createSampleArticle({
    id: `art-${String(i).padStart(6, '0')}`,
    url: `https://news.example/a/${i}`,
    title: `لافروف في الصين.. مباحثات حول التعاون الإستراتيجي (${i})`,
    content: `<p>أكد وزير الخارجية الصيني وانغ يي اليوم (${i}) أن بكين تعتزم العمل على "تعزيز التعاون الإستراتيجي" مع موسكو.</p>`.repeat(
      12,
    ),
    categories: [CATEGORIES[i % CATEGORIES.length]!],
    authors: [],
    images: [],
    // Ten articles per date-only day: ties at midnight, decided by id.
    published: sampleDate(new Date(Date.parse('2024-01-01T00:00:00.000Z') + Math.floor(i / 10) * 86_400_000).toISOString()),
  });
}

/** An S3-like publisher: the bodies go "to the bucket" (dropped); the process keeps each path's hash, as the hash compare needs. */
function bucketPublisher(): FeedPublisher & FeedDocumentSource & { written: number } {
  const hashes = new Map<string, string>();
  let summaries: FeedDocument | undefined;
  const empty = new Uint8Array(0);
  return {
    written: 0,
    async publish(doc) {
      const written = hashes.get(doc.path) !== doc.hash;
      if (written) this.written++;
      hashes.set(doc.path, doc.hash);
      if (doc.path === FEED_SUMMARIES_PATH) summaries = doc;
      return { path: doc.path, written };
    },
    async remove(path) {
      hashes.delete(path);
    },
    async get(path) {
      if (path === FEED_SUMMARIES_PATH) return summaries;
      const hash = hashes.get(path);
      return hash === undefined ? undefined : { path, body: empty, contentType: '', cacheControl: '', hash };
    },
  };
}

async function child(mode: Mode, heap: boolean): Promise<ChildResult> {
  v8.setFlagsFromString('--expose-gc');
  const collect = (globalThis.gc ?? vm.runInNewContext('gc')) as () => void;
  // Twice: an ArrayBuffer's memory is given back on the collection after the one that finds it dead.
  const gc = () => {
    collect();
    collect();
  };
  // itemLimit 50, archive pages of 25 (the shipped config's paging); the articles have no authors and one category.
  const config = siteConfig(50, 25);
  let clockMs = Date.parse('2025-01-01T00:00:00.000Z');
  const clock = () => {
    clockMs += 1000;
    return new Date(clockMs);
  };
  const store = new MemoryArticleStore({ clock });
  for (let i = 0; i < N; i++) await store.put(article(i));
  // The memory store sorts each feed's index on its first listing: do it now, so the store's own memory is in the baseline.
  for (const key of ['all', ...CATEGORIES.map((c) => `category:${c}`)]) {
    await store.listFeed(key, { limit: 1 });
    await store.countFeed(key);
  }
  const bucket = bucketPublisher();
  let peak = 0;
  let samples = 0;
  let calls = 0;
  const sample = () => {
    gc();
    samples++;
    peak = Math.max(peak, liveBytes());
  };
  const publisher: FeedPublisher & FeedDocumentSource = {
    publish: async (doc) => {
      if (heap && ++calls % SAMPLE_EVERY === 0) sample();
      return bucket.publish(doc);
    },
    remove: (path) => bucket.remove(path),
    get: (path) => bucket.get(path),
  };
  gc();
  const baseline = liveBytes();
  // As the rebuild function ran before (renderAll, documents kept) and runs now (rebuildAll, none kept).
  const site = createSiteService({ store, publisher, config, clock, retainDocuments: mode === 'renderAll' });
  const started = performance.now();
  const result = mode === 'renderAll' ? await site.renderAll() : await site.rebuildAll();
  const ms = performance.now() - started;
  if (heap) sample();
  gc();
  const retained = liveBytes();
  const cacheEntries = defaultFragmentCache.size;
  defaultFragmentCache.clear();
  gc();
  const withoutCache = liveBytes();
  const documents = Array.isArray(result) ? result.length : result.documents;
  if (bucket.written === 0) throw new Error('nothing was published');
  return {
    mode,
    ms,
    documents,
    baselineMb: mb(baseline),
    peakMb: mb(Math.max(peak, retained)),
    retainedMb: mb(retained),
    withoutCacheMb: mb(withoutCache),
    cacheEntries,
    samples,
  };
}
