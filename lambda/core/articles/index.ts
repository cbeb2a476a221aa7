// Public face of the articles module: the model, validation, page-text extraction and `parseArticles`. Pure: no I/O, no clock.
import { normalizeArabicDate } from '../dates/index.ts';
import { noonOfDayInZone } from './noon-of-day-in-zone.ts';
import { readArticleStreamWith, type ArticleStreamInput, type ArticleStreamReport } from './read-article-stream.ts';
import type { DateFunctions } from './read-article-date.ts';
import {
  formatOf,
  parseArticlesWith,
  type HtmlPageReader,
  type ParseArticlesInput,
  type ParseArticlesOptions,
  type ParsedArticle,
  type ParseReport,
} from './parse-articles.ts';

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
  DEFAULT_MAX_PAGE_BYTES,
  formatOf,
  type ArticleInputFormat,
  type HtmlPageReader,
  type ParseArticlesInput,
  type ParseArticlesOptions,
  type ParseReport,
  type ParsedArticle,
} from './parse-articles.ts';
export { DEFAULT_ARTICLE_LIMITS, type ArticleLimits } from './article-limits.ts';
export { omittedErrorsNote } from './cap-errors.ts';
export type { DateFunctions } from './read-article-date.ts';
export type { ArticleStreamInput, ArticleStreamReport } from './read-article-stream.ts';
export type { ArticleFieldSources, FieldSource, PageReading } from './page-reading.ts';

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
  return parseArticlesWith(articleDateFunctions, input, { ...(loadedHtmlReader && { readHtml: loadedHtmlReader }), ...options });
}

let htmlReader: Promise<HtmlPageReader> | undefined;
let loadedHtmlReader: HtmlPageReader | undefined;

/**
 * Loads the HTML page reader (Readability over linkedom) once. It is a dynamic import so that reading JSON never
 * loads it (nor, in the CLI and local server, pays its start-up).
 *
 * @example
 * const readHtml = await loadHtmlReader();
 * readHtml('<html>…</html>', { timeZone: 'Asia/Riyadh', now, dates: articleDateFunctions }).ok //=> true
 */
export function loadHtmlReader(): Promise<HtmlPageReader> {
  htmlReader ??= import('./read-page-html.ts').then((m) => {
    loadedHtmlReader = m.readPageHtml;
    return m.readPageHtml;
  });
  return htmlReader;
}

/**
 * `parseArticles` for any input, HTML included: loads the HTML reader first when the body is a saved HTML page
 * (by `format`, the name's extension or the content).
 *
 * @example
 * await parseArticlesAsync({ body: pageBytes, name: 'page.html' }, { timeZone: 'Africa/Cairo', now })
 * //=> { articles: [{ index: 0, article: {…}, warnings: [], from: { title: 'text-line', published: 'json-ld', … } }], errors: [] }
 */
export async function parseArticlesAsync(input: ParseArticlesInput, options: ParseArticlesOptions): Promise<ParseReport> {
  const isHtml = (input.format ?? formatOf(input.name, input.body)) === 'html';
  const readHtml = isHtml ? await loadHtmlReader() : undefined;
  return parseArticlesWith(articleDateFunctions, input, { ...(readHtml && { readHtml }), ...options });
}

/**
 * Reads articles from a stream of bytes (a file of any size), handing each valid one to `onArticle` as it is read:
 * inputs up to `maxBodyBytes` are read whole, exactly as `parseArticlesAsync` reads them; larger JSON arrays and
 * NDJSON are read element by element, each article within `maxBodyBytes` (see `readArticleStreamWith`).
 *
 * @example
 * await readArticleStream({ chunks: createReadStream('export.json'), name: 'export.json' }, { timeZone: 'Asia/Riyadh', now }, (a) => store.put(a.article))
 * //=> { read: 5000, bytes: 7340032, errors: [], omittedErrors: 0, rejectedArticles: 0 }
 */
export function readArticleStream(
  input: ArticleStreamInput,
  options: ParseArticlesOptions,
  onArticle: (article: ParsedArticle) => void | Promise<void>,
): Promise<ArticleStreamReport> {
  return readArticleStreamWith(articleDateFunctions, parseArticlesAsync, input, options, onArticle);
}
