// Error and warning records produced while reading articles. Pure types and builders: imports nothing.

/**
 * Stable codes for rejected input. Date codes from the normalizer (e.g. `WEEKDAY_MISMATCH`)
 * are carried verbatim, so they are open-ended strings as well.
 */
export type ArticleErrorCode =
  | 'TOO_LARGE'
  | 'INVALID_UTF8'
  | 'INVALID_JSON'
  | 'EMPTY_INPUT'
  | 'NOT_AN_OBJECT'
  | 'MISSING_FIELD'
  | 'EMPTY_FIELD'
  | 'INVALID_TYPE'
  | 'TOO_LONG'
  | 'INVALID_URL'
  | 'URL_NOT_HTTP'
  | 'INVALID_LANGUAGE'
  | 'UNKNOWN_ZONE'
  | 'NO_DATE_LINE'
  | 'NO_TITLE'
  | 'NO_URL'
  | 'NO_PUBLISHED_DATE'
  | 'AMBIGUOUS_DATE'
  | 'INVALID_ENCODING'
  | 'HTML_READER_NOT_LOADED'
  | 'EXTRACT_FAILED'
  | 'INVALID_VALUE'
  /** JSON nested deeper than `limits.jsonDepth`. */
  | 'TOO_DEEP'
  /** More categories or authors than `limits.categoriesPerArticle` / `authorsPerArticle`. */
  | 'TOO_MANY_ITEMS'
  /** A publication year outside `limits.minYear` … the clock's year + `limits.yearsAhead`. */
  | 'YEAR_OUT_OF_RANGE'
  /** A streamed input ends in the middle of an article (the file is cut short); the articles before it are read. */
  | 'TRUNCATED';

/** Codes for things that were fixed on the way in and recorded. */
export type ArticleWarningCode =
  | 'BIDI_CONTROLS_STRIPPED'
  | 'CONTROL_CHARACTERS_STRIPPED'
  | 'HTML_SANITIZED'
  | 'UNKNOWN_FIELD'
  | 'UPDATED_NOT_AFTER_PUBLISHED'
  /** Metadata and the date shown on the page are more than a day apart (the metadata was kept). */
  | 'DATE_DISAGREES'
  /** A "… هـ - الموافق … م" line whose Hijri half does not match its Gregorian half (the Gregorian was kept). */
  | 'HIJRI_MISMATCH';

/** One rejection: which field, where, a stable code and a plain-words message. */
export interface ArticleError {
  /** JSONPath-like location: "$" for the whole body, "$[3].published", "$.title". */
  path: string;
  /** The field concerned ("" when the whole body is concerned). */
  field: string;
  /** Stable machine code: an `ArticleErrorCode` or a date normalizer code. */
  code: ArticleErrorCode | (string & {});
  message: string;
  /** The file or input name, when known. */
  name?: string;
}

/** Something was changed on the way in (never silently). */
export interface ArticleWarning {
  path: string;
  field: string;
  code: ArticleWarningCode;
  message: string;
}

/**
 * Builds an `ArticleError`; `field` defaults to the last segment of the path.
 *
 * @example
 * articleError('$[3].published', 'WEEKDAY_MISMATCH', 'the weekday does not match the date')
 * //=> { path: '$[3].published', field: 'published', code: 'WEEKDAY_MISMATCH', message: '…' }
 */
export function articleError(path: string, code: ArticleError['code'], message: string, field = fieldOfPath(path)): ArticleError {
  return { path, field, code, message };
}

/**
 * Builds an `ArticleWarning`; `field` defaults to the last named segment of the path.
 *
 * @example
 * articleWarning('$.content', 'HTML_SANITIZED', 'removed a <script> element').field //=> 'content'
 */
export function articleWarning(path: string, code: ArticleWarningCode, message: string, field = fieldOfPath(path)): ArticleWarning {
  return { path, field, code, message };
}

/**
 * The first named field of a path after the article root ("$[3].images[0].url" → "images").
 *
 * @example
 * fieldOfPath('$[3].published') //=> 'published'
 */
function fieldOfPath(path: string): string {
  const m = /^\$(?:\[\d+\])?\.([^.[]+)/.exec(path);
  return m?.[1] ?? '';
}

/**
 * Joins a root path and a sub-path of keys/indexes into "$[3].images[0].url".
 *
 * @example
 * joinPath('$[3]', ['images', 0, 'url']) //=> '$[3].images[0].url'
 */
export function joinPath(root: string, keys: ReadonlyArray<PropertyKey>): string {
  let out = root;
  for (const k of keys) {
    if (typeof k === 'number') out += `[${k}]`;
    else if (typeof k === 'string' && /^[A-Za-z_$][\w$]*$/.test(k)) out += `.${k}`;
    else out += `[${JSON.stringify(String(k))}]`;
  }
  return out;
}
