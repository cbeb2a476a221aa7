// fast-check arbitraries for the conformance run: articles with hostile Unicode, "]]>", bidi marks and huge fields.
import fc from 'fast-check';
import type { Article } from '../../lambda/core/articles/article.ts';
import { createSampleArticle, sampleDate } from '../core/feeds/sample-articles.ts';

const HOSTILE_PIECES = [
  ']]>',
  ']]>]]>',
  '<![CDATA[',
  '&',
  '&amp;',
  '<',
  '>',
  '"',
  "'",
  '\u0000',
  '\u0008',
  '\u000B',
  '\u001F',
  '\uFFFE',
  '\uFFFF',
  '\uD800',
  '\uDFFF',
  '\uDC00\uD800',
  '😀',
  '\u200F',
  '\u200E',
  '\u202B',
  '\u202E',
  '\u2066',
  '\u2069',
  '\u061C',
  '\u0640',
  '\u0085',
  '\u2028',
  '\u2029',
  '\u00A0',
  '\r\n',
  '\t',
  'ـــ',
  'ﷺ',
  'لا',
  'ٱلْعَرَبِيَّة',
  '١٤٤٥',
  '--',
  '?>',
  '<!--',
];

/** Any UTF-16 code unit (lone surrogates and C0 controls included), mixed with known-bad pieces and Arabic. */
export const hostileText = (maxLength = 40): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        fc.constantFrom(...HOSTILE_PIECES),
        fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
        fc.string({ unit: 'grapheme', maxLength: 4 }),
        fc.constantFrom('خبر', 'عاجل', 'الرياض', 'news', ' '),
      ),
      { maxLength },
    )
    .map((parts) => parts.join(''));

/** Sometimes huge (64–200 KB), usually small. */
const maybeHuge = (arb: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 9, arbitrary: arb },
    {
      weight: 1,
      arbitrary: fc.tuple(arb, fc.integer({ min: 2_000, max: 6_000 })).map(([s, n]) => `${s}]]>ـ&<`.repeat(n).slice(0, 200_000)),
    },
  );

/** One hostile Article. Instants span 1901–2099 with millisecond noise; day and minute precision. */
export const hostileArticle: fc.Arbitrary<Article> = fc
  .record({
    id: fc.oneof(
      hostileText(20).filter((s) => s.length > 0),
      fc.webUrl(),
    ),
    url: fc.webUrl({ withQueryParameters: true, withFragments: true }),
    title: maybeHuge(hostileText()),
    summary: fc.option(maybeHuge(hostileText(80)), { nil: undefined }),
    content: maybeHuge(hostileText(120)).map((t) => `<p>${t}</p>`),
    authors: fc.array(hostileText(12), { maxLength: 3 }),
    categories: fc.array(fc.oneof(fc.constantFrom('سياسة', 'اقتصاد', 'رياضة', 'قسم طويل جدا '.repeat(40)), hostileText(12)), {
      maxLength: 3,
    }),
    source: fc.option(fc.oneof(fc.constantFrom('وكالات', 'واس'), hostileText(10)), { nil: undefined }),
    images: fc.array(
      fc.record({
        url: fc.webUrl({ withQueryParameters: true }),
        caption: fc.option(hostileText(20), { nil: undefined }),
        type: fc.option(fc.constantFrom('image/jpeg', 'image/png', 'image/webp'), { nil: undefined }),
        length: fc.option(fc.nat(10_000_000), { nil: undefined }),
      }),
      { maxLength: 2 },
    ),
    ms: fc.integer({ min: Date.UTC(1901, 0, 1), max: Date.UTC(2099, 11, 31) }),
    zone: fc.constantFrom('Asia/Riyadh', 'Africa/Cairo', 'Africa/Casablanca', 'UTC', 'Asia/Dubai'),
    updatedAfterMs: fc.option(fc.integer({ min: 0, max: 10 * 86_400_000 }), { nil: undefined }),
    rtl: fc.boolean(),
  })
  .map((r) =>
    createSampleArticle({
      id: r.id,
      url: r.url,
      title: r.title,
      summary: r.summary,
      content: r.content,
      authors: r.authors,
      categories: r.categories,
      source: r.source,
      images: r.images.map(
        (i) => Object.fromEntries(Object.entries(i).filter(([, v]) => v !== undefined)) as unknown as Article['images'][number],
      ),
      language: r.rtl ? 'ar' : 'en',
      direction: r.rtl ? 'rtl' : 'ltr',
      published: sampleDate(new Date(r.ms).toISOString(), r.zone),
      ...(r.updatedAfterMs !== undefined ? { updated: sampleDate(new Date(r.ms + r.updatedAfterMs).toISOString(), r.zone) } : {}),
    }),
  );
