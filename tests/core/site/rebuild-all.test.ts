// rebuildAll: the streaming full render publishes the same bytes as renderAll and removes the same stale pages, holding only a bounded window of articles.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryArticleStore } from '../../../lambda/adapters/memory-article-store.ts';
import type { Article } from '../../../lambda/core/articles/article.ts';
import type { Clock } from '../../../lambda/core/clock.ts';
import type { SiteConfig } from '../../../lambda/core/config/index.ts';
import { feedPathOf } from '../../../lambda/core/feeds/index.ts';
import { FEED_SUMMARIES_PATH } from '../../../lambda/core/site/feed-summaries-document.ts';
import { batchPlannedFeeds } from '../../../lambda/core/site/rebuild-all.ts';
import { createSiteService, RebuildConflictError, RebuildFailedError } from '../../../lambda/core/site/site-service.ts';
import type { ArticleStore, ListOptions, Page } from '../../../lambda/ports/article-store.ts';
import type { FeedDocument } from '../../../lambda/core/feeds/feed-document.ts';
import { expectSameSite } from './expect-same-site.ts';
import { articleOf, siteConfig, steppingClock } from './site-fixtures.ts';
import { CountingArticleStore, createMemoryPublisher } from './site-test-doubles.ts';

/** A category only articles written while a rebuild runs have: a feed pass 1 cannot know. */
const LATE_CATEGORY = 'ثقافة';

const seedArb = fc.record({ prefix: fc.constantFrom('a', 'b', 'ج', '😀', 'Z'), slot: fc.nat({ max: 5 }), cat: fc.nat({ max: 2 }) });

/** A write made by someone else while the rebuild runs, after the store's first `listFeed` (pass 1) or first `countFeed` (pass 2). */
interface Interference {
  after: 'list' | 'count';
  write: { kind: 'insert'; slot: number; cat: number } | { kind: 'delete'; pick: number };
}

/** Wraps a store and makes one write, once, right after the first call of the chosen kind has returned. */
class InterferingStore implements ArticleStore {
  private done = false;
  /** Whether the write changed the store (a delete in an empty store does not). */
  changed = false;
  constructor(
    private readonly inner: MemoryArticleStore,
    private readonly interference: Interference,
  ) {}
  private async interfere(kind: Interference['after']): Promise<void> {
    if (this.done || kind !== this.interference.after) return;
    this.done = true;
    const w = this.interference.write;
    if (w.kind === 'insert')
      this.changed =
        (await this.inner.put(articleOf('late', w.slot, w.cat, undefined, w.cat === 3 ? LATE_CATEGORY : undefined))).status !== 'unchanged';
    else {
      const { items } = await this.inner.listFeed('all', { limit: 1000 });
      if (items.length > 0) this.changed = (await this.inner.delete(items[w.pick % items.length]!.id)) !== undefined;
    }
  }
  async listFeed(feedKey: string, options: ListOptions): Promise<Page<Article>> {
    const page = await this.inner.listFeed(feedKey, options);
    await this.interfere('list');
    return page;
  }
  async countFeed(feedKey: string, options?: { olderThan?: Pick<Article, 'id' | 'published'> }): Promise<number> {
    const n = await this.inner.countFeed(feedKey, options);
    await this.interfere('count');
    return n;
  }
  put = (a: Article) => this.inner.put(a);
  get = (id: string) => this.inner.get(id);
  delete = (id: string) => this.inner.delete(id);
  listChangedSince = (since: string, options: ListOptions) => this.inner.listChangedSince(since, options);
}

async function renderAllInto(store: ArticleStore, config: SiteConfig, clock: Clock, files = new Map<string, FeedDocument>()) {
  const pub = createMemoryPublisher(files);
  await createSiteService({ store, publisher: pub.publisher, config, clock }).renderAll();
  return pub;
}

