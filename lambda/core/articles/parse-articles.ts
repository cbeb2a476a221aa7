// Reads a body of articles (JSON, array, NDJSON or saved page text) into Articles plus per-article errors. Pure: no I/O, no clock.
import type { Article } from './article.ts';
import { articleError, articleWarning, joinPath, type ArticleError, type ArticleWarning } from './article-error.ts';
import { ARTICLE_INPUT_FIELDS } from './article-input-schema.ts';
import { articleLimitsOf, type ArticleLimits } from './article-limits.ts';
import { createArticle } from './build-article.ts';
import { pushCappedErrors } from './cap-errors.ts';
import { copyArticleJson } from './copy-article-json.ts';
import type { ArticleFieldSources, PageReading } from './page-reading.ts';
import { isKnownTimeZone, type DateFunctions } from './read-article-date.ts';
import type { NumericDateOrder } from '../dates/types.ts';
import type { ReadPageHtmlOptions } from './read-page-html.ts';
import { readPageText } from './read-page-text.ts';

export type ArticleInputFormat = 'json' | 'ndjson' | 'text' | 'html';

export interface ParseArticlesInput {
  /** The body; bytes are decoded as strict UTF-8 (HTML: in the charset it declares). */
  body: string | Uint8Array;
  /** Default: from the name's extension (.json, .ndjson/.jsonl, .txt, .html/.htm), else sniffed from the content. */
  format?: ArticleInputFormat;
  /** File or upload name: reported in errors; for page text its base name is the publisher key. */
  name?: string;
  /** The charset the transport declared (an HTTP Content-Type's `charset`); for HTML it wins over `<meta charset>`. */
  charset?: string;
}

/** The HTML page reader (`read-page-html.ts`), loaded on demand so JSON ingest never loads Readability and linkedom. */
export type HtmlPageReader = (html: string | Uint8Array, options: ReadPageHtmlOptions & { charset?: string }) => PageReading;

export interface ParseArticlesOptions {
  /** IANA zone dates are read in when the input names none. */
  timeZone: string;
  /** The injected clock reading. */
  now: Date;
  /** Bodies larger than this are rejected whole (TOO_LARGE). Default 1 MiB (1 048 576 bytes). */
  maxBodyBytes?: number;
  /** For page text without a `url:` header: the article URL is `baseUrl` + the file's base name. */
  baseUrl?: string;
  /** Limit for HTML pages (saved pages carry scripts and menus). Default 8 MiB. */
  maxPageBytes?: number;
  /** The HTML reader; without it an HTML body is refused (`parseArticlesAsync` loads it). */
  readHtml?: HtmlPageReader;
  /** Errors listed, JSON depth, categories and authors per article, publication years (`DEFAULT_ARTICLE_LIMITS`). */
  limits?: Partial<ArticleLimits>;
  /** The site's order for all-numeric dates with two readings ("04/05/2021"); unset, they are refused (the site config's `dateOrder`). */
  dateOrder?: NumericDateOrder;
}

export interface ParsedArticle {
  /** Position in the input: array index, NDJSON line index (0-based), or 0. */
  index: number;
  article: Article;
  warnings: ArticleWarning[];
  /** For pages (text, HTML): where each field came from. */
  from?: ArticleFieldSources;
}

export interface ParseReport {
  articles: ParsedArticle[];
  /** The first `limits.reportedErrors` errors (default 100). */
  errors: ArticleError[];
  /** How many more errors were found and not listed. */
  omittedErrors: number;
  /** How many articles were rejected (a body that could not be read at all counts as one). */
  rejectedArticles: number;
}

/** Default body limit: 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576;
/** Default limit for one HTML page: 8 MiB. */
export const DEFAULT_MAX_PAGE_BYTES = 8 * 1_048_576;

/**
 * Parses articles with the given date functions. `lambda/core/articles/index.ts` binds the real normalizer
 * as `parseArticles`; this form lets a unit test inject its own.
 *
 * @example
 * parseArticlesWith(dates, { body: '[{"url":"https://e.com/a","title":"t","published":"2024-04-29"}, {"title":""}]' }, { timeZone: 'UTC', now })
 * //=> { articles: [{ index: 0, article: {…}, warnings: [] }], errors: [{ path: '$[1].url', code: 'MISSING_FIELD', … }, …] }
 */
