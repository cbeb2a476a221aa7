// Reads saved page text into article input: the optional `name: value` header, then the page's structure. Pure: no I/O, no clock.
import { articleError, articleWarning, type ArticleError, type ArticleWarning } from './article-error.ts';
import { ARTICLE_INPUT_FIELDS } from './article-input-schema.ts';
import { extractPageText, readPageHeader } from './extract-page-text.ts';
import type { ArticleFieldSources, FieldSource, PageReading } from './page-reading.ts';
import { isKnownTimeZone, type DateFunctions } from './read-article-date.ts';
import { renderPageContent } from './render-page-content.ts';
import { stripControlCharacters } from './strip-control-characters.ts';

export interface ReadPageTextOptions {
  /** The ingest zone (a `timezone:` header overrides it). */
  timeZone: string;
  now: Date;
  dates: DateFunctions;
  /** For a page without a `url:` header: the article URL is `baseUrl` + `name`'s base name. */
  baseUrl?: string;
  name?: string;
}

/**
 * Reads one saved page text. Header lines (`url:`, `title:`, `published:`…) win over what the page's structure yields;
 * every field says which it came from ("header" or "text-line"/"body").
 *
 * @example
 * readPageText('url: https://e.com/a\n---\nالإثنين 29 أبريل 2024\n\nعنوان الخبر\n\nعنوان الخبر\n\nنص الخبر.', { timeZone: 'Asia/Riyadh', now, dates })
 * //=> { ok: true, candidate: { url: 'https://e.com/a', title: 'عنوان الخبر', published: 'الإثنين 29 أبريل 2024', summary: 'نص الخبر.', … }, from: { url: 'header', title: 'text-line', published: 'text-line', summary: 'body', … }, warnings: [] }
 */
export function readPageText(body: string, options: ReadPageTextOptions): PageReading {
  const warnings: ArticleWarning[] = [];
  const stripped = stripControlCharacters(body);
  if (stripped.removed > 0) {
    const n = stripped.removed;
    warnings.push(
      articleWarning('$', 'CONTROL_CHARACTERS_STRIPPED', `removed ${n} control character${n === 1 ? '' : 's'} that XML cannot carry`),
    );
  }
  const pageHeader = readPageHeader(stripped.text).header;
  const header0 = pageHeader.timezone ?? pageHeader.zone;
  if (header0 !== undefined && !isKnownTimeZone(header0)) {
    return {
      ok: false,
      errors: [
        articleError(
          '$.timeZone',
          'UNKNOWN_ZONE',
          `the header's zone "${header0}" is not a time zone this system knows (use an IANA name such as "Asia/Riyadh")`,
        ),
      ],
    };
  }
  const timeZone = header0 ?? options.timeZone;
  const fields = extractPageText(stripped.text, {
    readDate: (line) => options.dates.normalizeArabicDate(line, { timeZone, now: options.now }),
  });
  const h = fields.header;
  const errors: ArticleError[] = [];
  const from: ArticleFieldSources = {};
  const pick = <T>(field: string, headerValue: T | undefined, pageValue: T | undefined, pageSource: FieldSource): T | undefined => {
    if (headerValue !== undefined) {
      from[field] = 'header';
      return headerValue;
    }
    if (pageValue !== undefined && !(Array.isArray(pageValue) && pageValue.length === 0)) from[field] = pageSource;
    return pageValue;
  };

  const published = pick('published', h.published, fields.dateLine, 'text-line');
  if (published === undefined) {
    if (fields.dateCandidates && fields.dateCandidates.length > 0) {
      errors.push(
        articleError(
          '$.published',
          'AMBIGUOUS_DATE',
          `the page prints dates but none is clearly the article's (next to its headline): ${fields.dateCandidates.map((c) => `"${c}"`).join(', ')}`,
        ),
      );
    } else if (fields.dateLineError) {
      const e = fields.dateLineError;
      errors.push(articleError('$.published', e.code, `the date line "${e.line}" could not be read: ${e.message}`));
    } else if (fields.updatedLine !== undefined) {
      errors.push(
        articleError(
          '$.published',
          'NO_PUBLISHED_DATE',
          `the page shows only a last-updated date ("${fields.updatedLine}"); it is not taken as the published date (add a "published:" header line)`,
        ),
      );
    } else {
      errors.push(
        articleError('$.published', 'NO_DATE_LINE', 'no date line was found near the top of the page (e.g. "الإثنين 29 أبريل 2024")'),
      );
    }
  }
  const title = pick('title', h.title, fields.title, 'text-line');
  if (title === undefined)
    errors.push(articleError('$.title', 'NO_TITLE', 'no title was found (a line printed twice near the top, or a "title:" header)'));

  const fileKey = options.name !== undefined ? baseNameOf(options.name) : undefined;
  let url = pick('url', h.url, undefined, 'header');
  let key = h.key;
  if (url === undefined) {
    if (options.baseUrl !== undefined && fileKey) {
      url = `${options.baseUrl.replace(/\/*$/, '/')}${encodeURIComponent(fileKey)}`;
      key ??= fileKey;
      from.url = 'header';
    } else {
      errors.push(
        articleError('$.url', 'NO_URL', 'page text carries no URL: add a "url:" header line, or give a base URL and a file name'),
      );
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  warnings.push(...fields.warnings.map((w) => articleWarning('$.published', w.code, w.message)));

  const imageUrls = (h.images ?? '').split(/\s+/).filter(Boolean);
  const images = fields.captions.slice(0, imageUrls.length).map((c, i) => ({ url: imageUrls[i], ...c }));
  const captions = fields.captions.slice(imageUrls.length);
  const candidate: Record<string, unknown> = {
    key,
    url,
    title,
    summary: pick('summary', h.summary, fields.lede, 'body'),
    content: renderPageContent(fields.blocks),
    authors: pick('authors', h.authors !== undefined ? splitList(h.authors) : undefined, fields.authors, 'text-line'),
    categories: pick('categories', h.categories !== undefined ? splitList(h.categories) : undefined, undefined, 'header'),
    source: pick('source', h.source, fields.source, 'body'),
    images: images.length > 0 ? images : undefined,
    captions: captions.length > 0 ? captions : undefined,
    language: pick('language', h.language, undefined, 'header'),
    published,
    updated: pick('updated', h.updated, fields.updatedLine, 'text-line'),
    timeZone: header0,
  };
  for (const k of Object.keys(candidate)) if (candidate[k] === undefined) delete candidate[k];
  for (const k of Object.keys(h)) {
    if (!ARTICLE_INPUT_FIELDS.has(k) && k !== 'timezone' && k !== 'zone' && k !== 'images') {
      warnings.push(articleWarning(`$.${k}`, 'UNKNOWN_FIELD', `header "${k}" is not an article field and was ignored`, k));
    }
  }
  return { ok: true, candidate, from, warnings };
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
