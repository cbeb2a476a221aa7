// renderChanges: after any writes, rendering just those changes publishes the same bytes as a full renderAll, reading only the top of each feed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryArticleStore } from '../../../lambda/adapters/memory-article-store.ts';
import type { Article } from '../../../lambda/core/articles/article.ts';
import type { Clock } from '../../../lambda/core/clock.ts';
import type { SiteConfig } from '../../../lambda/core/config/index.ts';
import { renderFeedDocuments } from '../../../lambda/core/feeds/index.ts';
import { FEED_SUMMARIES_PATH } from '../../../lambda/core/site/feed-summaries-document.ts';
import { createSiteService, type ArticleChangeImages } from '../../../lambda/core/site/site-service.ts';
import type { ArticleStore } from '../../../lambda/ports/article-store.ts';
import type { FeedDocument } from '../../../lambda/core/feeds/feed-document.ts';
import { expectSameSite } from './expect-same-site.ts';
import { articleOf, siteConfig, steppingClock } from './site-fixtures.ts';
import { bytesByPath, CountingArticleStore, createMemoryPublisher, LaggingArticleStore } from './site-test-doubles.ts';

type Op =
  | { kind: 'insert'; prefix: string; slot: number; cat: number }
  | { kind: 'update'; pick: number; slot: number | null; cat: number | null }
  | { kind: 'delete'; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      prefix: fc.constantFrom('a', 'b', 'ج', '😀', 'Z'),
      slot: fc.nat({ max: 5 }),
      cat: fc.nat({ max: 5 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('update' as const),
      pick: fc.nat(),
      slot: fc.option(fc.nat({ max: 5 })),
      cat: fc.option(fc.nat({ max: 5 })),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }) },
);

interface Live {
  article: Article;
  slot: number;
  cat: number;
}

/** Applies one op to the store; returns the change a stream record would carry (undefined when nothing was written). */
async function applyOp(store: ArticleStore, live: Map<string, Live>, op: Op, n: number): Promise<ArticleChangeImages | undefined> {
  const ids = [...live.keys()];
  if (op.kind === 'insert') {
    const r = await store.put(articleOf(`${op.prefix}${n}`, op.slot, op.cat, `خبر ${n}`));
    live.set(r.article.id, { article: r.article, slot: op.slot, cat: op.cat });
    return { after: r.article };
  }
  if (ids.length === 0) return undefined;
  const id = ids[op.pick % ids.length]!;
  const was = live.get(id)!;
  if (op.kind === 'delete') {
    const gone = await store.delete(id);
    live.delete(id);
    return { before: gone };
  }
  const slot = op.slot ?? was.slot;
  const cat = op.cat ?? was.cat;
  const r = await store.put(articleOf(id, slot, cat, `خبر ${n} (تعديل)`));
  if (r.status === 'unchanged') return undefined;
  live.set(id, { article: r.article, slot, cat });
  return { before: r.previous, after: r.article };
}

async function fullRender(store: ArticleStore, config: SiteConfig, clock: Clock): Promise<Map<string, FeedDocument>> {
  const pub = createMemoryPublisher();
  await createSiteService({ store, publisher: pub.publisher, config, clock }).renderAll();
  return pub.files;
}

