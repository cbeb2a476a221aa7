// The feed model: order with stable ties, RFC 5005 pages that are complete and never change when newer articles arrive.
import { describe, expect, it } from 'vitest';
import {
  compareFeedOrder,
  FragmentCache,
  paginateFeed,
  paginateFeedWindow,
  publishedFeedKeys,
  renderFeedDocuments,
  requiredWindowLength,
} from '../../../lambda/core/feeds/index.ts';
import { feedOrderKey } from '../../../lambda/ports/article-store-keys.ts';
import { compareCodePoints } from '../../../lambda/core/compare-code-points.ts';
import { createSampleArticle, createSampleArticles, createSampleConfig, sampleDate } from './sample-articles.ts';

describe('feed order', () => {
  it("sorts by instant descending, then id descending for ties (the stores' listFeed order), whatever the input order", () => {
    const at = (id: string, t: string) => createSampleArticle({ id, published: sampleDate(t) });
    const xs = [at('b', '2024-01-01T00:00:00.000Z'), at('c', '2024-01-02T00:00:00.000Z'), at('a', '2024-01-01T00:00:00.000Z')];
    expect([...xs].sort(compareFeedOrder).map((a) => a.id)).toEqual(['c', 'b', 'a']);
    expect(
      [...xs]
        .reverse()
        .sort(compareFeedOrder)
        .map((a) => a.id),
    ).toEqual(['c', 'b', 'a']);
  });

  it('orders ties exactly as the store key `<instant>#<id>` descending by code point (astral and Arabic ids too)', () => {
    const ids = ['a', 'B', 'ع', 'ب', '😀', '\uffff', 'id#x', 'id'];
    const xs = ids.map((id, i) =>
      createSampleArticle({ id, published: sampleDate(i % 2 ? '2024-01-01T00:00:00.000Z' : '2024-01-01T03:00:00+03:00') }),
    );
    const byStoreKey = [...xs].sort((a, b) => compareCodePoints(feedOrderKey(b), feedOrderKey(a))).map((a) => a.id);
    expect([...xs].sort(compareFeedOrder).map((a) => a.id)).toEqual(byStoreKey);
    // '😀' (U+1F600) sorts above U+FFFF by code point, though its UTF-16 units sort below.
    expect(byStoreKey.indexOf('😀')).toBeLessThan(byStoreKey.indexOf('\uffff'));
  });
});

describe('paginateFeedWindow', () => {
  const configs = [
    createSampleConfig({ itemLimit: 4, archivePageSize: 3 }),
    createSampleConfig({ itemLimit: 3, archivePageSize: 3 }),
    createSampleConfig({ itemLimit: 5, archivePageSize: 1 }),
  ];
  it('gives exactly the pages paginateFeed gives for the whole feed, from any first archive page, from the shortest window', () => {
    for (const config of configs) {
      for (const count of [0, 1, 2, 3, 4, 7, 12, 13]) {
        const whole = paginateFeed(config, 'all', createSampleArticles(count));
        const members = [...createSampleArticles(count)].sort(compareFeedOrder);
        for (let from = 1; from <= Math.floor(count / config.archivePageSize) + 2; from++) {
          const need = requiredWindowLength(config, count, from);
          const pages = paginateFeedWindow(config, 'all', { newest: members.slice(0, need), total: count, fromArchive: from });
          expect(pages).toEqual(whole.filter((p) => p.kind === 'current' || p.number! >= from));
          if (need > 0) {
            expect(() =>
              paginateFeedWindow(config, 'all', { newest: members.slice(0, need - 1), total: count, fromArchive: from }),
            ).toThrow(RangeError);
          }
        }
      }
    }
  });

  it('needs only the current page and the wanted archive pages: a 10,000-member feed from its newest archive page', () => {
    const config = createSampleConfig({ itemLimit: 50, archivePageSize: 25 });
    expect(requiredWindowLength(config, 10_000, 400)).toBe(50);
    expect(requiredWindowLength(config, 10_000, 399)).toBe(50);
    expect(requiredWindowLength(config, 10_010, 399)).toBe(60);
    expect(requiredWindowLength(config, 10_000, 1)).toBe(10_000);
    expect(requiredWindowLength(config, 30, 1)).toBe(30);
  });

  it('refuses a window longer than the feed', () => {
    const config = configs[0]!;
    expect(() => paginateFeedWindow(config, 'all', { newest: createSampleArticles(3), total: 2, fromArchive: 1 })).toThrow(/window of 3/);
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
    for (const n of [1, 2, 3])
      for (const f of ['rss', 'atom', 'json']) {
        const p = `feeds/all/archive/${n}.${f}`;
        expect(a.get(p), p).toBe(b.get(p));
      }
    const items = (n: number, xs: typeof all) =>
      paginateFeed(config, 'all', xs)
        .find((p) => p.number === n)!
        .items.map((x) => x.id);
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
