// Render-after-one-change benchmark: one new article into a 10,000-article feed — today's whole-feed re-render
// (site.renderFeeds) vs the incremental one (site.renderChanges), articles read from the store and ms, in the same run.
import { MemoryArticleStore } from '../lambda/adapters/memory-article-store.ts';
import type { Article } from '../lambda/core/articles/article.ts';
import { parseSiteConfig } from '../lambda/core/config/index.ts';
import { feedKeysOf } from '../lambda/core/feeds/index.ts';
import { createSiteService } from '../lambda/core/site/site-service.ts';
import { createSampleArticle, sampleDate } from '../tests/core/feeds/sample-articles.ts';
import { CountingArticleStore, createMemoryPublisher } from '../tests/core/site/site-test-doubles.ts';

const N = Number(process.env.BENCH_ARTICLES ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 8);
const CATEGORIES = ['سياسة', 'اقتصاد', 'رياضة', 'ثقافة'];

// The shipped nashra.config.json's paging: 50 items per current feed, archive pages of 25.
const config = parseSiteConfig({
  title: 'نشرة',
  description: 'أخبار عربية',
  baseUrl: 'https://news.example/',
  timeZone: 'Asia/Riyadh',
  itemLimit: 50,
  archivePageSize: 25,
  feeds: { source: false, author: false },
});

const PARA = '<p>أكد وزير الخارجية الصيني وانغ يي اليوم الثلاثاء أن بكين تعتزم العمل على "تعزيز التعاون الإستراتيجي" مع موسكو.</p>';
const T0 = Date.parse('2024-01-01T00:00:00.000Z');

function article(i: number): Article {
  return createSampleArticle({
    id: `art-${String(i).padStart(6, '0')}`,
    url: `https://news.example/a/${i}`,
    title: `لافروف في الصين.. مباحثات حول التعاون الإستراتيجي (${i})`,
    content: PARA.repeat(12),
    categories: [CATEGORIES[i % CATEGORIES.length]!],
    authors: [],
    images: [],
    // Ten articles per date-only day: ties at midnight, decided by id.
    published: sampleDate(new Date(T0 + Math.floor(i / 10) * 86_400_000).toISOString()),
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

let clockMs = Date.parse('2025-01-01T00:00:00.000Z');
const clock = () => {
  clockMs += 1000;
  return new Date(clockMs);
};
const memory = new MemoryArticleStore({ clock });
for (let i = 0; i < N; i++) await memory.put(article(i));
const store = new CountingArticleStore(memory);
const pub = createMemoryPublisher();
const t = performance.now();
await createSiteService({ store: memory, publisher: pub.publisher, config, clock }).renderAll();
console.log(
  `render-change bench: ${N} articles (all + ${CATEGORIES.length} categories of ${N / CATEGORIES.length}), itemLimit 50, archive pages of 25.`,
);
console.log(`setup renderAll: ${(performance.now() - t).toFixed(0)} ms, ${pub.files.size} documents`);

// Two warm site services over the same store and publisher: one re-renders whole feeds (today's path), one incrementally.
const full = createSiteService({ store, publisher: pub.publisher, config, clock });
const incremental = createSiteService({ store, publisher: pub.publisher, config, clock });
const samples = {
  full: { ms: [] as number[], read: [] as number[], docs: [] as number[] },
  incremental: { ms: [] as number[], read: [] as number[], docs: [] as number[] },
};

const counts = { full: 0, incremental: 0 };

async function measure(name: 'full' | 'incremental', a: Article): Promise<void> {
  store.reset();
  const started = performance.now();
  const docs = name === 'full' ? await full.renderFeeds(feedKeysOf(a)) : await incremental.renderChanges([{ after: a }]);
  samples[name].ms.push(performance.now() - started);
  samples[name].read.push(store.reads.listed + store.reads.gets);
  samples[name].docs.push(docs.length);
  counts[name] = store.reads.counts;
}

// Warm both once (first render of a process fills its caches), then interleave, alternating which goes first.
for (let r = -1; r < RUNS; r++) {
  const a = (await memory.put(article(N + r + 1))).article;
  const order: Array<'full' | 'incremental'> = r % 2 ? ['full', 'incremental'] : ['incremental', 'full'];
  for (const name of order) await measure(name, a);
  if (r < 0) for (const s of Object.values(samples)) for (const xs of Object.values(s)) xs.length = 0;
}

const f = { ms: median(samples.full.ms), read: median(samples.full.read), docs: median(samples.full.docs) };
const i = { ms: median(samples.incremental.ms), read: median(samples.incremental.read), docs: median(samples.incremental.docs) };
console.log(`one new article (touches "all" and one category), ${RUNS} rounds, medians:`);
console.log(`  full re-render (renderFeeds):    ${f.ms.toFixed(1)} ms, ${f.read} articles read, ${f.docs} documents rendered`);
console.log(`  incremental (renderChanges):     ${i.ms.toFixed(1)} ms, ${i.read} articles read, ${i.docs} documents rendered`);
console.log(`  key-only count queries per render: full ${counts.full}, incremental ${counts.incremental} (one per touched feed)`);
console.log(
  `  ratio full / incremental: ${(f.ms / i.ms).toFixed(1)}x time, ${(f.read / i.read).toFixed(1)}x articles read, ${(f.docs / i.docs).toFixed(1)}x documents`,
);
