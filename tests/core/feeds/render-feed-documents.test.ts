// renderFeedDocuments: paths, headers, hashes, dates, links, and the fragment cache on a one-article change.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FragmentCache, feedTitleOf, renderFeedDocuments } from '../../../lambda/core/feeds/index.ts';
import { createSampleArticle, createSampleArticles, createSampleConfig, sampleDate } from './sample-articles.ts';
import { renderTexts, textOf } from './render-helpers.ts';

describe('renderFeedDocuments', () => {
  it('returns current + archives × 3 formats with content type, cache control, sha256 and lastModified', () => {
    const config = createSampleConfig({ itemLimit: 3, archivePageSize: 2, ttl: 10 });
    const docs = renderFeedDocuments(config, 'all', createSampleArticles(5), { cache: new FragmentCache() });
    expect(docs.map((d) => d.path)).toEqual([
      'feeds/all.rss',
      'feeds/all.atom',
      'feeds/all.json',
      'feeds/all/archive/1.rss',
      'feeds/all/archive/1.atom',
      'feeds/all/archive/1.json',
      'feeds/all/archive/2.rss',
      'feeds/all/archive/2.atom',
      'feeds/all/archive/2.json',
    ]);
    expect(docs.map((d) => d.contentType).slice(0, 3)).toEqual([
      'application/rss+xml; charset=utf-8',
      'application/atom+xml; charset=utf-8',
      'application/feed+json; charset=utf-8',
    ]);
    for (const d of docs) {
      // Archive pages change only when an old item does: a day, as CloudFront serves them; the current page its ttl.
      expect(d.cacheControl).toBe(d.path.includes('/archive/') ? 'public, max-age=86400' : 'public, max-age=600');
      expect(d.hash).toBe(createHash('sha256').update(d.body).digest('hex'));
    }
    expect(docs[0]!.lastModified).toBe('2024-04-30T09:00:00.000Z');
    expect(docs[3]!.lastModified).toBe('2024-04-30T06:00:00.000Z');
    expect(renderFeedDocuments(createSampleConfig({ maxAge: 42 }), 'all', [], { cache: new FragmentCache() })[0]!.cacheControl).toBe(
      'public, max-age=42',
    );
  });

  it("writes RFC 822 pubDate and RFC 3339 published/updated with the publisher's offset; updated = published unless really updated", () => {
    const a = createSampleArticle({ id: 'x', published: sampleDate('2024-04-29T21:00:00.000Z', 'Asia/Riyadh', 'day') });
    const b = createSampleArticle({
      id: 'y',
      published: sampleDate('2024-04-28T10:00:00.000Z'),
      updated: sampleDate('2024-04-28T12:05:09.000Z'),
    });
    const t = renderTexts(createSampleConfig(), 'all', [a, b]);
    const rss = textOf(t, 'feeds/all.rss');
    expect(rss).toContain('<pubDate>Tue, 30 Apr 2024 00:00:00 +0300</pubDate>');
    const atom = textOf(t, 'feeds/all.atom');
    expect(atom).toContain('<published>2024-04-30T00:00:00+03:00</published>\n        <updated>2024-04-30T00:00:00+03:00</updated>');
    expect(atom).toContain('<published>2024-04-28T13:00:00+03:00</published>\n        <updated>2024-04-28T15:05:09+03:00</updated>');
    const json = JSON.parse(textOf(t, 'feeds/all.json'));
    expect(json.items.map((i: Record<string, string>) => [i.date_published, i.date_modified])).toEqual([
      ['2024-04-30T00:00:00+03:00', undefined],
      ['2024-04-28T13:00:00+03:00', '2024-04-28T15:05:09+03:00'],
    ]);
  });

  it('links self, alternate, hub and archives; JSON pages with next_url and the _rfc5005 extension', () => {
    const config = createSampleConfig({ itemLimit: 2, archivePageSize: 2, hub: 'https://hub.example/' });
    const t = renderTexts(config, 'category:سياسه', createSampleArticles(12));
    const enc = 'category-%D8%B3%D9%8A%D8%A7%D8%B3%D9%87';
    const atom = textOf(t, 'feeds/category-سياسه.atom');
    expect(atom).toContain(`<link rel="self" href="https://news.example/feeds/${enc}.atom"/>`);
    expect(atom).toContain('<link rel="alternate" href="https://news.example/"/>');
    expect(atom).toContain('<link rel="hub" href="https://hub.example/"/>');
    expect(atom).toContain(`<link rel="prev-archive" href="https://news.example/feeds/${enc}/archive/2.atom"/>`);
    expect(atom).not.toContain('fh:archive/>');
    const rssArchive = textOf(t, 'feeds/category-سياسه/archive/1.rss');
    expect(rssArchive).toContain(`<atom:link rel="current" href="https://news.example/feeds/${enc}.rss"/>`);
    expect(rssArchive).toContain(`<atom:link rel="next-archive" href="https://news.example/feeds/${enc}/archive/2.rss"/>`);
    expect(rssArchive).toContain('<fh:archive/>');
    const json = JSON.parse(textOf(t, 'feeds/category-سياسه.json'));
    expect(json.next_url).toBe(`https://news.example/feeds/${enc}/archive/2.json`);
    expect(json._rfc5005).toMatchObject({ archive: false, prev_archive: json.next_url });
    expect(json.hubs).toEqual([{ type: 'WebSub', url: 'https://hub.example/' }]);
    expect(json.title).toBe(feedTitleOf(config, 'category:سياسه', createSampleArticles(12)));
    expect(json.title).toBe('نشرة — سياسة');
  });

  it('uses configured feed titles, whatever spelling of the key the config uses', () => {
    const config = createSampleConfig({ feeds: { titles: { 'category:السياسة': 'أخبار السياسة' } } });
    expect(feedTitleOf(config, 'category:سياسه')).toBe('أخبار السياسة');
    expect(textOf(renderTexts(config, 'category:سياسه', createSampleArticles(3)), 'feeds/category-سياسه.rss')).toContain(
      '<title>أخبار السياسة</title>',
    );
  });

  it('re-renders after one changed article by rendering only that article again (fragment cache)', () => {
    const config = createSampleConfig({ itemLimit: 50, archivePageSize: 50 });
    const articles = createSampleArticles(40);
    const cache = new FragmentCache();
    const first = renderFeedDocuments(config, 'all', articles, { cache });
    expect(cache.misses).toBe(40 * 4); // html + 3 formats
    cache.hits = 0;
    cache.misses = 0;
    const changed = [...articles];
    changed[5] = createSampleArticle({ ...articles[5]!, title: 'عنوان معدل' });
    const second = renderFeedDocuments(config, 'all', changed, { cache });
    expect(cache.misses).toBe(4);
    expect(cache.hits).toBe(39 * 3 + 2); // 39 unchanged × 3 formats, + its new HTML reused by atom and json
    expect(second[0]!.hash).not.toBe(first[0]!.hash);
    const fresh = renderFeedDocuments(config, 'all', changed, { cache: new FragmentCache() });
    expect(second.map((d) => d.hash)).toEqual(fresh.map((d) => d.hash));
  });

  it('the fragment cache is bounded (LRU by entries and characters)', () => {
    const cache = new FragmentCache({ maxEntries: 3, maxChars: 10 });
    for (const k of ['a', 'b', 'c', 'd']) cache.getOrRender(k, () => k.repeat(2));
    expect(cache.size).toBe(3);
    cache.getOrRender('b', () => 'XX'); // hit, now most recent
    expect(cache.hits).toBe(1);
    cache.getOrRender('e', () => 'eeeeee'); // 6 chars: evicts c, d to fit 10
    expect(cache.chars).toBeLessThanOrEqual(10);
    let rendered = false;
    cache.getOrRender('b', () => {
      rendered = true;
      return 'bb';
    });
    expect(rendered).toBe(false);
    cache.getOrRender('c', () => {
      rendered = true;
      return 'cc';
    });
    expect(rendered).toBe(true);
  });
});

