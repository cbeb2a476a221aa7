// Sources in every format, item links, article pages, feeds.opml and the grouped index, checked with the real parsers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { articleIdOf } from '../../../lambda/core/articles/article-id.ts';
import { FragmentCache, renderSiteDocuments } from '../../../lambda/core/feeds/index.ts';
import { feedparserParse, jsonFeedErrors, xmllintErrors } from '../../support/feed-tools.ts';
import { writeDocuments } from './render-helpers.ts';
import { createSampleArticle, createSampleConfig, sampleDate } from './sample-articles.ts';

const work = mkdtempSync(path.join(tmpdir(), 'nashra-sources-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const decoder = new TextDecoder();
const enc = (s: string) => encodeURIComponent(s);

/** A page-text article whose URL nashra made up from its file name (no url: header). */
function pageTextArticle() {
  const url = 'https://news.example/articles/cairo-metro';
  return createSampleArticle({
    id: articleIdOf({ key: 'cairo-metro', url }),
    url,
    title: 'تشغيل تجريبي لمترو القاهرة',
    source: 'وأج، وكالات',
    authors: ['وليد خالد و سارة أحمد'],
    categories: ['الاقتصاد'],
    published: sampleDate('2026-07-17T09:00:00.000Z', 'Africa/Cairo', 'day'),
  });
}

function site(configOverrides: Record<string, unknown> = {}) {
  const config = createSampleConfig(configOverrides);
  const articles = [
    pageTextArticle(),
    createSampleArticle({ id: 'b', url: 'https://publisher.example/b', categories: ['إقتصاد'], source: 'واس' }),
    createSampleArticle({ id: 'c', url: 'https://publisher.example/c', categories: ['اقتصاد'], source: 'وكالات' }),
  ];
  const { documents, feeds } = renderSiteDocuments(config, articles, { cache: new FragmentCache() });
  const text = (p: string) => {
    const d = documents.find((x) => x.path === p);
    if (!d) throw new Error(`not rendered: ${p}`);
    return decoder.decode(d.body);
  };
  return { config, articles, documents, feeds, text };
}

describe('sources', () => {
  it('RSS carries <source url> to the source feed, Atom a category per source, JSON _nashra; feedparser and ajv accept them', async () => {
    const { documents, text, articles } = site();
    const rss = text('feeds/all.rss');
    expect(rss).toContain(`<source url="https://news.example/feeds/${enc('source-واج')}.rss">وأج، وكالات</source>`);
    expect(rss).toContain(`<source url="https://news.example/feeds/${enc('source-واس')}.rss">واس</source>`);
    const atom = text('feeds/all.atom');
    expect(atom).toContain('<category term="وأج" scheme="tag:nashra,2026:source" label="وأج"/>');
    expect(atom).toContain('<category term="وكالات" scheme="tag:nashra,2026:source" label="وكالات"/>');
    const json = JSON.parse(text('feeds/all.json'));
    expect(jsonFeedErrors(json)).toEqual([]);
    const item = json.items.find((i: { id: string }) => i.id === articles[0]!.id);
    expect(item._nashra).toEqual({
      source: 'وأج، وكالات',
      sources: [
        { name: 'وأج', feed_url: `https://news.example/feeds/${enc('source-واج')}.json`.replace('.json', '.rss') },
        { name: 'وكالات', feed_url: `https://news.example/feeds/${enc('source-وكالات')}.rss` },
      ],
    });
    const files = writeDocuments(path.join(work, 'a'), documents).filter((f) => /\.(rss|atom)$/.test(f));
    expect(await xmllintErrors(files)).toEqual(new Map());
    for (const p of feedparserParse(files)) expect(p.bozo, `${p.file}: ${p.bozoException}`).toBe(false);
  });

  it('"وأج، وكالات" puts the article in both source feeds; the three spellings of اقتصاد make one feed titled as most print it', () => {
    const { documents, feeds, text, articles } = site();
    const id = articles[0]!.id;
    expect(text('feeds/source-واج.rss')).toContain(id);
    expect(text('feeds/source-وكالات.rss')).toContain(id);
    expect(documents.filter((d) => /^feeds\/category-.*\.rss$/.test(d.path)).map((d) => d.path)).toEqual(['feeds/category-اقتصاد.rss']);
    const economy = feeds.find((f) => f.key === 'category:اقتصاد')!;
    expect(economy.total).toBe(3);
    expect(['نشرة — الاقتصاد', 'نشرة — إقتصاد', 'نشرة — اقتصاد']).toContain(economy.title);
    expect(feeds.find((f) => f.key === 'source:واج')!.title).toBe('نشرة — وأج');
    expect(feeds.map((f) => f.title).join(' ')).not.toMatch(/[a-z]-|ساره|واج\b/);
  });

  it('without source feeds, RSS names each source with dc:publisher', () => {
    const rss = site({ feeds: { source: false } }).text('feeds/all.rss');
    expect(rss).not.toContain('<source ');
    expect(rss).toContain('<dc:publisher>وأج</dc:publisher>');
    expect(rss).toContain('<dc:publisher>وكالات</dc:publisher>');
  });
});

describe('item links and article pages', () => {
  it('items link to the publisher when there is one, else to the article page, in every format', () => {
    const { text, articles } = site();
    const page = `https://news.example/articles/${articles[0]!.id}.html`;
    expect(text('feeds/all.rss')).toContain(`<link>${page}</link>`);
    expect(text('feeds/all.rss')).toContain('<link>https://publisher.example/b</link>');
    expect(text('feeds/all.atom')).toContain(`<link rel="alternate" type="text/html" href="${page}"/>`);
    const json = JSON.parse(text('feeds/all.json'));
    expect(json.items.map((i: { url: string }) => i.url)).toContain(page);
    expect(text('feeds/all.rss')).not.toContain('https://news.example/articles/cairo-metro<');
  });

  it('renders a right-to-left page with dates, byline, source, figures, body, OpenGraph, canonical and feed links', async () => {
    const { documents, text, articles } = site();
    const a = articles[0]!;
    const html = text(`articles/${a.id}.html`);
    expect(html).toContain('<html xmlns="http://www.w3.org/1999/xhtml" lang="ar" xml:lang="ar" dir="rtl">');
    expect(html).toContain(`<link rel="canonical" href="https://news.example/articles/${a.id}.html"/>`);
    expect(html).toContain('<meta property="og:title" content="تشغيل تجريبي لمترو القاهرة"/>');
    expect(html).toContain('<meta property="article:published_time" content="2026-07-17T12:00:00+03:00"/>');
    // 17 July 2026 is a Friday, 3 Safar 1448 (Umm al-Qura); written by hand from the calendars.
    expect(html).toContain('<time datetime="2026-07-17T12:00:00+03:00">الجمعة، ١٧ يوليو ٢٠٢٦</time>');
    expect(html).toContain('<span class="hijri">٣ صفر ١٤٤٨ هـ</span>');
    expect(html).toContain('<span class="author">وليد خالد</span>، <span class="author">سارة أحمد</span>');
    expect(html).toContain(
      `المصدر: <a href="../feeds/${enc('source-واج')}.rss">وأج</a>، <a href="../feeds/${enc('source-وكالات')}.rss">وكالات</a>`,
    );
    expect(html).toContain('<span class="caption">لافروف ووانغ يي في بكين</span> <span class="credit">رويترز</span>');
    expect(html).toContain('<h2>تعزيز الشراكة الأمنية</h2>');
    expect(html).toContain(`<a href="../feeds/${enc('category-اقتصاد')}.rss">الاقتصاد</a>`);
    expect(html).not.toContain('موقع الناشر');
    const withPublisher = text('articles/b.html');
    expect(withPublisher).toContain('<link rel="canonical" href="https://publisher.example/b"/>');
    expect(withPublisher).toContain('<a href="https://publisher.example/b" rel="external">');
    const files = writeDocuments(path.join(work, 'p'), documents).filter((f) => f.endsWith('.html') || f.endsWith('.opml'));
    expect(files.length).toBe(5);
    expect(await xmllintErrors(files)).toEqual(new Map());
  });
});

describe('feeds.opml and the index', () => {
  it('lists every feed once as OPML 2.0, grouped, and the index links it with one autodiscovery link per format', () => {
    const { documents, feeds, text } = site({ image: 'https://news.example/icon.png' });
    const opml = text('feeds.opml');
    expect(opml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<opml version="2.0">/);
    const urls = [...opml.matchAll(/xmlUrl="([^"]+)"/g)].map((m) => m[1]);
    expect(urls).toHaveLength(feeds.length);
    expect(new Set(urls)).toEqual(
      new Set(
        documents
          .filter((d) => /^feeds\/[^/]+\.rss$/.test(d.path))
          .map((d) => `https://news.example/${d.path.split('/').map(enc).join('/')}`),
      ),
    );
    expect([...opml.matchAll(/<outline text="([^"]+)">/g)].map((m) => m[1])).toEqual(['كل الأخبار', 'المواضيع', 'المصادر', 'الكتّاب']);
    const index = text('index.html');
    expect([...index.matchAll(/<link rel="alternate"/g)]).toHaveLength(3);
    expect(index).toContain(
      '<link rel="alternate" type="application/rss+xml" title="نشرة (RSS)" href="https://news.example/feeds/all.rss"/>',
    );
    expect(index).toContain('href="feeds.opml"');
    expect(index).toContain('<link rel="icon" href="https://news.example/icon.png"/>');
    expect([...index.matchAll(/<section class="feed-group" data-kind="(\w+)">/g)].map((m) => m[1])).toEqual([
      'all',
      'category',
      'source',
      'author',
    ]);
    // Counts are what the feed holds: 3 articles in all and in the folded economy feed.
    expect(index).toMatch(/data-feed="category:اقتصاد">[\s\S]*?data-count="3">٣</);
    expect(text('feeds/all.rss')).toContain('<url>https://news.example/icon.png</url>');
    expect(text('feeds/all.atom')).toContain('<icon>https://news.example/icon.png</icon>');
    expect(JSON.parse(text('feeds/all.json')).icon).toBe('https://news.example/icon.png');
  });
});
