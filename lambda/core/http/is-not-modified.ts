// Conditional GET evaluation (If-None-Match / If-Modified-Since → 304). Pure: no node:http, no clock reads.

/** The validators of the representation about to be served. */
export interface Validators {
  /** The quoted strong ETag of this representation, e.g. "\"ab12…\"" or "\"ab12…-br\"". */
  etag: string;
  /** Other ETags that name the same content (its other encodings); a client may send any of them back. */
  equivalentEtags?: readonly string[];
  /** Last-Modified as epoch milliseconds, when the document has one. */
  lastModifiedMs?: number;
}

/** Strips the weak prefix: If-None-Match uses the weak comparison (RFC 9110 §13.1.2). */
function opaqueTag(tag: string): string {
  const t = tag.trim();
  return t.startsWith('W/') ? t.slice(2) : t;
}

/**
 * Splits an If-None-Match list into entity tags; commas inside quotes are kept.
 *
 * @example
 * parseEntityTagList('"a", W/"b,c"') //=> ['"a"', 'W/"b,c"']
 */
export function parseEntityTagList(header: string): string[] {
  const tags: string[] = [];
  const re = /\s*(\*|(?:W\/)?"[^"]*")\s*(?:,|$)/gy;
  for (let m = re.exec(header); m !== null && m[0] !== ''; m = re.exec(header)) tags.push(m[1] as string);
  return tags;
}

/**
 * Parses an HTTP-date (IMF-fixdate, RFC 850 or asctime); undefined when it is not a date.
 *
 * @example
 * parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT') //=> 784111777000
 * parseHttpDate('yesterday') //=> undefined
 */
export function parseHttpDate(value: string): number | undefined {
  const ms = Date.parse(value.trim());
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * True when a GET/HEAD can be answered with 304. If-None-Match matches when any listed tag (weak
 * comparison) equals this representation's tag, or is `*`. If-Modified-Since matches when the document
 * was last modified at or before the given date, compared at second precision. When both headers are
 * sent, both must match; an unparseable date never matches.
 *
 * @example
 * isNotModified(new Headers({ 'if-none-match': 'W/"x"' }), { etag: '"x"' }) //=> true
 */
export function isNotModified(headers: Headers, v: Validators): boolean {
  const inm = headers.get('if-none-match');
  const ims = headers.get('if-modified-since');
  if (inm === null && ims === null) return false;

  if (inm !== null) {
    const known = new Set([v.etag, ...(v.equivalentEtags ?? [])].map(opaqueTag));
    const tags = parseEntityTagList(inm);
    const match = tags.some((t) => t === '*' || known.has(opaqueTag(t)));
    if (!match) return false;
  }
  if (ims !== null) {
    const since = parseHttpDate(ims);
    if (since === undefined || v.lastModifiedMs === undefined) return false;
    if (Math.floor(v.lastModifiedMs / 1000) > Math.floor(since / 1000)) return false;
  }
  return true;
}