export function parseArticlesWith(dates: DateFunctions, input: ParseArticlesInput, options: ParseArticlesOptions): ParseReport {
  const order = options.dateOrder;
  if (order !== undefined) {
    // Every date line of the body (JSON fields, page text, HTML) is read in the site's numeric order.
    const { normalizeArabicDate } = dates;
    dates = { ...dates, normalizeArabicDate: (text, o) => normalizeArabicDate(text, { order, ...o }) };
  }
  const report: ParseReport = { articles: [], errors: [], omittedErrors: 0, rejectedArticles: 0 };
  const limits = articleLimitsOf(options.limits);
  const fail = (e: ArticleError): ParseReport => {
    pushCappedErrors(report, [input.name !== undefined ? { ...e, name: input.name } : e], limits.reportedErrors);
    return report;
  };
  if (!isKnownTimeZone(options.timeZone)) {
    return fail(
      articleError(
        '$',
        'UNKNOWN_ZONE',
        `the ingest zone "${options.timeZone}" is not a time zone this system knows (use an IANA name such as "Asia/Riyadh")`,
        'timeZone',
      ),
    );
  }
  const sniffed = input.format ?? formatOf(input.name, input.body);
  const max = sniffed === 'html' ? (options.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES) : (options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  const size = byteLength(input.body, max);
  if (size > max)
    return fail(
      articleError(
        '$',
        'TOO_LARGE',
        `the body is ${typeof input.body === 'string' ? 'at least ' : ''}${size} bytes, over the limit of ${max} bytes`,
        '',
      ),
    );

  const ctx: Context = { dates, options, report, name: input.name, limits };
  try {
    if (sniffed === 'html') {
      if (!options.readHtml) {
        return fail(
          articleError('$', 'HTML_READER_NOT_LOADED', 'HTML pages are read by parseArticlesAsync (it loads the HTML reader)', ''),
        );
      }
      readPage(ctx, () =>
        options.readHtml!(input.body, {
          timeZone: options.timeZone,
          now: options.now,
          dates,
          ...(options.baseUrl !== undefined && { baseUrl: options.baseUrl }),
          ...(input.name !== undefined && { name: input.name }),
          ...(input.charset !== undefined && { charset: input.charset }),
        }),
      );
    } else {
      let text: string;
      if (typeof input.body === 'string') {
        text = input.body;
      } else {
        try {
          text = new TextDecoder('utf-8', { fatal: true }).decode(input.body);
        } catch {
          return fail(articleError('$', 'INVALID_UTF8', 'the body is not valid UTF-8 text (save the file as UTF-8)', ''));
        }
      }
      text = text.replace(/^\uFEFF/, '');
      if (text.trim() === '') return fail(articleError('$', 'EMPTY_INPUT', 'the body is empty', ''));
      if (sniffed === 'text') {
        readPage(ctx, () =>
          readPageText(text, {
            timeZone: options.timeZone,
            now: options.now,
            dates,
            ...(options.baseUrl !== undefined && { baseUrl: options.baseUrl }),
            ...(input.name !== undefined && { name: input.name }),
          }),
        );
      } else if (sniffed === 'ndjson') readNdjson(ctx, text);
      else readJson(ctx, text);
    }
  } catch (e) {
    // A reader bug on one page must not take down a run: it becomes this input's error.
    report.articles = [];
    pushCappedErrors(
      report,
      [
        articleError(
          '$',
          'EXTRACT_FAILED',
          `reading ${input.name ?? 'the input'} failed unexpectedly: ${(e as Error)?.message ?? String(e)}`,
          '',
        ),
      ],
      limits.reportedErrors,
    );
  }
  if (input.name !== undefined) report.errors = report.errors.map((e) => ({ ...e, name: input.name }));
  return report;
}

/** One page read by a page reader, then validated and built like any JSON article. */
function readPage(ctx: Context, read: () => PageReading): void {
  const reading = read();
  if (!reading.ok) {
    pushCappedErrors(ctx.report, reading.errors, ctx.limits.reportedErrors);
    return;
  }
  const built = createArticle(reading.candidate, { ...buildOptionsOf(ctx), path: '$' });
  if (!built.ok) pushCappedErrors(ctx.report, built.errors, ctx.limits.reportedErrors);
  else
    ctx.report.articles.push({ index: 0, article: built.article, warnings: [...reading.warnings, ...built.warnings], from: reading.from });
}

interface Context {
  dates: DateFunctions;
  options: ParseArticlesOptions;
  report: ParseReport;
  name: string | undefined;
  limits: ArticleLimits;
}

function buildOptionsOf(ctx: Context) {
  return { timeZone: ctx.options.timeZone, now: ctx.options.now, dates: ctx.dates, limits: ctx.limits };
}

function readJson(ctx: Context, text: string): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    pushCappedErrors(
      ctx.report,
      [articleError('$', 'INVALID_JSON', `the body is not valid JSON: ${(e as Error).message}`, '')],
      ctx.limits.reportedErrors,
    );
    return;
  }
  if (Array.isArray(value)) for (const [i, item] of value.entries()) readValue(ctx, item, i, `$[${i}]`);
  else readValue(ctx, value, 0, '$');
}

