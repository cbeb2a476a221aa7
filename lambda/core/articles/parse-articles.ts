// Reads a body of articles (JSON, array, NDJSON or saved page text) into Articles plus per-article errors. Pure: no I/O, no clock.
import type { Article } from './article.ts';
import { articleError, articleWarning, joinPath, type ArticleError, type ArticleWarning } from './article-error.ts';
import { ARTICLE_INPUT_FIELDS } from './article-input-schema.ts';
import { createArticle } from './build-article.ts';
import { extractPageText, readPageHeader } from './extract-page-text.ts';
import { isKnownTimeZone, type DateFunctions } from './read-article-date.ts';
import { renderPageContent } from './render-page-content.ts';
import { stripControlCharacters } from './strip-control-characters.ts';

export type ArticleInputFormat = 'json' | 'ndjson' | 'text';

export interface ParseArticlesInput {
  /** The body; bytes are decoded as strict UTF-8. */
  body: string | Uint8Array;
  /** Default: from the name's extension (.json, .ndjson/.jsonl, .txt), else sniffed from the content. */
  format?: ArticleInputFormat;
  /** File or upload name: reported in errors; for page text its base name is the publisher key. */
  name?: string;
}

export interface ParseArticlesOptions {
  /** IANA zone dates are read in when the input names none. */
  timeZone: string;
  /** The injected clock reading. */
  now: Date;
  /** Bodies larger than this are rejected whole (TOO_LARGE). Default 1 MiB (1 048 576 bytes). */
  maxBodyBytes?: number;
  /** For page text without a `url:` header: the article URL is `baseUrl` + the file's base name. */
  baseUrl?: string;
}

export interface ParsedArticle {
  /** Position in the input: array index, NDJSON line index (0-based), or 0. */
  index: number;
  article: Article;
  warnings: ArticleWarning[];
}

export interface ParseReport {
  articles: ParsedArticle[];
  errors: ArticleError[];
}

/** Default body limit: 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576;

/**
 * Parses articles with the given date functions. `lambda/core/articles/index.ts` binds the real normalizer
 * as `parseArticles`; this form lets a unit test inject its own.
 *
 * @example
 * parseArticlesWith(dates, { body: '[{"url":"https://e.com/a","title":"t","published":"2024-04-29"}, {"title":""}]' }, { timeZone: 'UTC', now })
 * //=> { articles: [{ index: 0, article: {…}, warnings: [] }], errors: [{ path: '$[1].url', code: 'MISSING_FIELD', … }, …] }
 */
export function parseArticlesWith(dates: DateFunctions, input: ParseArticlesInput, options: ParseArticlesOptions): ParseReport {
  const report: ParseReport = { articles: [], errors: [] };
  const fail = (e: ArticleError): ParseReport => {
    report.errors.push(input.name !== undefined ? { ...e, name: input.name } : e);
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
  const max = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
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

  const ctx: Context = { dates, options, report, name: input.name };
  const format = input.format ?? formatOf(input.name, text);
  if (format === 'text') readPageText(ctx, text);
  else if (format === 'ndjson') readNdjson(ctx, text);
  else readJson(ctx, text);
  if (input.name !== undefined) report.errors = report.errors.map((e) => ({ ...e, name: input.name }));
  return report;
}

interface Context {
  dates: DateFunctions;
  options: ParseArticlesOptions;
  report: ParseReport;
  name: string | undefined;
}

function readJson(ctx: Context, text: string): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    ctx.report.errors.push(articleError('$', 'INVALID_JSON', `the body is not valid JSON: ${(e as Error).message}`, ''));
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
      ctx.report.errors.push(articleError(`$[${i}]`, 'INVALID_JSON', `line ${i + 1} is not valid JSON: ${(e as Error).message}`, ''));
      return;
    }
    readValue(ctx, value, i, `$[${i}]`);
  });
}

/** One JSON value claimed to be an article: strip illegal characters, note unknown fields, validate and build. */
function readValue(ctx: Context, value: unknown, index: number, path: string): void {
  const warnings: ArticleWarning[] = [];
  const clean = stripDeep(value, path, warnings);
  if (typeof clean === 'object' && clean !== null && !Array.isArray(clean)) {
    for (const key of Object.keys(clean)) {
      if (!ARTICLE_INPUT_FIELDS.has(key))
        warnings.push(articleWarning(joinPath(path, [key]), 'UNKNOWN_FIELD', `"${key}" is not an article field and was ignored`, key));
    }
  }
  const built = createArticle(clean, { timeZone: ctx.options.timeZone, now: ctx.options.now, dates: ctx.dates, path });
  if (!built.ok) ctx.report.errors.push(...built.errors);
  else ctx.report.articles.push({ index, article: built.article, warnings: [...warnings, ...built.warnings] });
}

/** A deep copy of a JSON value with XML-illegal characters removed from every string, one warning per string. */
function stripDeep(value: unknown, path: string, warnings: ArticleWarning[]): unknown {
  if (typeof value === 'string') {
    const s = stripControlCharacters(value);
    if (s.removed > 0) warnings.push(controlWarning(path, s.removed));
    return s.text;
  }
  if (Array.isArray(value)) return value.map((v, i) => stripDeep(v, joinPath(path, [i]), warnings));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = stripDeep(v, joinPath(path, [k]), warnings);
    return out;
  }
  return value;
}