describe('rebuildAll', () => {
  it('property: a fresh process over an earlier site publishes the same bytes as renderAll, removes the same stale pages and feeds, and leaves what a clean render leaves', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        // The "all" feed's size lands on and around archive boundaries: m pages of `size`, minus one, exact, plus one.
        fc.nat({ max: 6 }),
        fc.constantFrom(-1, 0, 1),
        fc.array(seedArb, { maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.option(
          fc.record({
            after: fc.constantFrom('list' as const, 'count' as const),
            write: fc.oneof(
              fc.record({ kind: fc.constant('insert' as const), slot: fc.nat({ max: 5 }), cat: fc.nat({ max: 3 }) }),
              fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
            ),
          }),
        ),
        // Writes in flight: one after another (as before the pool), or several side by side.
        fc.constantFrom(1, 2, 8),
        async (limit, sizeSeed, pages, delta, seeds, deletions, interference, inFlight) => {
          // With feeds read side by side, a write made mid-run may land after another feed was read (that feed is then
          // fixed by the write's own render, not by this run): renderAll over the final store is the oracle only when
          // the write lands before every later read, i.e. one feed at a time.
          const concurrency = interference ? 1 : inFlight;
          const size = Math.min(limit, sizeSeed);
          const config = siteConfig(limit, size);
          const clock = steppingClock();
          const store = new MemoryArticleStore({ clock });
          const n = Math.max(0, pages * size + delta);
          for (let i = 0; i < n; i++) {
            const s = seeds[i % Math.max(1, seeds.length)] ?? { prefix: 'a', slot: i % 6, cat: i % 3 };
            await store.put(articleOf(`${s.prefix}${i}`, (s.slot + i) % 6, (s.cat + i) % 3));
          }
          // An earlier site (more articles, some feeds and archive pages that no longer exist), then the deletions since.
          const earlier = await renderAllInto(store, config, clock);
          for (const d of deletions) {
            const { items } = await store.listFeed('all', { limit: 1000 });
            if (items.length > 0) await store.delete(items[d % items.length]!.id);
          }

          const streamed = createMemoryPublisher(new Map(earlier.files));
          const interfering = interference ? new InterferingStore(store, interference) : undefined;
          const reading: ArticleStore = interfering ?? store;
          const site = createSiteService({
            store: reading,
            publisher: streamed.publisher,
            config,
            clock,
            retainDocuments: false,
            rebuildConcurrency: concurrency,
          });
          const report = await site.rebuildAll();

          // renderAll, over the same earlier site and the store as it ended (with the write made during the rebuild).
          const whole = await renderAllInto(store, config, clock, new Map(earlier.files));
          expectSameSite(streamed.files, whole.files, 'rebuildAll vs renderAll:');
          expectSameSite(streamed.files, (await renderAllInto(store, config, clock)).files, 'rebuildAll vs a clean renderAll:');
          expect(site.documentPaths()).toEqual([]);
          expect(report.peakBuffered).toBeLessThanOrEqual(limit + size);
          // The count taken before the write and the listing after it disagree: the feed is read again.
          if (interference?.after === 'count' && interfering!.changed) expect(report.redone).toBeGreaterThan(0);
          if (!interfering?.changed) expect(report.redone).toBe(0);
          // Each document published once, unless a feed was read again.
          if (report.redone === 0) expect(report.documents).toBe(streamed.files.size);
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);

  it('fails with a clear error when a feed changes under it every try, after three tries', async () => {
    const config = siteConfig(3, 2);
    const clock = steppingClock();
    const store = new MemoryArticleStore({ clock });
    for (let i = 0; i < 7; i++) await store.put(articleOf(`a${i}`, i % 6, i % 3));
    let writes = 0;
    const busy: ArticleStore = Object.assign(Object.create(store) as MemoryArticleStore, {
      async countFeed(key: string) {
        const count = await store.countFeed(key);
        await store.put(articleOf(`busy${writes++}`, 5, 0));
        return count;
      },
    });
    const site = createSiteService({ store: busy, publisher: createMemoryPublisher().publisher, config, clock, retainDocuments: false });
    const error = await site.rebuildAll().then(
      () => undefined,
      (e: unknown) => e,
    );
    // Every feed the busy writer touches fails (the others are published, then the run throws with all failures).
    expect(error).toBeInstanceOf(RebuildFailedError);
    const failures = (error as RebuildFailedError).failures;
    const all = failures.find((f) => f.feedKey === 'all')!.error;
    expect(all).toBeInstanceOf(RebuildConflictError);
    expect((all as RebuildConflictError).tries).toBe(3);
    expect((all as Error).message).toMatch(/feed "all" changed while it was read, 3 tries running \(last: counted 9 members, listed 10\)/);
    expect((error as Error).message).toMatch(/^rebuild: \d+ part\(s\) failed, the rest was published: "all": /);
    for (const f of failures) expect((f.error as RebuildConflictError).tries).toBe(3);
    // Three counts per failed feed, one per feed that went through.
    expect(writes).toBeGreaterThanOrEqual(3 * failures.length);
  });

  it('reads a 5,000-article site page by page and publishes each feed while reading it, holding at most itemLimit + archivePageSize articles', async () => {
    const config = siteConfig(50, 25);
    const clock = steppingClock();
    const memory = new MemoryArticleStore({ clock });
    const N = 5_000;
    for (let i = 0; i < N; i++) await memory.put(articleOf(`a${String(i).padStart(5, '0')}`, i % 6, i % 3));
    const store = new CountingArticleStore(memory);
    const limits: number[] = [];
    /** Articles of "all" listed when each of its archive pages was published. */
    const listedAtPublish: number[] = [];
    let listedAll = 0;
    let pass = 0;
    const spying: ArticleStore = Object.assign(Object.create(store) as CountingArticleStore, {
      async listFeed(key: string, options: ListOptions) {
        limits.push(options.limit);
        const page = await store.listFeed(key, options);
        if (key === 'all') {
          if (!options.cursor) pass++;
          if (pass === 2) listedAll += page.items.length;
        }
        return page;
      },
    });
    const pub = createMemoryPublisher();
    const publish = pub.publisher.publish.bind(pub.publisher);
    pub.publisher.publish = async (doc) => {
      if (/^feeds\/all\/archive\/\d+\.rss$/.test(doc.path)) listedAtPublish.push(listedAll);
      return publish(doc);
    };
    const site = createSiteService({ store: spying, publisher: pub.publisher, config, clock, retainDocuments: false });
    const report = await site.rebuildAll();

    // Pass 1 reads "all" once, pass 2 every feed once: all + 3 categories + 2 authors = 4 × N; no redo.
    expect(report.articlesRead).toBe(4 * N);
    expect(store.reads.listed).toBe(4 * N);
    expect(Math.max(...limits)).toBeLessThanOrEqual(1000);
    expect(report.redone).toBe(0);
    expect(report.peakBuffered).toBeLessThanOrEqual(50 + 25);
    expect(report.peakBuffered).toBeGreaterThanOrEqual(50);
    // Archive pages go out while the listing is read: the first ones before its second store page, not all at the end.
    expect(listedAtPublish).toHaveLength(N / 25);
    expect(listedAtPublish[0]).toBe(1000);
    expect(listedAtPublish.filter((n) => n < N).length).toBeGreaterThan(N / 25 / 2);
    expect(site.documentPaths()).toEqual([]);
    expect(site.getDocument('feeds/all.rss')).toBeUndefined();
    // Same site as renderAll.
    expectSameSite(pub.files, (await renderAllInto(memory, config, clock)).files);
    expect(report.documents).toBe(pub.files.size);
  }, 60_000);

  it('a fresh process removes a feed that lost its last article, found through the published summaries', async () => {
    const config = siteConfig(3, 2);
    const clock = steppingClock();
    const store = new MemoryArticleStore({ clock });
    for (let i = 0; i < 6; i++) await store.put(articleOf(`a${i}`, i, i % 3));
    const pub = await renderAllInto(store, config, clock);
    const sports = 'category:رياضه';
    expect(pub.files.has(feedPathOf(sports, 'rss'))).toBe(true);
    expect(pub.files.has(feedPathOf(sports, 'atom', 1))).toBe(true);
    for (const id of ['a2', 'a5']) await store.delete(id);
    const report = await createSiteService({ store, publisher: pub.publisher, config, clock, retainDocuments: false }).rebuildAll();
    expect(report.feedsRemoved).toBe(1);
    for (const f of ['rss', 'atom', 'json'] as const) {
      expect(pub.files.has(feedPathOf(sports, f))).toBe(false);
      expect(pub.files.has(feedPathOf(sports, f, 1))).toBe(false);
    }
    expect(new TextDecoder().decode(pub.files.get(FEED_SUMMARIES_PATH)!.body)).not.toContain(sports);
    expectSameSite(pub.files, (await renderAllInto(store, config, clock)).files);
  });

  it('keeps at most `rebuildConcurrency` writes in flight, uses them, and publishes the same bytes', async () => {
    const config = siteConfig(5, 3);
    const clock = steppingClock();
    const store = new MemoryArticleStore({ clock });
    for (let i = 0; i < 120; i++) await store.put(articleOf(`a${String(i).padStart(3, '0')}`, i % 6, i % 3));
    const pub = createMemoryPublisher();
    let inFlight = 0;
    let most = 0;
    const slow =
      <T>(call: () => Promise<T>) =>
      async () => {
        inFlight++;
        most = Math.max(most, inFlight);
        try {
          await new Promise((r) => setTimeout(r, 1));
          return await call();
        } finally {
          inFlight--;
        }
      };
    const counted = {
      publish: (doc: FeedDocument) => slow(() => pub.publisher.publish(doc))(),
      remove: (path: string) => slow(() => pub.publisher.remove(path))(),
      get: (path: string) => pub.publisher.get(path),
    };
    const site = createSiteService({ store, publisher: counted, config, clock, retainDocuments: false, rebuildConcurrency: 4 });
    const report = await site.rebuildAll();
    expect(most).toBeLessThanOrEqual(4);
    expect(most).toBe(4);
    expect(report.documents).toBe(pub.files.size);
    expectSameSite(pub.files, (await renderAllInto(store, config, clock)).files);
  });

  it('rejects a bound that is not a whole number ≥ 1', async () => {
    const store = new MemoryArticleStore({ clock: steppingClock() });
    const site = createSiteService({
      store,
      config: siteConfig(3, 2),
      clock: steppingClock(),
      retainDocuments: false,
      rebuildConcurrency: 0,
    });
    await expect(site.rebuildAll()).rejects.toThrow(/limit must be a whole number ≥ 1, got 0/);
  });

  it.each([
    { n: 80, slicePages: undefined },
    { n: 2_100, slicePages: 1 },
  ])(
    'fanned out ($n articles, article page slices of $slicePages store pages): planRebuild, then rebuildFeeds and rebuildArticlePages in separate processes, publishes the same bytes as rebuildAll, removed feeds included',
    async ({ n, slicePages }) => {
      const config = siteConfig(4, 3);
      const clock = steppingClock();
      const store = new MemoryArticleStore({ clock });
      for (let i = 0; i < n; i++) await store.put(articleOf(`a${String(i).padStart(4, '0')}`, i % 6, i % 3));
      const earlier = await renderAllInto(store, config, clock);
      // A feed empties and others shrink since the earlier site.
      const { items } = await store.listFeed('category:رياضه', { limit: 1000 });
      for (const a of items) await store.delete(a.id);
      expect(items.length).toBeGreaterThan(0);

      const whole = createMemoryPublisher(new Map(earlier.files));
      await createSiteService({
        store,
        publisher: whole.publisher,
        config,
        clock,
        retainDocuments: false,
        rebuildConcurrency: 3,
      }).rebuildAll();

      const fanned = createMemoryPublisher(new Map(earlier.files));
      // The article pages the planner leaves to workers are missing until they run: start from a site without them.
      if (slicePages) for (const path of [...fanned.files.keys()]) if (path.startsWith('articles/')) fanned.files.delete(path);
      const fresh = () =>
        createSiteService({ store, publisher: fanned.publisher, config, clock, retainDocuments: false, rebuildConcurrency: 3 });
      const plan = await fresh().planRebuild(slicePages ? { articleSlicePages: slicePages } : {});
      expect(plan.feeds[0]).toEqual({ key: 'all', articles: n - items.length });
      expect(plan.feeds).toContainEqual({ key: 'category:رياضه', articles: 0 });
      // 2,100 - 700 articles in store pages of 1,000: two slices of one page each.
      expect(plan.articleSlices.length).toBe(slicePages ? Math.ceil((n - items.length) / 1000 / slicePages) : 0);
      const batches = batchPlannedFeeds(plan.feeds, 30, 2);
      expect(batches.length).toBeGreaterThan(1);
      expect(batches.flat().sort()).toEqual(plan.feeds.map((f) => f.key).sort());
      for (const batch of batches) await fresh().rebuildFeeds(batch);
      let pages = 0;
      for (const slice of plan.articleSlices) pages += (await fresh().rebuildArticlePages(slice)).documents;
      if (slicePages) expect(pages).toBe(n - items.length);
      expectSameSite(fanned.files, whole.files, 'fanned out vs rebuildAll:');
    },
    60_000,
  );

  it('batchPlannedFeeds: largest first, first fit under the article budget and the feed cap, a feed over the budget alone', () => {
    const feeds = [
      { key: 'all', articles: 900 },
      { key: 'a', articles: 400 },
      { key: 'b', articles: 500 },
      { key: 'c', articles: 100 },
      { key: 'd', articles: 0 },
      { key: 'huge', articles: 5000 },
    ];
    expect(batchPlannedFeeds(feeds, 1000, 2)).toEqual([['huge'], ['all', 'c'], ['b', 'a'], ['d']]);
    expect(batchPlannedFeeds([], 1000, 2)).toEqual([]);
  });
});
