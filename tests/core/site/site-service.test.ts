// The site service over a MemoryArticleStore and the real parser/renderers: statuses, affected feeds, removals, restarts, concurrency.
import { describe, expect, it } from 'vitest';
import { MemoryArticleStore } from '../../../lambda/adapters/memory-article-store.ts';
import { fixedClock } from '../../../lambda/core/clock.ts';
import { parseSiteConfig } from '../../../lambda/core/config/index.ts';
import { createSiteService } from '../../../lambda/core/site/site-service.ts';
import type { FeedDocumentSource, FeedPublisher } from '../../../lambda/ports/feed-publisher.ts';
import type { FeedDocument } from '../../../lambda/core/feeds/feed-document.ts';

const config = (feeds: Record<string, unknown> = {}) =>
  parseSiteConfig({
    title: 'نشرة',
    description: 'أخبار',
    baseUrl: 'https://news.example/',
    timeZone: 'Asia/Riyadh',
    itemLimit: 5,
    archivePageSize: 5,
    feeds: { author: false, ...feeds },
  });

function recordingPublisher(files = new Map<string, FeedDocument>()) {
  const removed: string[] = [];
  const publisher: FeedPublisher & FeedDocumentSource = {
    async get(path: string) {
      return files.get(path);
    },
    async publish(doc: FeedDocument) {
      const written = files.get(doc.path)?.hash !== doc.hash;
      files.set(doc.path, doc);
      return { path: doc.path, written };
    },
    async remove(path: string) {
      files.delete(path);
      removed.push(path);
    },
  };
  return { publisher, files, removed };
}

const input = (n: number, extra: Record<string, unknown> = {}) => ({
  url: `https://news.example.sa/a/${n}`,
  title: `الخبر رقم ${n} عن افتتاح مشروع جديد`,
  content: `<p>تفاصيل الخبر رقم ${n}.</p>`,
  categories: ['اقتصاد'],
  source: 'وكالات',
  authors: ['ليلى حسن'],
  published: new Date(Date.UTC(2024, 3, 1) + n * 3_600_000).toISOString(),
  ...extra,
});
const body = (...items: object[]) => items.map((i) => JSON.stringify(i)).join('\n');

function setup(feeds?: Record<string, unknown>) {
  const clock = fixedClock('2024-05-01T00:00:00Z');
  const store = new MemoryArticleStore({ clock });
  const pub = recordingPublisher();
  const site = createSiteService({ store, publisher: pub.publisher, config: config(feeds), clock });
  return { store, site, clock, ...pub };
}

