// Public face of the articles module: the model, validation, page-text extraction and `parseArticles`. Pure: no I/O, no clock.
import { normalizeArabicDate } from '../dates/index.ts';
import { noonOfDayInZone } from './noon-of-day-in-zone.ts';
import type { DateFunctions } from './read-article-date.ts';
import { parseArticlesWith, type ParseArticlesInput, type ParseArticlesOptions, type ParseReport } from './parse-articles.ts';

export type { Article, ArticleCaption, ArticleDate, ArticleImage } from './article.ts';
export type { ArticleError, ArticleErrorCode, ArticleWarning, ArticleWarningCode } from './article-error.ts';
export { articleInputSchema, type ArticleInput } from './article-input-schema.ts';
export { articleIdOf, normalizeArticleUrl } from './article-id.ts';
export { buildArticle, createArticle, contentHashOf, type BuildArticleOptions, type BuildArticleResult } from './build-article.ts';
export { directionOfLanguage } from './direction-of-language.ts';
export { extractPageText, readPageHeader, type PageTextFields, type PageBlock } from './extract-page-text.ts';
export { isBoilerplateLine, BOILERPLATE_LINES } from './boilerplate-lines.ts';
export { sanitizeContent, escapeHtml } from './sanitize-content.ts';
export {
  parseArticlesWith,
  DEFAULT_MAX_BODY_BYTES,
  type ArticleInputFormat,
  type ParseArticlesInput,
  type ParseArticlesOptions,
  type ParseReport,
  type ParsedArticle,
} from './parse-articles.ts';
export type { DateFunctions } from './read-article-date.ts';

/** The real date functions from `lambda/core/dates/`. */
export const articleDateFunctions: DateFunctions = { normalizeArabicDate, noonOfDayInZone };

/**
 * Reads one body of articles — a JSON object, a JSON array, NDJSON, or the raw text of a saved news page —
 * into Articles, with every rejected article reported (path, field, code, message) and nothing of it returned.
 * Used by the local server, the Lambda handlers and the build CLI.
 *
 * @example
 * parseArticles({ body: '{"url":"https://example.com/a","title":"عنوان","published":"الإثنين 29 أبريل 2024"}' }, { timeZone: 'Asia/Riyadh', now })
 * //=> { articles: [{ index: 0, article: { published: { instant: '2024-04-28T21:00:00.000Z', … }, … }, warnings: [] }], errors: [] }
 */
export function parseArticles(input: ParseArticlesInput, options: ParseArticlesOptions): ParseReport {
  return parseArticlesWith(articleDateFunctions, input, options);
}
