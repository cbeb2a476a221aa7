// The HTTP core: web-standard (Request) → Response for feeds, pages (index, article pages, feeds.opml) and article ingest. Pure: no node:http, no AWS, no env.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { FeedDocument } from '../feeds/feed-document.ts';
import type { IngestInput, StoreArticlesReport } from '../site/store-articles.ts';
import { createCompressionCache, type CompressionCache } from './create-compression-cache.ts';
import {
  BadRequestError,
  GoneError,
  HttpError,
  MethodNotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
  problemResponse,
  type ProblemFieldError,
} from './http-error.ts';
import { isNotModified } from './is-not-modified.ts';
import { negotiateEncoding, type ContentCoding } from './negotiate-encoding.ts';
import { bytesResponse } from './raw-response-body.ts';
import { readLimitedBody } from './read-limited-body.ts';
import { verifyBearerToken } from './verify-bearer-token.ts';

/** What the HTTP core needs from the site: rendered documents to serve, and ingest/delete for writes. */
export interface AppSite {
  /** The current rendered document at a site path ("index.html", "feeds/all.rss", …), from memory or read from a source. */
  getDocument(path: string): FeedDocument | undefined | Promise<FeedDocument | undefined>;
  /** Stores the articles of one body; what was stored and every problem of what was not. */
  ingest(input: IngestInput): Promise<Pick<StoreArticlesReport, 'results' | 'errors'> & { omittedErrors?: number }>;
  /** Deletes an article and re-renders its feeds; undefined when there was none. */
  deleteArticle?(id: string): Promise<unknown>;
  /** Whether a document was published at this path and removed since (answered 410 Gone instead of 404). */
  wasRemoved?(path: string): boolean | Promise<boolean>;
}

export interface AppOptions {
  site: AppSite;
  /**
   * `baseUrl` (ending in "/") builds the self links; `hub` adds a rel="hub" link. When `baseUrl` has a path
   * (`https://example.org/news/`), requests under that path are served as if a proxy had stripped it.
   */
  config: { baseUrl: string; hub?: string | undefined };
  /** When set, writes need `Authorization: Bearer <token>`. */
  auth?: { token: string } | undefined;
  /** Upper bound on a POST body. Default 1 MiB. */
  maxBodyBytes?: number;
  /** The injected clock: a Last-Modified later than its reading is sent as that reading (never after the response's Date). */
  clock?: Clock;
  compression?: CompressionCache;
  /** Called with every unexpected error and the correlation id sent to the client. */
  onError?: (error: unknown, correlationId: string) => void;
}

export interface App {
  fetch(request: Request): Promise<Response>;
}

const READ_METHODS = ['GET', 'HEAD', 'OPTIONS'] as const;
/**
 * Every published document (feeds, archive pages, feeds.opml, article pages, the index, the stylesheet) may be read by
 * any origin, so web-based feed readers can fetch it: the same headers CloudFront adds in the cloud. The ingest
 * endpoints (POST /articles, DELETE /articles/<id>) get none: they take a bearer token, which belongs to a publishing
 * tool, never to a web page, so no browser page is allowed to send it cross-origin (its preflight gets no approval).
 */
const CORS_READ: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'ETag, Last-Modified, Link',
};
/** The answer to a CORS preflight on a read path: GET/HEAD with the conditional-request headers, cached a day. */
const CORS_PREFLIGHT: Readonly<Record<string, string>> = {
  ...CORS_READ,
  'access-control-allow-methods': READ_METHODS.join(', '),
  'access-control-allow-headers': 'If-None-Match, If-Modified-Since, Accept, Accept-Language',
  'access-control-max-age': '86400',
  allow: READ_METHODS.join(', '),
  'cache-control': 'public, max-age=86400',
};

/** The ingest endpoints: `/articles` and `/articles/<id>` (an article page, `/articles/<id>.html`, is a document). */
function isIngestPath(pathname: string): boolean {
  return pathname === '/articles' || (pathname.startsWith('/articles/') && !pathname.endsWith('.html'));
}
const BODY_FORMATS: Record<string, IngestInput['format']> = {
  'application/json': 'json',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'text/plain': 'text',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
};
const ACCEPTED_TYPES = ['application/json', 'application/x-ndjson', 'text/plain', 'text/html'];
/** Article error codes that mean "the body could not be read at all" (400, not 422). */
const MALFORMED_CODES = new Set(['INVALID_JSON', 'INVALID_UTF8', 'INVALID_ENCODING', 'TOO_DEEP']);

