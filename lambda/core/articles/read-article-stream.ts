// Reads articles from a byte stream of any size, one article at a time: the size limit is per article, not per file. Pure: no I/O, no clock.
import type { ArticleError } from './article-error.ts';
import { articleError } from './article-error.ts';
import { articleLimitsOf } from './article-limits.ts';
import { pushCappedErrors, type CappedErrors } from './cap-errors.ts';
import {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_PAGE_BYTES,
  formatOf,
  datesInSiteOrder,
  readArticleValue,
  type ArticleInputFormat,
  type ParseArticlesInput,
  type ParseArticlesOptions,
  type ParsedArticle,
  type ParseReport,
} from './parse-articles.ts';
import type { DateFunctions } from './read-article-date.ts';
import { notJsonError, splitArticleElements } from './split-article-elements.ts';

export interface ArticleStreamInput {
  /** The bytes in order, e.g. a file read in chunks (a Node read stream is one). */
  chunks: AsyncIterable<Uint8Array>;
  /** Default: from the name's extension, else sniffed from the first bytes. */
  format?: ArticleInputFormat;
  /** File or object name: reported in errors; for page text its base name is the publisher key. */
  name?: string;
  /** The charset the transport declared (HTML only). */
  charset?: string;
}

/** What a streamed read found: how many articles it handed on, and the (capped) errors of the rest. */
export interface ArticleStreamReport extends CappedErrors {
  /** Articles handed to `onArticle`. */
  read: number;
  /** Bytes read from the stream. */
  bytes: number;
}

/** How a whole (small) body is read: `parseArticlesAsync`, injected so this file does not load the HTML reader. */
export type ParseWholeBody = (input: ParseArticlesInput, options: ParseArticlesOptions) => Promise<ParseReport>;

/**
 * The format of a stream too large to read whole, from the name or its first bytes: "[" is a JSON array; "{" is
 * NDJSON when its first line is a whole JSON value, else one (pretty-printed) JSON object.
 */
