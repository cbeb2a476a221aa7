// Feed rendering benchmark: a 1,000-item feed in RSS, Atom and JSON Feed 1.1 — nashra vs a minimal hand-written
// escaping string builder and vs `feed` 6.0.0 alone, measured in the same run; plus the re-render after one changed article.
import { Feed } from 'feed';
import type { Article } from '../lambda/core/articles/article.ts';
import { parseSiteConfig } from '../lambda/core/config/index.ts';
import { formatHijriDate } from '../lambda/core/dates/index.ts';
import { FragmentCache, paginateFeed, renderFeedDocuments, renderFeedPageBytes, type FeedFormat } from '../lambda/core/feeds/index.ts';
import { createSampleArticle, sampleDate } from '../tests/core/feeds/sample-articles.ts';

const N = 1000;
const RUNS = Number(process.env.BENCH_RUNS ?? 12);

const config = parseSiteConfig({
  title: 'نشرة',
  description: 'أخبار عربية',
  baseUrl: 'https://news.example/',
  timeZone: 'Asia/Riyadh',
  itemLimit: N,
  archivePageSize: N,
});

const PARA =
  '<p>أكد وزير الخارجية الصيني وانغ يي اليوم الثلاثاء أن بكين تعتزم العمل على "تعزيز التعاون الإستراتيجي" مع موسكو &amp; شركائها، فيما كشف الوزير الروسي عن بدء حوار بشأن الأمن في منطقة أوراسيا.</p>';
const body = (i: number) => `<h2>القسم ${i}</h2>${PARA.repeat(Math.ceil(3072 / Buffer.byteLength(PARA)))}`.slice(0, 3072 * 2);
const summary =
  'عززت الصين وروسيا تعاونهما الاقتصادي والدبلوماسي في السنوات الأخيرة وأصبحت الشراكة الإستراتيجية بينهما أكثر قربا منذ الحرب. '
    .repeat(3)
    .slice(0, 300);

function makeArticles(): Article[] {
  const t0 = Date.parse('2024-04-30T09:00:00.000Z');
  return Array.from({ length: N }, (_, i) =>
    createSampleArticle({
      id: `art-${i}`,
      url: `https://news.example/a/${i}`,
      title: `لافروف في الصين.. مباحثات حول التعاون الإستراتيجي وأمن أوراسيا (${i})`,
      summary,
      content: body(i),
      categories: ['سياسة', 'العالم'],
      authors: ['سارة أحمد'],
      images: [{ url: `https://news.example/img/${i}.jpg`, type: 'image/jpeg', length: 40_000 }],
      published: sampleDate(new Date(t0 - i * 600_000).toISOString()),
    }),
  );
}

// ---- the baseline: a minimal hand-written, correctly escaping string builder ------------------------------------
const ILLEGAL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const esc = (s: string) =>
  s.replace(ILLEGAL, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const html = (a: Article) =>
  `<div dir="rtl" lang="ar"><p><time>${formatHijriDate(a.published.instant, { numerals: 'arab', timeZone: a.published.timeZone })}</time></p>${a.content.replace(ILLEGAL, '')}</div>`;

const builders: Record<FeedFormat, (items: Article[]) => string> = {
  rss: (items) => {
    let s = `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>${esc(config.title)}</title><link>${esc(config.baseUrl)}</link><description>${esc(config.description)}</description>`;
    for (const a of items) {
      s += `<item><title>${esc(a.title)}</title><link>${esc(a.url)}</link><guid isPermaLink="false">${esc(a.id)}</guid><pubDate>${new Date(a.published.instant).toUTCString()}</pubDate><description>${esc(a.summary ?? '')}</description><content:encoded><![CDATA[${html(a).replaceAll(']]>', ']]]]><![CDATA[>')}]]></content:encoded>`;
      for (const x of a.authors) s += `<dc:creator>${esc(x)}</dc:creator>`;
      for (const c of a.categories) s += `<category>${esc(c)}</category>`;
      s += '</item>';
    }
    return `${s}</channel></rss>`;
  },
  atom: (items) => {
    let s = `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar"><id>${esc(config.baseUrl)}</id><title>${esc(config.title)}</title><updated>${items[0]!.published.instant}</updated>`;
    for (const a of items) {
      s += `<entry><title>${esc(a.title)}</title><id>${esc(a.id)}</id><link href="${esc(a.url)}"/><published>${a.published.instant}</published><updated>${a.published.instant}</updated><summary>${esc(a.summary ?? '')}</summary><content type="html">${esc(html(a))}</content>`;
      for (const x of a.authors) s += `<author><name>${esc(x)}</name></author>`;
      for (const c of a.categories) s += `<category term="${esc(c)}"/>`;
      s += '</entry>';
    }
    return `${s}</feed>`;
  },
  json: (items) =>
    JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: config.title,
      language: 'ar',
      items: items.map((a) => ({
        id: a.id,
        url: a.url,
        title: a.title,
        summary: a.summary,
        content_html: html(a),
        date_published: a.published.instant,
        authors: a.authors.map((name) => ({ name })),
        tags: a.categories,
      })),
    }),
};

