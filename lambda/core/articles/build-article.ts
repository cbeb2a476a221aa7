// Builds the Article model from validated input: id, dates, sanitized content, direction, content hash. Pure: node:crypto only.
import { createHash } from 'node:crypto';
import type { Article, ArticleDate } from './article.ts';
import { articleError, articleWarning, joinPath, type ArticleError, type ArticleWarning } from './article-error.ts';
import { articleIdOf } from './article-id.ts';
import { articleInputSchema, type ArticleInput } from './article-input-schema.ts';
import { articleLimitsOf, type ArticleLimits } from './article-limits.ts';
import { publicationYearProblem, tooManyItemsProblem } from './check-article-limits.ts';
import { canonicalLanguageTag, directionOfLanguage } from './direction-of-language.ts';
import { readArticleDate, isKnownTimeZone, type DateFunctions } from './read-article-date.ts';
import { escapeHtml, sanitizeContent } from './sanitize-content.ts';
import { stripBidiControls } from './strip-bidi-controls.ts';
import { zodIssuesToErrors } from './zod-issues-to-errors.ts';

export interface BuildArticleOptions {
  /** IANA zone dates are read in when the input names none. */
  timeZone: string;
  /** The injected clock reading, for relative and year-less dates. */
  now: Date;
  /** The date normalizer (`lambda/core/dates/`). */
  dates: DateFunctions;
  /** Path of this article in the input, "$" or "$[3]". Default "$". */
  path?: string;
  /** Categories and authors per article, the publication year range (`DEFAULT_ARTICLE_LIMITS`). */
  limits?: Partial<ArticleLimits>;
}

export type BuildArticleResult = { ok: true; article: Article; warnings: ArticleWarning[] } | { ok: false; errors: ArticleError[] };

/**
 * Turns validated input into an `Article`. Dates go through the normalizer once; HTML through sanitize-html.
 * Fails (never throws) on an unreadable date, an unknown zone or language.
 *
 * @example
 * buildArticle({ url: 'https://example.com/a', title: 'عنوان', published: '2024-04-29T08:00:00Z' }, { timeZone: 'UTC', now, dates })
 * //=> { ok: true, article: { id: '…', language: 'ar', direction: 'rtl', published: { instant: '2024-04-29T08:00:00.000Z', … }, … }, warnings: [] }
 */
export function buildArticle(input: ArticleInput, options: BuildArticleOptions): BuildArticleResult {
  const root = options.path ?? '$';
  const at = (...keys: Array<string | number>) => joinPath(root, keys);
  const errors: ArticleError[] = [];
  const warnings: ArticleWarning[] = [];
  const limits = articleLimitsOf(options.limits);

  const timeZone = input.timeZone ?? options.timeZone;
  if (!isKnownTimeZone(timeZone)) {
    errors.push(
      articleError(
        at('timeZone'),
        'UNKNOWN_ZONE',
        `"${timeZone}" is not a time zone this system knows (use an IANA name such as "Asia/Riyadh")`,
      ),
    );
    return { ok: false, errors };
  }

  const language = canonicalLanguageTag(input.language ?? 'ar');
  if (language === null)
    errors.push(
      articleError(at('language'), 'INVALID_LANGUAGE', `"${input.language}" is not a BCP 47 language tag (e.g. "ar" or "ar-EG")`),
    );

  const readDate = (field: 'published' | 'updated', raw: string): ArticleDate | undefined => {
    const r = readArticleDate(raw, { timeZone, now: options.now }, options.dates);
    if (r.ok) {
      const problem = publicationYearProblem(r.date, limits, options.now);
      if (problem === undefined) return r.date;
      errors.push(articleError(at(field), 'YEAR_OUT_OF_RANGE', `${field} "${raw}" was read as ${r.date.normalized.date}: ${problem}`));
      return undefined;
    }
    errors.push(articleError(at(field), r.code, `${field} "${raw}" could not be read as a date: ${r.message}`));
    return undefined;
  };
  errors.push(...tooManyItemsErrors(input, limits, root));
  const published = readDate('published', input.published);
  let updated = input.updated !== undefined ? readDate('updated', input.updated) : undefined;
  if (errors.length > 0 || !published || !language) return { ok: false, errors };

  if (updated && updated.instant <= published.instant) {
    warnings.push(
      articleWarning(
        at('updated'),
        'UPDATED_NOT_AFTER_PUBLISHED',
        `updated (${updated.instant}) is not after published (${published.instant}), so it was dropped`,
      ),
    );
    updated = undefined;
  }

  let content = '';
  if (input.content !== undefined) {
    const s = sanitizeContent(input.content);
    content = s.html;
    if (s.removed.length > 0)
      warnings.push(articleWarning(at('content'), 'HTML_SANITIZED', `unsafe HTML was removed: ${s.removed.join('; ')}`));
  } else if (input.summary !== undefined) {
    content = `<p>${escapeHtml(input.summary)}</p>`;
  }

  // Titles, names and topics are shown as plain text by readers: a bidi override there reorders what they show.
  const plain = (value: string, ...keys: Array<string | number>): string => {
    const s = stripBidiControls(value);
    if (s.removed > 0)
      warnings.push(
        articleWarning(
          at(...keys),
          'BIDI_CONTROLS_STRIPPED',
          `removed ${s.removed} bidi override or isolate character${s.removed === 1 ? '' : 's'}`,
        ),
      );
    return s.text;
  };

  const article: Article = {
    id: articleIdOf({ key: input.key, url: input.url }),
    url: input.url,
    title: plain(input.title, 'title'),
    ...(input.summary !== undefined && { summary: input.summary }),
    content,
    authors: (input.authors ?? []).map((a, i) => plain(a, 'authors', i)),
    categories: (input.categories ?? []).map((c, i) => plain(c, 'categories', i)),
    ...(input.source !== undefined && { source: plain(input.source, 'source') }),
    images: (input.images ?? []).map((img) => ({ ...img })),
    ...(input.captions !== undefined && input.captions.length > 0 && { captions: input.captions.map((c) => ({ ...c })) }),
    language,
    direction: directionOfLanguage(language),
    published,
    ...(updated && { updated }),
    contentHash: '',
  };
  article.contentHash = contentHashOf(article);
  return { ok: true, article, warnings };
}