function controlWarning(path: string, n: number): ArticleWarning {
  return articleWarning(path, 'CONTROL_CHARACTERS_STRIPPED', `removed ${n} control character${n === 1 ? '' : 's'} that XML cannot carry`);
}

/** Saved page text: extract fields by structure, then validate them with the same schema as JSON. */
function readPageText(ctx: Context, body: string): void {
  const warnings: ArticleWarning[] = [];
  const stripped = stripControlCharacters(body);
  if (stripped.removed > 0) warnings.push(controlWarning('$', stripped.removed));

  const pageHeader = readPageHeader(stripped.text).header;
  const header0 = pageHeader.timezone ?? pageHeader.zone;
  if (header0 !== undefined && !isKnownTimeZone(header0)) {
    ctx.report.errors.push(
      articleError(
        '$.timeZone',
        'UNKNOWN_ZONE',
        `the header's zone "${header0}" is not a time zone this system knows (use an IANA name such as "Asia/Riyadh")`,
      ),
    );
    return;
  }
  const timeZone = header0 ?? ctx.options.timeZone;
  const fields = extractPageText(stripped.text, {
    readDate: (line) => ctx.dates.normalizeArabicDate(line, { timeZone, now: ctx.options.now }),
  });
  const h = fields.header;
  const errors: ArticleError[] = [];

  const published = h.published ?? fields.dateLine;
  if (published === undefined) {
    if (fields.dateLineError) {
      const e = fields.dateLineError;
      errors.push(articleError('$.published', e.code, `the date line "${e.line}" could not be read: ${e.message}`));
    } else {
      errors.push(
        articleError('$.published', 'NO_DATE_LINE', 'no date line was found near the top of the page (e.g. "الإثنين 29 أبريل 2024")'),
      );
    }
  }
  const title = h.title ?? fields.title;
  if (title === undefined)
    errors.push(articleError('$.title', 'NO_TITLE', 'no title was found (a line printed twice near the top, or a "title:" header)'));

  const fileKey = ctx.name !== undefined ? baseNameOf(ctx.name) : undefined;
  let url = h.url;
  let key = h.key;
  if (url === undefined) {
    if (ctx.options.baseUrl !== undefined && fileKey) {
      url = `${ctx.options.baseUrl.replace(/\/*$/, '/')}${encodeURIComponent(fileKey)}`;
      key ??= fileKey;
    } else {
      errors.push(
        articleError('$.url', 'NO_URL', 'page text carries no URL: add a "url:" header line, or give a base URL and a file name'),
      );
    }
  }
  if (errors.length > 0) {
    ctx.report.errors.push(...errors);
    return;
  }

  const imageUrls = (h.images ?? '').split(/\s+/).filter(Boolean);
  const images = fields.captions.slice(0, imageUrls.length).map((c, i) => ({ url: imageUrls[i], ...c }));
  const captions = fields.captions.slice(imageUrls.length);
  const candidate: Record<string, unknown> = {
    key,
    url,
    title,
    summary: h.summary ?? fields.lede,
    content: renderPageContent(fields.blocks),
    authors: h.authors !== undefined ? splitList(h.authors) : fields.authors,
    categories: h.categories !== undefined ? splitList(h.categories) : undefined,
    source: h.source ?? fields.source,
    images: images.length > 0 ? images : undefined,
    captions: captions.length > 0 ? captions : undefined,
    language: h.language,
    published,
    updated: h.updated ?? fields.updatedLine,
    timeZone: header0,
  };
  for (const k of Object.keys(candidate)) if (candidate[k] === undefined) delete candidate[k];
  for (const k of Object.keys(h)) {
    if (!ARTICLE_INPUT_FIELDS.has(k) && k !== 'timezone' && k !== 'zone' && k !== 'images') {
      warnings.push(articleWarning(`$.${k}`, 'UNKNOWN_FIELD', `header "${k}" is not an article field and was ignored`, k));
    }
  }
  const built = createArticle(candidate, { timeZone: ctx.options.timeZone, now: ctx.options.now, dates: ctx.dates, path: '$' });
  if (!built.ok) ctx.report.errors.push(...built.errors);
  else ctx.report.articles.push({ index: 0, article: built.article, warnings: [...warnings, ...built.warnings] });
}

function splitList(value: string): string[] {
  return value
    .split(/\s*[،,]\s*/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

function baseNameOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  return base.replace(/\.[^.]*$/, '');
}

/** Format from the name's extension, else from the content: "[" → JSON, several "{…}" lines → NDJSON, else page text. */
function formatOf(name: string | undefined, text: string): ArticleInputFormat {
  const ext = name?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  if (ext === 'json') return 'json';
  if (ext === 'ndjson' || ext === 'jsonl') return 'ndjson';
  if (ext === 'txt' || ext === 'text') return 'text';
  const t = text.trimStart();
  if (t.startsWith('[')) return 'json';
  if (t.startsWith('{')) {
    try {
      JSON.parse(t);
      return 'json';
    } catch {
      return t.split(/\r?\n/).filter((l) => l.trim() !== '').length > 1 ? 'ndjson' : 'json';
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
