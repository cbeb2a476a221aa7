// The one test article factory: a fresh, valid Article per call (correct contentHash from the model's own contentHashOf), as presets for store, feed, site and handler tests and benches.
import type { Article, ArticleDate } from '../../lambda/core/articles/article.ts';
import { contentHashOf } from '../../lambda/core/articles/build-article.ts';

let counter = 0;

/**
 * An ArticleDate for an ISO instant, as the normalizer gives it for an ISO input; `precision: 'day'` makes it a
 * date-only value (no instant of its own in `normalized`).
 *
 * @example
 * testArticleDate('2024-04-29T10:00:00.000Z').normalized.date //=> '2024-04-29'
 * testArticleDate('2024-04-29T00:00:00.000Z', 'Asia/Riyadh', 'day').normalized.instant //=> null
 */
export function testArticleDate(instant: string, timeZone = 'Asia/Riyadh', precision: 'day' | 'minute' | 'second' = 'second'): ArticleDate {
  const iso = Number.isFinite(Date.parse(instant)) ? new Date(instant).toISOString() : instant;
  return {
    raw: instant,
    timeZone,
    normalized: {
      ok: true,
      date: iso.slice(0, 10),
      instant: precision === 'day' ? null : iso,
      precision,
      calendar: 'iso',
    },
    instant: iso,
  };
}

/**
 * `fields` as an Article, with its `contentHash` computed (unless `contentHash` is given).
 *
 * @example
 * withContentHash({ ...fields, title: 'جديد' }).contentHash.length //=> 64
 */
function withContentHash(fields: Article, contentHash?: string): Article {
  const article: Article = { ...fields, contentHash: '' };
  article.contentHash = contentHash ?? contentHashOf(article);
  return article;
}

/**
 * A new valid Article with a unique id and URL and a publication minute of its own; `overrides` replace fields.
 *
 * @example
 * const a = createTestArticle({ categories: ['اقتصاد'] });
 * a.contentHash.length //=> 64
 */
export function createTestArticle(overrides: Partial<Article> = {}): Article {
  counter += 1;
  const n = counter;
  const base: Article = {
    id: `test-${process.pid}-${n}`,
    url: `https://news.example.sa/2024/04/article-${n}`,
    title: `خبر تجريبي رقم ${n}`,
    summary: 'ملخص قصير للخبر.',
    content: `<p>نص الخبر التجريبي رقم ${n}.</p>`,
    authors: ['محمد العلي'],
    categories: ['سياسة'],
    source: 'وكالات',
    images: [],
    language: 'ar',
    direction: 'rtl',
    published: testArticleDate(new Date(Date.UTC(2024, 3, 1) + n * 60_000).toISOString()),
    contentHash: '',
  };
  return withContentHash({ ...base, ...overrides }, overrides.contentHash);
}

/**
 * A realistic Arabic article (the same one every call, with an image, two categories, HTML content); override any field.
 *
 * @example
 * createSampleArticle({ title: 'عنوان' }).categories //=> ['سياسة', 'العالم']
 */
export function createSampleArticle(overrides: Partial<Omit<Article, 'contentHash'>> = {}): Article {
  return withContentHash({
    id: 'aj-2024-04-30-lavrov',
    url: 'https://news.example/2024/04/30/lavrov-china',
    title: 'لافروف في الصين.. مباحثات حول التعاون الإستراتيجي وأمن أوراسيا',
    summary: 'عززت الصين وروسيا تعاونهما الاقتصادي والدبلوماسي في السنوات الأخيرة.',
    content:
      '<p>أكد وزير الخارجية الصيني وانغ يي اليوم الثلاثاء أن بكين تعتزم العمل على "تعزيز التعاون الإستراتيجي" مع موسكو.</p><h2>تعزيز الشراكة الأمنية</h2><p>وقال لافروف في مؤتمر صحفي…</p>',
    authors: ['سارة أحمد'],
    categories: ['سياسة', 'العالم'],
    source: 'وكالات',
    images: [
      {
        url: 'https://news.example/img/lavrov.jpg',
        caption: 'لافروف ووانغ يي في بكين',
        credit: 'رويترز',
        type: 'image/jpeg',
        length: 48213,
      },
    ],
    language: 'ar',
    direction: 'rtl',
    published: testArticleDate('2024-04-30T09:15:00.000Z', 'Asia/Riyadh', 'minute'),
    ...overrides,
    contentHash: '',
  });
}

/**
 * `count` distinct sample articles, one hour apart (index 0 newest), rotating three categories and two authors.
 *
 * @example
 * createSampleArticles(3).map((a) => a.id) //=> ['art-00000', 'art-00001', 'art-00002']
 */
export function createSampleArticles(count: number, start = '2024-04-30T09:00:00.000Z'): Article[] {
  const t0 = Date.parse(start);
  return Array.from({ length: count }, (_, i) =>
    createSampleArticle({
      id: `art-${String(i).padStart(5, '0')}`,
      url: `https://news.example/a/${i}`,
      title: `خبر رقم ${i}: عنوان عربي`,
      categories: [['سياسة', 'اقتصاد', 'رياضة'][i % 3] ?? 'سياسة'],
      authors: [['سارة أحمد', 'محمد علي'][i % 2] ?? 'سارة أحمد'],
      published: testArticleDate(new Date(t0 - i * 3_600_000).toISOString(), 'Asia/Riyadh', 'minute'),
    }),
  );
}

/**
 * A changed copy of an article (new title by default), with its hash recomputed.
 *
 * @example
 * editTestArticle(a).contentHash !== a.contentHash //=> true
 */
export function editTestArticle(article: Article, changes: Partial<Article> = { title: `${article.title} (محدث)` }): Article {
  return withContentHash(structuredClone({ ...article, ...changes }), changes.contentHash);
}