function streamFormatOf(name: string | undefined, head: Uint8Array): ArticleInputFormat {
  const byName = name !== undefined && /\.[a-z]+$/i.test(name) ? formatOf(name, '') : undefined;
  if (byName !== undefined && byName !== 'text') return byName;
  if (byName === 'text' && /\.(txt|text)$/i.test(name ?? '')) return 'text';
  const start = new TextDecoder('latin1')
    .decode(head.subarray(0, 2048))
    .replace(/^\u00EF\u00BB\u00BF/, '')
    .trimStart();
  if (start.startsWith('{')) {
    const nl = head.indexOf(0x0a);
    try {
      JSON.parse(new TextDecoder().decode(head.subarray(0, nl === -1 ? head.byteLength : nl)).replace(/^\uFEFF/, ''));
      return 'ndjson';
    } catch {
      return 'json';
    }
  }
  return formatOf(undefined, head.subarray(0, 2048));
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/**
 * Reads a stream of articles and hands each valid one to `onArticle` as soon as it is read (awaiting it, so a slow
 * consumer slows the reading and memory stays bounded). A stream no larger than `maxBodyBytes` (HTML:
 * `maxPageBytes`) is read whole by `parseWhole`, with exactly its results and errors. A larger JSON array or NDJSON
 * stream is read element by element: each article must fit in `maxBodyBytes`, a bad element or line is rejected with
 * its index (and line number) and the rest still read, and an input cut short rejects its unfinished tail
 * (TRUNCATED). A larger page (text or HTML) is rejected whole (TOO_LARGE).
 *
 * @example
 * await readArticleStreamWith(dates, parseArticlesAsync, { chunks: fileChunks, name: 'export.ndjson' }, { timeZone: 'Asia/Riyadh', now }, store)
 * //=> { read: 200000, bytes: 524288000, errors: [], omittedErrors: 0, rejectedArticles: 0 }
 */
export async function readArticleStreamWith(
  dates: DateFunctions,
  parseWhole: ParseWholeBody,
  input: ArticleStreamInput,
  options: ParseArticlesOptions,
  onArticle: (article: ParsedArticle) => void | Promise<void>,
): Promise<ArticleStreamReport> {
  dates = datesInSiteOrder(dates, options.dateOrder);
  const limits = articleLimitsOf(options.limits);
  const report: ArticleStreamReport = { read: 0, bytes: 0, errors: [], omittedErrors: 0, rejectedArticles: 0 };
  const named = (errors: ArticleError[]): ArticleError[] =>
    input.name !== undefined ? errors.map((e) => ({ ...e, name: input.name })) : errors;
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxPage = options.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES;
  const declared = input.format ?? (input.name !== undefined && /\.[a-z]+$/i.test(input.name) ? formatOf(input.name, '') : undefined);
  let whole = declared === 'html' ? Math.max(maxBody, maxPage) : maxBody;

  const it = input.chunks[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let ended = false;
  let format: ArticleInputFormat | undefined;
  for (;;) {
    while (report.bytes <= whole) {
      const next = await it.next();
      if (next.done) {
        ended = true;
        break;
      }
      head.push(next.value);
      report.bytes += next.value.byteLength;
    }
    if (ended || format !== undefined) break;
    format = input.format ?? streamFormatOf(input.name, concat(head, report.bytes).subarray(0, maxBody));
    // An HTML page may be larger than a body of articles: read on, up to its own limit.
    if (format === 'html' && maxPage > whole) whole = maxPage;
    else break;
  }

  const deliver = async (parsed: ParseReport) => {
    pushCappedErrorsOf(report, parsed, limits.reportedErrors);
    for (const a of parsed.articles) {
      await onArticle(a);
      report.read++;
    }
  };

  if (ended) {
    const body = concat(head, report.bytes);
    head.length = 0;
    const parsed = await parseWhole(
      {
        body,
        ...(input.format && { format: input.format }),
        ...(input.name !== undefined && { name: input.name }),
        ...(input.charset && { charset: input.charset }),
      },
      options,
    );
    await deliver(parsed);
    return report;
  }

  if (format !== 'json' && format !== 'ndjson') {
    // A page is one article: over its limit it is refused without being held (the rest is only counted).
    head.length = 0;
    for (let next = await it.next(); !next.done; next = await it.next()) report.bytes += next.value.byteLength;
    const max = format === 'html' ? maxPage : maxBody;
    const tooLarge = articleError('$', 'TOO_LARGE', `the body is ${report.bytes} bytes, over the limit of ${max} bytes`, '');
    pushCappedErrors(report, named([tooLarge]), limits.reportedErrors);
    return report;
  }

  async function* rest(): AsyncGenerator<Uint8Array> {
    while (head.length > 0) yield head.shift() as Uint8Array;
    for (let next = await it.next(); !next.done; next = await it.next()) {
      report.bytes += next.value.byteLength;
      yield next.value;
    }
  }

  const valueOptions = { ...options, limits };
  for await (const element of splitArticleElements(rest(), { format, maxElementBytes: maxBody })) {
    if ('error' in element) {
      pushCappedErrors(report, named([element.error]), limits.reportedErrors);
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(element.text);
    } catch (e) {
      pushCappedErrors(report, named([notJsonError(element, format, (e as Error).message)]), limits.reportedErrors);
      continue;
    }
    const parsed = readArticleValue(dates, value, element.index, element.path, valueOptions);
    parsed.errors = named(parsed.errors);
    await deliver(parsed);
  }
  return report;
}

function pushCappedErrorsOf(report: ArticleStreamReport, parsed: ParseReport, max: number): void {
  // Kept as the body's own report counted them (one rejected article may carry several errors).
  const room = Math.max(0, max - report.errors.length);
  report.errors.push(...parsed.errors.slice(0, room));
  report.omittedErrors += parsed.omittedErrors + Math.max(0, parsed.errors.length - room);
  report.rejectedArticles += parsed.rejectedArticles;
}