/** The last instant an HTTP-date can carry (a four-digit year): later times are not sent as Last-Modified. */
const LAST_HTTP_DATE_MS = Date.UTC(9999, 11, 31, 23, 59, 59);

/** Feed types browsers show as plain text; a browser navigation gets the same bytes as application/xml, so the xml-stylesheet applies. */
const XML_FEED_TYPE = /^application\/(rss|atom)\+xml/;
const BROWSER_XML_TYPE = 'application/xml; charset=utf-8';

/** A browser navigation: asks for HTML and does not name the feed's own type. */
function wantsBrowserView(accept: string | null): boolean {
  return accept !== null && /\btext\/html\b/i.test(accept) && !/\b(rss|atom)\+xml\b/i.test(accept);
}

/** The path of an absolute request URL, without query or fragment (cheaper than `new URL` on the hot path). */
function pathnameOf(url: string): string {
  const scheme = url.indexOf('://');
  const start = scheme < 0 ? 0 : url.indexOf('/', scheme + 3);
  if (start < 0) return '/';
  const end = url.slice(start).search(/[?#]/);
  const path = end < 0 ? url.slice(start) : url.slice(start, start + end);
  // Dot segments are not ours to resolve silently; `new URL` would, so do the same for odd paths.
  return /\/\.\.?(\/|$)|%2e/i.test(path) ? new URL(url).pathname : path;
}

interface DocumentMeta {
  etags: Record<ContentCoding, string>;
  /** 304s carry no body and only this document's validators: built once per coding and shared (read-only). */
  notModified: Partial<Record<ContentCoding, Response>>;
  lastModifiedMs: number | undefined;
  lastModified: string | undefined;
  link: string;
}

/**
 * Creates the HTTP core. Serves every rendered document with a strong ETag per coding, Last-Modified,
 * 304 revalidation, gzip/br negotiation (compressed once per hash and cached), Cache-Control and Link;
 * takes articles on `POST /articles`; renders every failure as RFC 9457 problem+json.
 *
 * @example
 * const app = createApp({ site, config, auth: { token } });
 * const res = await app.fetch(new Request('http://localhost/feeds/all.rss'));
 * res.headers.get('etag') //=> '"3f2a…"'
 */
export function createApp(options: AppOptions): App {
  const { site, config } = options;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const compression = options.compression ?? createCompressionCache();
  const onError = options.onError ?? ((error, id) => console.error(`[${id}]`, error));
  const metas = new WeakMap<FeedDocument, DocumentMeta>();
  const base = config.baseUrl.endsWith('/') ? config.baseUrl : `${config.baseUrl}/`;
  /** The base URL's path ("/news/"), when it has one: a proxy that does not strip it still reaches the documents. */
  const prefix = new URL(base).pathname;

  /** The request path below the base URL's path (the same path when there is no prefix or the proxy stripped it). */
  function sitePathnameOf(url: string): string {
    const pathname = pathnameOf(url);
    if (prefix === '/') return pathname;
    if (pathname.startsWith(prefix)) return pathname.slice(prefix.length - 1);
    return pathname;
  }

  function metaOf(doc: FeedDocument): DocumentMeta {
    let meta = metas.get(doc);
    if (!meta) {
      const ms = doc.lastModified === undefined ? undefined : Date.parse(doc.lastModified);
      const known = ms !== undefined && !Number.isNaN(ms);
      const links = [`<${base}${encodeURI(doc.path === 'index.html' ? '' : doc.path)}>; rel="self"`];
      if (config.hub) links.push(`<${config.hub}>; rel="hub"`);
      meta = {
        etags: { identity: `"${doc.hash}"`, gzip: `"${doc.hash}-gzip"`, br: `"${doc.hash}-br"` },
        notModified: {},
        lastModifiedMs: known ? ms : undefined,
        lastModified: known && ms <= LAST_HTTP_DATE_MS ? new Date(ms).toUTCString() : undefined,
        link: links.join(', '),
      };
      metas.set(doc, meta);
    }
    return meta;
  }

  /** The document's Last-Modified, or the clock's second when the document claims a later time. */
  function lastModifiedAt(meta: DocumentMeta): { lastModified: string | undefined; lastModifiedMs: number | undefined; clamped: boolean } {
    const { lastModified, lastModifiedMs } = meta;
    if (lastModifiedMs === undefined) return { lastModified, lastModifiedMs, clamped: false };
    if (!options.clock) {
      // Without a clock only the unwritable is dropped: a time past year 9999 has no HTTP-date.
      return lastModifiedMs <= LAST_HTTP_DATE_MS
        ? { lastModified, lastModifiedMs, clamped: false }
        : { lastModified: undefined, lastModifiedMs: undefined, clamped: true };
    }
    const nowMs = Math.floor(options.clock().getTime() / 1000) * 1000;
    if (lastModifiedMs <= nowMs) return { lastModified, lastModifiedMs, clamped: false };
    return { lastModified: new Date(nowMs).toUTCString(), lastModifiedMs: nowMs, clamped: true };
  }

  async function serveDocument(request: Request, doc: FeedDocument): Promise<Response> {
    const meta = metaOf(doc);
    const wanted = negotiateEncoding(request.headers.get('accept-encoding'));
    let body = doc.body;
    let coding: ContentCoding = 'identity';
    if (wanted !== 'identity') {
      const compressed = await compression.get(doc.hash, wanted, doc.body);
      if (compressed) {
        body = compressed;
        coding = wanted;
      }
    }
    const xmlFeed = XML_FEED_TYPE.test(doc.contentType);
    const headers: Record<string, string> = {
      ...CORS_READ,
      etag: meta.etags[coding],
      'cache-control': doc.cacheControl,
      vary: xmlFeed ? 'Accept, Accept-Encoding' : 'Accept-Encoding',
      link: meta.link,
    };
    const { lastModified, lastModifiedMs, clamped } = lastModifiedAt(meta);
    if (lastModified) headers['last-modified'] = lastModified;
    const notModified = isNotModified(request.headers, {
      etag: meta.etags[coding],
      equivalentEtags: [meta.etags.identity, meta.etags.gzip, meta.etags.br],
      lastModifiedMs,
    });
    if (notModified) {
      if (clamped) return bytesResponse(304, headers, null);
      const cached = meta.notModified[coding] ?? bytesResponse(304, headers, null);
      meta.notModified[coding] = cached;
      return cached;
    }
    headers['content-type'] = xmlFeed && wantsBrowserView(request.headers.get('accept')) ? BROWSER_XML_TYPE : doc.contentType;
    headers['content-length'] = String(body.byteLength);
    if (coding !== 'identity') headers['content-encoding'] = coding;
    return bytesResponse(200, headers, request.method === 'HEAD' ? null : body);
  }

  function requireAuth(request: Request): void {
    if (options.auth && !verifyBearerToken(request.headers.get('authorization'), options.auth.token)) {
      throw new UnauthorizedError(
        request.headers.has('authorization') ? 'The bearer token is not valid' : 'Send Authorization: Bearer <token>',
      );
    }
  }

  async function postArticles(request: Request): Promise<Response> {
    requireAuth(request);
    const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const format = BODY_FORMATS[mediaType];
    if (!format) throw new UnsupportedMediaTypeError(mediaType, ACCEPTED_TYPES);
    const body = await readLimitedBody(request, maxBodyBytes);
    const charset = /;\s*charset\s*=\s*"?([\w.:-]+)/i.exec(request.headers.get('content-type') ?? '')?.[1];
    const report = await site.ingest({ body, format, ...(format === 'html' && charset && { charset }) });
    // The site caps the errors it lists (first 100 by default); `omittedErrors` counts the rest.
    const omittedErrors = report.omittedErrors ?? 0;
    const omitted = omittedErrors > 0 ? { omittedErrors } : {};
    if (report.errors.length > 0 && report.results.length === 0) {
      const errors: ProblemFieldError[] = report.errors.map((e) => ({ ...e }));
      if (errors.some((e) => e.code === 'TOO_LARGE')) throw new PayloadTooLargeError(maxBodyBytes);
      if (errors.every((e) => MALFORMED_CODES.has(e.code))) {
        const more = omittedErrors > 0 ? [`${omittedErrors} more not listed`] : [];
        throw new BadRequestError([...errors.map((e) => e.message), ...more].join('; '), errors);
      }
      const n = errors.length + omittedErrors;
      const listed = omittedErrors > 0 ? ` (the first ${errors.length} are listed)` : '';
      throw new ValidationError(`${n} problem${n === 1 ? '' : 's'} found${listed}; nothing was stored.`, errors, omitted);
    }
    const results = report.results.map((r) => ({
      index: r.index,
      status: r.status,
      id: r.article.id,
      article: r.article,
      ...(r.warnings.length > 0 ? { warnings: r.warnings } : {}),
      ...(r.from ? { from: r.from } : {}),
    }));
    // A batch where some articles were stored and some rejected is 207 Multi-Status: the valid ones are
    // in `results`, every problem of the rejected ones in `errors`, and nothing of those was stored.
    const mixed = report.errors.length > 0;
    const status = mixed ? 207 : report.results.some((r) => r.status === 'created') ? 201 : 200;
    const json = new TextEncoder().encode(JSON.stringify(mixed ? { results, errors: report.errors, ...omitted } : { results }));
    return bytesResponse(
      status,
      {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        'content-length': String(json.byteLength),
      },
      json,
    );
  }

  async function deleteArticle(request: Request, id: string): Promise<Response> {
    requireAuth(request);
    const deleted = site.deleteArticle ? await site.deleteArticle(id) : undefined;
    if (deleted === undefined) throw new NotFoundError(`/articles/${id}`);
    return new Response(null, { status: 204 });
  }

  /** The site has nothing at `docPath`: 410 when it published a document there before, else 404. */
  async function missing(pathname: string, docPath: string): Promise<never> {
    if (site.wasRemoved && (await site.wasRemoved(docPath))) throw new GoneError(pathname);
    throw new NotFoundError(pathname);
  }

  async function route(request: Request): Promise<Response> {
    const pathname = sitePathnameOf(request.url);
    const method = request.method.toUpperCase();
    // "/news" without its slash: the index's relative links need "/news/", as nginx redirects a location's bare name.
    if (prefix !== '/' && pathname === prefix.slice(0, -1)) return bytesResponse(301, { location: prefix, ...CORS_READ }, null);
    if (method === 'OPTIONS' && !isIngestPath(pathname)) return bytesResponse(204, { ...CORS_PREFLIGHT }, null);
    let path: string;
    try {
      path = decodeURIComponent(pathname);
    } catch {
      throw new NotFoundError(pathname);
    }
    if (path === '/articles') {
      if (method !== 'POST') throw new MethodNotAllowedError(method, ['POST']);
      return postArticles(request);
    }
    if (path.startsWith('/articles/') && path.length > '/articles/'.length) {
      // An article page (articles/<id>.html) is a published document; any other /articles/<id> is the article, for DELETE.
      if (path.endsWith('.html') && (method === 'GET' || method === 'HEAD')) {
        const page = await site.getDocument(path.slice(1));
        if (!page) return missing(pathname, path.slice(1));
        return serveDocument(request, page);
      }
      if (method !== 'DELETE' || !site.deleteArticle) throw new MethodNotAllowedError(method, ['DELETE']);
      return deleteArticle(request, path.slice('/articles/'.length));
    }
    const docPath = path === '/' ? 'index.html' : path.slice(1);
    const doc = await site.getDocument(docPath);
    if (!doc) return missing(pathname, docPath);
    if (method !== 'GET' && method !== 'HEAD') throw new MethodNotAllowedError(method, READ_METHODS);
    return serveDocument(request, doc);
  }

  return {
    async fetch(request) {
      try {
        return await route(request);
      } catch (error) {
        if (error instanceof HttpError) {
          const pathname = pathnameOf(request.url);
          // A reader told "gone" or "not found" cross-origin must be able to read that answer too.
          const cors = isIngestPath(sitePathnameOf(request.url)) ? {} : CORS_READ;
          return problemResponse({ ...error.toProblem(), instance: pathname }, { ...cors, ...error.headers });
        }
        const correlationId = randomUUID();
        onError(error, correlationId);
        return problemResponse(
          {
            type: 'about:blank',
            title: 'Internal Server Error',
            status: 500,
            detail: `Something went wrong on our side. Quote ${correlationId} when reporting it.`,
            correlationId,
          },
          { 'x-correlation-id': correlationId },
        );
      }
    },
  };
}