function readNdjson(ctx: Context, text: string): void {
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      pushCappedErrors(
        ctx.report,
        [articleError(`$[${i}]`, 'INVALID_JSON', `line ${i + 1} is not valid JSON: ${(e as Error).message}`, '')],
        ctx.limits.reportedErrors,
      );
      return;
    }
    readValue(ctx, value, i, `$[${i}]`);
  });
}

/** One JSON value claimed to be an article: bound its depth, strip illegal characters, note unknown fields, validate and build. */
function readValue(ctx: Context, value: unknown, index: number, path: string): void {
  const copied = copyArticleJson(value, path, ctx.limits.jsonDepth);
  if (!copied.ok) {
    const message = `the article is nested more than ${copied.maxDepth} levels deep (at ${copied.path}); the limit is ${copied.maxDepth}`;
    pushCappedErrors(ctx.report, [articleError(path, 'TOO_DEEP', message, '')], ctx.limits.reportedErrors);
    return;
  }
  const { value: clean, warnings } = copied;
  if (typeof clean === 'object' && clean !== null && !Array.isArray(clean)) {
    for (const key of Object.keys(clean)) {
      if (!ARTICLE_INPUT_FIELDS.has(key))
        warnings.push(articleWarning(joinPath(path, [key]), 'UNKNOWN_FIELD', `"${key}" is not an article field and was ignored`, key));
    }
  }
  const built = createArticle(clean, { ...buildOptionsOf(ctx), path });
  if (!built.ok) pushCappedErrors(ctx.report, built.errors, ctx.limits.reportedErrors);
  else ctx.report.articles.push({ index, article: built.article, warnings: [...warnings, ...built.warnings] });
}

/**
 * Format from the name's extension, else from the content: "<!doctype html"/"<html" → HTML, "[" → JSON,
 * several "{…}" lines → NDJSON, else page text.
 *
 * @example
 * formatOf('page.htm', '') //=> 'html'
 * formatOf(undefined, '<!DOCTYPE html><html lang="ar">…') //=> 'html'
 */
export function formatOf(name: string | undefined, body: string | Uint8Array): ArticleInputFormat {
  const ext = name?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  if (ext === 'json') return 'json';
  if (ext === 'ndjson' || ext === 'jsonl') return 'ndjson';
  if (ext === 'txt' || ext === 'text') return 'text';
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return 'html';
  const head = typeof body === 'string' ? body.slice(0, 2048) : new TextDecoder('latin1').decode(body.subarray(0, 2048));
  const t = head.replace(/^(?:\uFEFF|\u00EF\u00BB\u00BF)/, '').trimStart();
  if (/^(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<!--[\s\S]*?-->\s*(?:<!doctype\s+html|<html))/i.test(t)) return 'html';
  if (t.startsWith('[')) return 'json';
  if (t.startsWith('{')) {
    const text = typeof body === 'string' ? body.trimStart() : new TextDecoder().decode(body).trimStart();
    try {
      JSON.parse(text);
      return 'json';
    } catch {
      return text.split(/\r?\n/).filter((l) => l.trim() !== '').length > 1 ? 'ndjson' : 'json';
    }
  }
  return 'text';
}

/** UTF-8 byte length, computed only as far as needed to compare with `max`. */
function byteLength(body: string | Uint8Array, max: number): number {
  if (typeof body !== 'string') return body.byteLength;
  if (body.length > max) return body.length; // every UTF-16 unit is at least one UTF-8 byte
  if (body.length * 3 <= max) return body.length;
  return new TextEncoder().encode(body).byteLength;
}