describe('createSiteService', () => {
  it('reports created, unchanged and updated, and re-renders only on change', async () => {
    const { site } = setup();
    const r1 = await site.ingest({ body: JSON.stringify(input(1)), format: 'json' });
    expect(r1.results.map((r) => r.status)).toEqual(['created']);
    expect(r1.renderedFeeds.sort()).toEqual(['all', 'category:اقتصاد', 'source:وكالات']);
    expect(site.getDocument('feeds/all.rss')).toBeDefined();
    const r2 = await site.ingest({ body: JSON.stringify(input(1)), format: 'json' });
    expect(r2.results[0]!.status).toBe('unchanged');
    expect(r2.renderedFeeds).toEqual([]);
    const before = site.getDocument('feeds/all.atom')!.hash;
    const r3 = await site.ingest({ body: JSON.stringify(input(1, { title: 'عنوان معدل للخبر الأول' })), format: 'json' });
    expect(r3.results[0]!.status).toBe('updated');
    expect(r3.results[0]!.article.updated).toBeDefined();
    expect(site.getDocument('feeds/all.atom')!.hash).not.toBe(before);
    expect(new TextDecoder().decode(site.getDocument('feeds/all.atom')!.body)).toContain('عنوان معدل للخبر الأول');
  });

  it('re-renders the previous feeds too: a category change empties and removes the old category feed', async () => {
    const { site, files, removed } = setup();
    await site.ingest({ body: JSON.stringify(input(1)), format: 'json' });
    expect(files.has('feeds/category-اقتصاد.rss')).toBe(true);
    const r = await site.ingest({ body: JSON.stringify(input(1, { categories: ['رياضة'] })), format: 'json' });
    expect(r.renderedFeeds).toEqual(expect.arrayContaining(['category:اقتصاد', 'category:رياضة']));
    expect(site.getDocument('feeds/category-اقتصاد.rss')).toBeUndefined();
    expect(files.has('feeds/category-اقتصاد.json')).toBe(false);
    expect(removed).toEqual(
      expect.arrayContaining(['feeds/category-اقتصاد.rss', 'feeds/category-اقتصاد.atom', 'feeds/category-اقتصاد.json']),
    );
    expect(site.getDocument('feeds/category-رياضة.json')).toBeDefined();
    expect(site.feedSummaries().map((f) => f.key)).toEqual(['all', 'category:رياضة', 'source:وكالات']);
    const index = new TextDecoder().decode(site.getDocument('index.html')!.body);
    expect(index).toContain('رياضة');
    expect(index).not.toContain('category-%D8%A7%D9%82%D8%AA%D8%B5%D8%A7%D8%AF');
  });

  it('stores the valid articles of a batch and reports every problem of the invalid one', async () => {
    const { site, store } = setup();
    const r = await site.ingest({ body: body(input(1), { title: 'بلا رابط', published: '2024-04-01' }), format: 'ndjson' });
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors.every((e) => e.path.startsWith('$[1]'))).toBe(true);
    expect(r.valid).toEqual([{ index: 0, id: expect.any(String) }]);
    expect(r.results.map((x) => [x.index, x.status])).toEqual([[0, 'created']]);
    const stored = (await store.listFeed('all', { limit: 10 })).items;
    expect(stored.map((a) => a.id)).toEqual([r.valid[0]!.id]);
    expect(stored.some((a) => a.title === 'بلا رابط')).toBe(false);
    expect(site.getDocument('feeds/all.rss')).toBeDefined();
  });

  it('removes archive pages that no longer exist, and the feeds of a deleted article', async () => {
    const { site, files } = setup();
    await site.ingest({ body: body(...Array.from({ length: 12 }, (_, i) => input(i))), format: 'ndjson' });
    expect(site.documentPaths()).toEqual(expect.arrayContaining(['feeds/all/archive/1.rss', 'feeds/all/archive/2.rss']));
    const ids = (await site.ingest({ body: body(...Array.from({ length: 12 }, (_, i) => input(i))), format: 'ndjson' })).results.map(
      (r) => r.article.id,
    );
    for (const id of ids.slice(0, 4)) expect(await site.deleteArticle(id)).toBeDefined();
    expect(site.getDocument('feeds/all/archive/2.rss')).toBeUndefined();
    expect(files.has('feeds/all/archive/2.rss')).toBe(false);
    expect(site.getDocument('feeds/all/archive/1.rss')).toBeDefined();
    expect(await site.deleteArticle('no-such-id')).toBeUndefined();
  });

  it('a fresh process removes the archive pages and emptied feeds an earlier process published', async () => {
    const a = setup();
    const all = (
      await a.site.ingest({
        body: body(...Array.from({ length: 12 }, (_, i) => input(i, { categories: [i < 11 ? 'اقتصاد' : 'رياضة'] }))),
        format: 'ndjson',
      })
    ).results;
    expect(a.files.has('feeds/all/archive/2.json')).toBe(true);
    // Another process deletes articles straight in the store; this one restarts over the same published files.
    for (const r of all.slice(0, 4)) await a.store.delete(r.article.id);
    await a.store.delete(all[11]!.article.id);
    const pub = recordingPublisher(a.files);
    const fresh = createSiteService({ store: a.store, publisher: pub.publisher, config: config(), clock: a.clock });
    await fresh.renderFeeds(['all', 'category:رياضة']);
    expect(a.files.has('feeds/all/archive/1.rss')).toBe(true);
    expect([...a.files.keys()].filter((p) => p.startsWith('feeds/all/archive/2.'))).toEqual([]);
    expect([...a.files.keys()].filter((p) => p.startsWith('feeds/category-رياضة'))).toEqual([]);
    expect(pub.removed).toEqual(expect.arrayContaining(['feeds/all/archive/2.atom', 'feeds/category-رياضة.rss']));
  });

  it('moves Last-Modified forward when a feed changes without a newer item (backdated article, deletion)', async () => {
    const { site, files } = setup();
    await site.ingest({ body: JSON.stringify(input(10)), format: 'json' });
    const first = site.getDocument('feeds/all.rss')!;
    expect(first.lastModified).toBe(input(10).published);
    const backdated = await site.ingest({ body: JSON.stringify(input(2)), format: 'json' });
    const second = site.getDocument('feeds/all.rss')!;
    expect(second.hash).not.toBe(first.hash);
    expect(Date.parse(second.lastModified!)).toBeGreaterThan(Date.parse(first.lastModified!));
    expect(files.get('feeds/all.rss')!.lastModified).toBe(second.lastModified);
    await site.deleteArticle(backdated.results[0]!.article.id);
    const third = site.getDocument('feeds/all.rss')!;
    expect(Date.parse(third.lastModified!)).toBeGreaterThan(Date.parse(second.lastModified!));
    // Unchanged content keeps its date.
    await site.renderFeeds(['all']);
    expect(site.getDocument('feeds/all.rss')!.lastModified).toBe(third.lastModified);
  });

  it('without retained documents (the Lambda functions), keeps no bodies yet still moves Last-Modified forward', async () => {
    const clock = fixedClock('2024-05-01T00:00:00Z');
    const store = new MemoryArticleStore({ clock });
    const { publisher, files } = recordingPublisher();
    const site = createSiteService({ store, publisher, config: config(), clock, retainDocuments: false });
    await site.ingest({ body: JSON.stringify(input(10)), format: 'json' });
    const first = files.get('feeds/all.rss')!;
    expect(first.lastModified).toBe(input(10).published);
    expect(site.documentPaths()).toEqual([]);
    expect(site.getDocument('feeds/all.rss')).toBeUndefined();
    const backdated = await site.ingest({ body: JSON.stringify(input(2)), format: 'json' });
    const second = files.get('feeds/all.rss')!;
    expect(second.hash).not.toBe(first.hash);
    expect(Date.parse(second.lastModified!)).toBeGreaterThan(Date.parse(first.lastModified!));
    await site.deleteArticle(backdated.results[0]!.article.id);
    const third = files.get('feeds/all.rss')!;
    expect(Date.parse(third.lastModified!)).toBeGreaterThan(Date.parse(second.lastModified!));
    await site.renderFeeds(['all']);
    expect(files.get('feeds/all.rss')!.lastModified).toBe(third.lastModified);
    expect(site.documentPaths()).toEqual([]);
  });

  it('publishes only enabled feed kinds', async () => {
    const { site } = setup({ author: false, source: false });
    await site.ingest({ body: JSON.stringify(input(1)), format: 'json' });
    expect(site.documentPaths().filter((p) => p.startsWith('feeds/') && p.endsWith('.rss'))).toEqual([
      'feeds/all.rss',
      'feeds/category-اقتصاد.rss',
    ]);
  });

  it('renders every write when ingests run concurrently', async () => {
    const { site } = setup();
    await Promise.all(Array.from({ length: 8 }, (_, i) => site.ingest({ body: JSON.stringify(input(i)), format: 'json' })));
    const feed = JSON.parse(new TextDecoder().decode(site.getDocument('feeds/all.json')!.body));
    expect(feed.items).toHaveLength(5);
    expect(feed.items[0].title).toBe(input(7).title);
    expect(site.documentPaths()).toContain('feeds/all/archive/1.json');
  });

  it('after a restart, renderAll over the same store rebuilds byte-identical documents', async () => {
    const a = setup();
    await a.site.ingest({
      body: body(...Array.from({ length: 7 }, (_, i) => input(i, { categories: [i % 2 ? 'اقتصاد' : 'رياضة'] }))),
      format: 'ndjson',
    });
    const again = createSiteService({ store: a.store, config: config(), clock: a.clock });
    await again.renderAll();
    expect(again.documentPaths()).toEqual(a.site.documentPaths());
    for (const p of again.documentPaths()) expect(again.getDocument(p)!.hash, p).toBe(a.site.getDocument(p)!.hash);
  });
});