describe('renderChanges', () => {
  it('property: after random inserts, updates (moved instants, ties, category moves) and deletes, each batch rendered alone, the site equals a full renderAll', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.record({ ops: fc.array(opArb, { minLength: 1, maxLength: 3 }), cold: fc.boolean() }), { minLength: 1, maxLength: 14 }),
        fc.boolean(),
        async (limit, sizeSeed, batches, lagging) => {
          const archivePageSize = Math.min(limit, sizeSeed);
          const config = siteConfig(limit, archivePageSize);
          const clock = steppingClock();
          const lag = lagging ? new LaggingArticleStore(clock) : undefined;
          const store: ArticleStore = lag ?? new MemoryArticleStore({ clock });
          const pub = createMemoryPublisher();
          let site = createSiteService({ store, publisher: pub.publisher, config, clock });
          await site.renderAll();
          const live = new Map<string, Live>();
          let n = 0;
          for (const batch of batches) {
            const changes: ArticleChangeImages[] = [];
            for (const op of batch.ops) {
              const c = await applyOp(store, live, op, n++);
              if (c) changes.push(c);
            }
            if (batch.cold) site = createSiteService({ store, publisher: pub.publisher, config, clock });
            await site.renderChanges(changes);
            if (lag) {
              // The last write is not in the listings yet, yet the site already shows it.
              await lag.settle();
              expectSameSite(pub.files, await fullRender(lag.table, config, clock), 'after a lagging batch:');
            }
          }
          await lag?.settle();
          expectSameSite(pub.files, await fullRender(store, config, clock));
        },
      ),
      { numRuns: 120 },
    );
  }, 60_000);

  it('property: renders running one batch behind the writes (the store already holds the next batch) still end equal to renderAll', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.record({ ops: fc.array(opArb, { minLength: 1, maxLength: 3 }), cold: fc.boolean() }), { minLength: 1, maxLength: 14 }),
        async (limit, sizeSeed, batches) => {
          const config = siteConfig(limit, Math.min(limit, sizeSeed));
          const clock = steppingClock();
          const store = new MemoryArticleStore({ clock });
          const pub = createMemoryPublisher();
          let site = createSiteService({ store, publisher: pub.publisher, config, clock });
          await site.renderAll();
          const live = new Map<string, Live>();
          let n = 0;
          let pending: ArticleChangeImages[] | undefined;
          for (const batch of [...batches, undefined]) {
            const changes: ArticleChangeImages[] = [];
            for (const op of batch?.ops ?? []) {
              const c = await applyOp(store, live, op, n++);
              if (c) changes.push(c);
            }
            if (batch?.cold) site = createSiteService({ store, publisher: pub.publisher, config, clock });
            if (pending) await site.renderChanges(pending);
            pending = changes;
          }
          expectSameSite(pub.files, await fullRender(store, config, clock));
        },
      ),
      { numRuns: 80 },
    );
  }, 60_000);

  it('a change at the top of a 5,000-article feed reads O(itemLimit + archivePageSize) articles and renders O(1) pages', async () => {
    const config = siteConfig(50, 25);
    const clock = steppingClock();
    const memory = new MemoryArticleStore({ clock });
    for (let i = 0; i < 5000; i++) await memory.put(articleOf(`old-${String(i).padStart(4, '0')}`, 0, 0, `خبر قديم ${i}`));
    const pub = createMemoryPublisher();
    await createSiteService({ store: memory, publisher: pub.publisher, config, clock }).renderAll();
    expect(pub.files.has('feeds/all/archive/200.rss')).toBe(true);

    const store = new CountingArticleStore(memory);
    const fresh = createMiniSite(store, pub, config, clock);
    const added = (await store.put(articleOf('new', 5, 0, 'خبر جديد'))).article;
    pub.stats.written = 0;
    const docs = await fresh.renderChanges([{ after: added }]);
    // Feeds touched: all, category, author. Each reads one page of at most itemLimit + archivePageSize (5,000 in a whole-feed render).
    expect(store.reads.listed).toBeLessThanOrEqual(3 * (50 + 25));
    expect(store.reads.listCalls).toBe(3);
    expect(store.reads.counts).toBe(3);
    expect(store.reads.gets).toBe(1);
    const allDocs = docs.filter((d) => d.path === 'feeds/all.rss' || (d.path.startsWith('feeds/all/') && d.path.endsWith('.rss')));
    // 5,001 articles: 200 complete pages, the change is above them all: the current page and page 200 (its `next` may move).
    expect(allDocs.map((d) => d.path).sort()).toEqual(['feeds/all.rss', 'feeds/all/archive/200.rss']);
    expect(docs.length).toBeLessThanOrEqual(3 * 2 * 3 + 3); // 3 feeds × ≤ 2 pages × 3 formats; index.html, feed.css, feed-summaries.json
    // Bytes as a whole render of the feed gives them.
    const whole = new Map(renderFeedDocuments(config, 'all', [...(await allOf(memory))]).map((d) => [d.path, d.hash]));
    for (const d of allDocs) expect(d.hash, d.path).toBe(whole.get(d.path));
    expect(pub.files.get('feeds/all.rss')!.hash).toBe(whole.get('feeds/all.rss'));
  }, 60_000);

  it('a cold process reads the index summaries from the published document, not the whole store; without it, it reads the store', async () => {
    const config = siteConfig(3, 2);
    const clock = steppingClock();
    const memory = new MemoryArticleStore({ clock });
    for (let i = 0; i < 40; i++) await memory.put(articleOf(`x${i}`, i % 6, i, `خبر ${i}`));
    const pub = createMemoryPublisher();
    await createSiteService({ store: memory, publisher: pub.publisher, config, clock }).renderAll();
    expect(pub.files.has(FEED_SUMMARIES_PATH)).toBe(true);
    const index = pub.files.get('index.html')!.hash;

    const store = new CountingArticleStore(memory);
    const a = (await store.put(articleOf('zz', 5, 1, 'خبر في الأعلى'))).article;
    await createSiteService({ store, publisher: pub.publisher, config, clock }).renderChanges([{ before: undefined, after: a }]);
    expect(store.reads.listed).toBeLessThanOrEqual(3 * (3 + 2));
    expect(pub.files.get('index.html')!.hash).not.toBe(index); // the touched feeds' newest times moved
    expectSameSite(pub.files, await fullRender(memory, config, clock));

    pub.files.delete(FEED_SUMMARIES_PATH);
    store.reset();
    await createSiteService({ store, publisher: pub.publisher, config, clock }).renderChanges([{ after: a }]);
    expect(store.reads.listed).toBeGreaterThanOrEqual(40);
    expectSameSite(pub.files, await fullRender(memory, config, clock));
  });

  it('reconciles a stale feed listing with reads by id: an insert, a move and a delete show at once', async () => {
    const config = siteConfig(2, 2);
    const clock = steppingClock();
    const store = new LaggingArticleStore(clock);
    const pub = createMemoryPublisher();
    const site = createSiteService({ store, publisher: pub.publisher, config, clock });
    for (let i = 0; i < 6; i++) await store.put(articleOf(`s${i}`, i, 0, `خبر ${i}`));
    await store.settle();
    await site.renderAll();
    const feedIds = () =>
      [...new TextDecoder().decode(pub.files.get('feeds/all.json')!.body).matchAll(/"id": ?"([^"]+)"/g)].map((m) => m[1]);

    const top = (await store.put(articleOf('top', 5, 0, 'خبر عاجل'))).article;
    expect((await store.listFeed('all', { limit: 10 })).items.map((x) => x.id)).not.toContain('top'); // the listing lags
    await site.renderChanges([{ after: top }]);
    expect(feedIds()[0]).toBe('top');

    const moved = await store.put(articleOf('top', 0, 0, 'خبر عاجل قديم'));
    await site.renderChanges([{ before: moved.previous, after: moved.article }]);
    expect(feedIds()).not.toContain('top');
    expect(pub.files.has('feeds/all/archive/1.json')).toBe(true);

    const gone = await store.delete('s5');
    await site.renderChanges([{ before: gone }]);
    expect(feedIds()).not.toContain('s5');
    expect((await store.listFeed('all', { limit: 10 })).items.map((x) => x.id)).toContain('s5'); // still listed, yet not shown
    await store.settle();
    expectSameSite(pub.files, await fullRender(store.table, config, clock));
  });

  it('a warm process takes the index summaries a rebuild published since, instead of its own memory', async () => {
    const config = siteConfig(3, 1);
    const clock = steppingClock();
    const store = new MemoryArticleStore({ clock });
    const pub = createMemoryPublisher();
    const warm = createSiteService({ store, publisher: pub.publisher, config, clock });
    await warm.renderAll();
    const first = (await store.put(articleOf('w1', 1, 0, 'خبر'))).article; // سياسة
    await warm.renderChanges([{ after: first }]);
    // Written without a render (say, a stream record lost to the DLQ), then repaired by the scheduled rebuild.
    await store.put(articleOf('w2', 2, 1, 'خبر فات')); // اقتصاد
    await createSiteService({ store, publisher: pub.publisher, config, clock }).renderAll();
    const next = (await store.put(articleOf('w3', 3, 0, 'خبر ثالث'))).article; // سياسة again
    await warm.renderChanges([{ after: next }]);
    expect(new TextDecoder().decode(pub.files.get('index.html')!.body)).toContain(encodeURIComponent('اقتصاد'));
    expectSameSite(pub.files, await fullRender(store, config, clock));
  });

  it('replaying a batch writes nothing and gives the same bytes', async () => {
    const config = siteConfig(3, 1);
    const clock = steppingClock();
    const store = new MemoryArticleStore({ clock });
    const pub = createMemoryPublisher();
    const site = createSiteService({ store, publisher: pub.publisher, config, clock });
    await site.renderAll();
    const changes: ArticleChangeImages[] = [];
    for (let i = 0; i < 7; i++) changes.push({ after: (await store.put(articleOf(`r${i}`, i % 3, i, `خبر ${i}`))).article });
    changes.push({ before: await store.delete('r3') });
    await site.renderChanges(changes);
    const before = bytesByPath(pub.files);
    pub.stats.written = 0;
    pub.stats.removed = 0;
    await site.renderChanges(changes);
    await createSiteService({ store, publisher: pub.publisher, config, clock }).renderChanges(changes);
    expect(pub.stats).toMatchObject({ written: 0, removed: 0 });
    expect(bytesByPath(pub.files)).toEqual(before);
  });
});

function createMiniSite(store: ArticleStore, pub: ReturnType<typeof createMemoryPublisher>, config: SiteConfig, clock: Clock) {
  return createSiteService({ store, publisher: pub.publisher, config, clock });
}

async function allOf(store: ArticleStore): Promise<Article[]> {
  const out: Article[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listFeed('all', { limit: 1000, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return out;
}
