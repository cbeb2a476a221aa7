// createTestArticle: a fresh, valid Article per call (unique id, correct contentHash), for store, publisher and handler tests.
import type { Article, ArticleDate } from '../../lambda/core/articles/article.ts';
import { contentHashOf } from '../../lambda/core/articles/build-article.ts';

let counter = 0;

/**
 * An ArticleDate for an ISO instant, as the normalizer would give for an ISO input.
 *
 * @example
 * testArticleDate('2024-04-29T10:00:00.000Z').normalized.date //=> '2024-04-29'
 */
export function testArticleDate(instant: string, timeZone = 'Asia/Riyadh'): ArticleDate {
  const iso = new Date(instant).toISOString();
  return {
    raw: instant,
    timeZone,
    normalized: { ok: true, date: iso.slice(0, 10), instant: iso, precision: 'second', calendar: 'iso' },
    instant: iso,
  };
}

/**
 * Builds a new valid Article; `overrides` replace fields, and `contentHash` is recomputed
 * (with the model's own `contentHashOf`) unless `overrides.contentHash` is given.
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
  const article: Article = { ...base, ...overrides, contentHash: '' };
  article.contentHash = overrides.contentHash ?? contentHashOf(article);
  return article;
}

/**
 * A changed copy of an article (new title by default), with its hash recomputed.
 *
 * @example
 * editTestArticle(a).contentHash !== a.contentHash //=> true
 */
export function editTestArticle(article: Article, changes: Partial<Article> = { title: `${article.title} (محدث)` }): Article {
  const edited: Article = structuredClone({ ...article, ...changes, contentHash: '' });
  edited.contentHash = changes.contentHash ?? contentHashOf(edited);
  return edited;
}
