// The feed model: order with stable ties, RFC 5005 pages that are complete and never change when newer articles arrive.
import { describe, expect, it } from 'vitest';
import { compareFeedOrder, FragmentCache, paginateFeed, publishedFeedKeys, renderFeedDocuments } from '../../../lambda/core/feeds/index.ts';
import { createSampleArticle, createSampleArticles, createSampleConfig, sampleDate } from './sample-articles.ts';

describe('feed order', () => {
  it('sorts by instant descending, then id ascending for ties, whatever the input order', () => {
    const at = (id: string, t: string) => createSampleArticle({ id, published: sampleDate(t) });
    const xs = [at('b', '2024-01-01T00:00:00.000Z'), at('c', '2024-01-02T00:00:00.000Z'), at('a', '2024-01-01T00:00:00.000Z')];
    expect([...xs].sort(compareFeedOrder).map((a) => a.id)).toEqual(['c', 'a', 'b']);
    expect([...xs].reverse().sort(compareFeedOrder).map((a) => a.id)).toEqual(['c', 'a', 'b']);
  });
});

describe('paginateFeed (RFC 5005)', () => {
  it('current page holds the newest itemLimit items and links the newest complete archive page', () => {
    const pages = paginateFeed(createSampleConfig({ itemLimit: 4, archivePageSize: 3 }), 'all', createSampleArticles(10));
    expect(pages.map((p) => p.kind)).toEqual(['current', 'archive', 'archive', 'archive']);
    expect(pages[0]!.items.map((a) => a.id)).toEqual(['art-00000', 'art-00001', 'art-00002', 'art-00003']);
    expect(pages[0]!.prevArchive).toBe(3);
    // page 1 = the 3 oldest (art-00009..7), shown newest first
    expect(pages[1]!.items.map((a) => a.id)).toEqual(['art-00007', 'art-00008', 'art-00009']);
    expect(pages[1]).toMatchObject({ number: 1, nextArchive: 2 });
    expect(pages[1]!.prevArchive).toBeUndefined();
    expect(pages[3]).toMatchObject({ number: 3, prevArchive: 2 });
    expect(pages[3]!.nextArchive).toBeUndefined();
  });

  it('current + archives cover every article (an aggregator can backfill everything)', () => {
    for (const count of [0, 1, 2, 3, 5, 9, 10, 11, 31]) {
      const articles = createSampleArticles(count);
      const pages = paginateFeed(createSampleConfig({ itemLimit: 5, archivePageSize: 3 }), 'all', articles);
      const covered = new Set(pages.flatMap((p) => p.items.map((a) => a.id)));
      expect(covered.size).toBe(count);
      for (const p of pages.slice(1)) expect(p.items).toHaveLength(3);
    }
  });

  it('archive pages keep their items and bytes when newer articles arrive', () => {
    const config = createSampleConfig({ itemLimit: 4, archivePageSize: 3 });
    const all = createSampleArticles(20); // art-00000 newest
    const before = renderFeedDocuments(config, 'all', all.slice(7), { cache: new FragmentCache() });
    const after = renderFeedDocuments(config, 'all', all, { cache: new FragmentCache() });
    const byPath = (docs: typeof before) => new Map(docs.map((d) => [d.path, d.hash]));
    const b = byPath(before);
    const a = byPath(after);
    // 13 articles → pages 1..4 complete; 20 → 1..6. Pages 1..3 are byte-identical, page 4 only gains next-archive.
    for (const n of [1, 2, 3]) for (const f of ['rss', 'atom', 'json']) {
      const p = `feeds/all/archive/${n}.${f}`;
      expect(a.get(p), p).toBe(b.get(p));
    }
    const items = (n: number, xs: typeof all) => paginateFeed(config, 'all', xs).find((p) => p.number === n)!.items.map((x) => x.id);
    expect(items(4, all)).toEqual(items(4, all.slice(7)));
    expect(a.get('feeds/all.rss')).not.toBe(b.get('feeds/all.rss'));
  });

  it('filters members by feed key and drops duplicate ids', () => {
    const articles = createSampleArticles(6);
    const page = paginateFeed(createSampleConfig(), 'category:سياسة', [...articles, articles[0]!])[0]!;
    expect(page.items.map((a) => a.id)).toEqual(['art-00000', 'art-00003']);
  });

  it('publishes the feed kinds the config enables', () => {
    const articles = createSampleArticles(3);
    expect(publishedFeedKeys(createSampleConfig(), articles)).toEqual([
      'all',
      'author:سارة-أحمد',
      'author:محمد-علي',
      'category:اقتصاد',
      'category:رياضة',
      'category:سياسة',
      'source:وكالات',
    ]);
    expect(publishedFeedKeys(createSampleConfig({ feeds: { author: false, source: false } }), articles)).toEqual([
      'all',
      'category:اقتصاد',
      'category:رياضة',
      'category:سياسة',
    ]);
  });
});