// ---- feed 6.0.0 alone, same inputs --------------------------------------------------------------------------------
function feedAlone(items: Article[], format: FeedFormat): string {
  const f = new Feed({
    id: config.baseUrl,
    title: config.title,
    description: config.description,
    link: config.baseUrl,
    language: 'ar',
    updated: new Date(items[0]!.published.instant),
    copyright: '',
  });
  for (const a of items) {
    f.addItem({
      title: a.title,
      id: a.url,
      link: a.url,
      date: new Date(a.published.instant),
      description: a.summary,
      content: html(a),
      author: a.authors.map((name) => ({ name })),
      category: a.categories.map((name) => ({ name, term: name })),
    });
  }
  return format === 'rss' ? f.rss2() : format === 'atom' ? f.atom1() : f.json1();
}

// Every variant ends in UTF-8 bytes, as a published document must: a string rope is not a rendered feed.
const encoder = new TextEncoder();
const toBytes = (s: string) => encoder.encode(s);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * Times the variants interleaved (one run of each per round, after 3 warm-up rounds), so a noisy shared
 * machine disturbs them alike. Returns min and median ms per variant.
 */
function timeInterleaved(variants: Record<string, () => unknown>, rounds = RUNS): Record<string, { min: number; med: number }> {
  const names = Object.keys(variants);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds + 3; r++) {
    for (const n of names) {
      const t0 = performance.now();
      variants[n]!();
      const dt = performance.now() - t0;
      if (r >= 3) samples[n]!.push(dt);
    }
  }
  return Object.fromEntries(names.map((n) => [n, { min: Math.min(...samples[n]!), med: median(samples[n]!) }]));
}

const articles = makeArticles();
const page = paginateFeed(config, 'all', articles)[0]!;
if (page.items.length !== N) throw new Error(`expected ${N} items, got ${page.items.length}`);

console.log(`feeds bench: ${N}-item feed (Arabic title, 300-char summary, ~3 KB HTML, 2 categories), to UTF-8 bytes.`);
console.log(`Variants interleaved, ${RUNS} rounds; "min / median" ms; ratios are to the builder (min-based, then median-based).`);
for (const format of ['rss', 'atom', 'json'] as const) {
  const cache = new FragmentCache();
  renderFeedPageBytes(config, page, format, cache);
  let k = 0;
  const r = timeInterleaved({
    builder: () => toBytes(builders[format](page.items)),
    // The harsher baseline: the builder's string alone, never encoded (a V8 rope, not a document).
    builderText: () => builders[format](page.items).length,
    nashra: () => renderFeedPageBytes(config, page, format, new FragmentCache()),
    feed: () => toBytes(feedAlone(page.items, format)),
    // Warm cache, then one article changes (new content hash) before each render.
    oneChanged: () => {
      const items = [...page.items];
      items[7] = createSampleArticle({ ...items[7]!, title: `${items[7]!.title} — تحديث ${k++}` });
      renderFeedPageBytes(config, { ...page, items }, format, cache);
    },
  });
  const f = (x: { min: number; med: number }) => `${x.min.toFixed(1)} / ${x.med.toFixed(1)}`;
  const ratio = (x: { min: number; med: number }) => `${(x.min / r.builder!.min).toFixed(2)}× / ${(x.med / r.builder!.med).toFixed(2)}×`;
  console.log(
    `${format.padEnd(5)} builder ${f(r.builder!)} (text only ${f(r.builderText!)}) | nashra ${f(r.nashra!)} = ${ratio(r.nashra!)} ` +
      `(vs text-only builder ${(r.nashra!.min / r.builderText!.min).toFixed(2)}×) | feed 6.0.0 alone ${f(r.feed!)} = ${ratio(r.feed!)} ` +
      `(vs text-only ${(r.feed!.min / r.builderText!.min).toFixed(2)}×) | ` +
      `one article changed, warm cache ${f(r.oneChanged!)} = ${((r.oneChanged!.min / r.nashra!.min) * 100).toFixed(1)}% / ${((r.oneChanged!.med / r.nashra!.med) * 100).toFixed(1)}% of a cold nashra render`,
  );
}
const all = timeInterleaved({ all: () => renderFeedDocuments(config, 'all', articles, { cache: new FragmentCache() }) }, 5).all!;
console.log(
  `renderFeedDocuments('all', ${N} articles): current + 1 archive page × 3 formats, with sha256, cold cache: ${all.min.toFixed(1)} / ${all.med.toFixed(1)} ms`,
);