/**
 * Validates an unknown value with the one article schema, then builds the Article.
 *
 * @example
 * createArticle({ url: 'ftp://x', title: 't', published: '2024-04-29' }, { timeZone: 'UTC', now, dates })
 * //=> { ok: false, errors: [{ path: '$.url', field: 'url', code: 'URL_NOT_HTTP', … }] }
 */
export function createArticle(value: unknown, options: BuildArticleOptions): BuildArticleResult {
  const root = options.path ?? '$';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, errors: [articleError(root, 'NOT_AN_OBJECT', `an article must be a JSON object, not ${describe(value)}`, '')] };
  }
  // Counted before the schema, so a list over the configured limit gets that limit's message, not the schema's ceiling.
  const tooMany = tooManyItemsErrors(value as Record<string, unknown>, articleLimitsOf(options.limits), root);
  const parsed = articleInputSchema.safeParse(value);
  if (!parsed.success || tooMany.length > 0) {
    const issues = parsed.success ? [] : parsed.error.issues;
    const errors = [
      ...tooMany,
      ...zodIssuesToErrors(issues, root, value).filter((e) => !(e.code === 'TOO_LONG' && tooMany.some((t) => t.path === e.path))),
    ];
    // The schema stops before dates are read; read them anyway so one reply names every problem.
    return { ok: false, errors: [...errors, ...dateErrorsBeside(value as Record<string, unknown>, errors, options)] };
  }
  return buildArticle(parsed.data, options);
}

/** TOO_MANY_ITEMS for categories or authors lists longer than their limit. */
function tooManyItemsErrors(value: Record<string, unknown>, limits: ArticleLimits, root: string): ArticleError[] {
  const out: ArticleError[] = [];
  for (const [field, max] of [
    ['categories', limits.categoriesPerArticle],
    ['authors', limits.authorsPerArticle],
  ] as const) {
    const list = value[field];
    const problem = Array.isArray(list) ? tooManyItemsProblem(field, list.length, max) : undefined;
    if (problem !== undefined) out.push(articleError(joinPath(root, [field]), 'TOO_MANY_ITEMS', problem));
  }
  return out;
}

/** Errors of the date fields of an input the schema refused for other reasons (fields it already flagged are skipped). */
function dateErrorsBeside(value: Record<string, unknown>, known: ArticleError[], options: BuildArticleOptions): ArticleError[] {
  const root = options.path ?? '$';
  const zone = typeof value.timeZone === 'string' && isKnownTimeZone(value.timeZone) ? value.timeZone : options.timeZone;
  if (!isKnownTimeZone(zone)) return [];
  const out: ArticleError[] = [];
  for (const field of ['published', 'updated'] as const) {
    const raw = value[field];
    const path = joinPath(root, [field]);
    if (typeof raw !== 'string' || known.some((e) => e.path === path)) continue;
    const r = readArticleDate(raw, { timeZone: zone, now: options.now }, options.dates);
    if (!r.ok) out.push(articleError(path, r.code, `${field} "${raw}" could not be read as a date: ${r.message}`));
  }
  return out;
}

/**
 * sha256 (hex) over the article's content fields in a fixed order, excluding `id`, `updated` and the hash itself.
 *
 * @example
 * contentHashOf(article) === contentHashOf({ ...article, updated: laterDate }) //=> true
 */
export function contentHashOf(article: Omit<Article, 'contentHash'> | Article): string {
  const fields = [
    article.url,
    article.title,
    article.summary ?? null,
    article.content,
    article.authors,
    article.categories,
    article.source ?? null,
    article.images.map((i) => [i.url, i.caption ?? null, i.credit ?? null, i.type ?? null, i.length ?? null]),
    (article.captions ?? []).map((c) => [c.caption, c.credit ?? null]),
    article.language,
    article.published.raw,
    article.published.instant,
  ];
  return createHash('sha256').update(JSON.stringify(fields), 'utf8').digest('hex');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