describe('renderSiteDocuments', () => {
  it('renders every published feed, then index.html and feed.css, listing the same feeds as publishedFeedKeys', async () => {
    const { renderSiteDocuments, publishedFeedKeys } = await import('../../../lambda/core/feeds/index.ts');
    const config = createSampleConfig({ itemLimit: 2, archivePageSize: 2 });
    const articles = createSampleArticles(7);
    const { documents, feeds } = renderSiteDocuments(config, articles, { cache: new FragmentCache() });
    expect(feeds.map((f) => f.key)).toEqual(publishedFeedKeys(config, articles));
    expect(feeds.find((f) => f.key === 'all')).toMatchObject({ itemCount: 2, lastModified: '2024-04-30T09:00:00.000Z' });
    expect(documents.slice(-2).map((d) => d.path)).toEqual(['index.html', 'feed.css']);
    expect(documents.filter((d) => d.path.startsWith('feeds/all')).map((d) => d.path)).toEqual(
      renderFeedDocuments(config, 'all', articles, { cache: new FragmentCache() }).map((d) => d.path),
    );
    for (const f of feeds) {
      const byKey = renderFeedDocuments(config, f.key, articles, { cache: new FragmentCache() });
      for (const d of byKey) expect(documents.find((x) => x.path === d.path)?.hash, d.path).toBe(d.hash);
    }
  });
});
