// The HTTP core: web-standard (Request) → Response for feeds, pages and article ingest. Pure: no node:http, no AWS, no env.
import { randomUUID } from 'node:crypto';
import type { FeedDocument } from '../feeds/feed-document.ts';
import type { IngestInput, StoreArticlesReport } from '../site/store-articles.ts';
import { createCompressionCache, type CompressionCache } from './create-compression-cache.ts';
import {
  BadRequestError,
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
  ingest(input: IngestInput): Promise<Pick<StoreArticlesReport, 'results' | 'errors'>>;
  /** Deletes an article and re-renders its feeds; undefined when there was none. */
  deleteArticle?(id: string): Promise<unknown>;
}

export interface AppOptions {
  site: AppSite;
  /** `baseUrl` (ending in "/") builds the self links; `hub` adds a rel="hub" link. */
  config: { baseUrl: string; hub?: string | undefined };
  /** When set, writes need `Authorization: Bearer <token>`. */
  auth?: { token: string } | undefined;
  /** Upper bound on a POST body. Default 1 MiB. */
  maxBodyBytes?: number;
  compression?: CompressionCache;
  /** Called with every unexpected error and the correlation id sent to the client. */
  onError?: (error: unknown, correlationId: string) => void;
}

export interface App {
  fetch(request: Request): Promise<Response>;
}

const READ_METHODS = ['GET', 'HEAD'] as const;
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
const MALFORMED_CODES = new Set(['INVALID_JSON', 'INVALID_UTF8', 'INVALID_ENCODING']);

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
        lastModified: known ? new Date(ms).toUTCString() : undefined,
        link: links.join(', '),
      };
      metas.set(doc, meta);
    }
    return meta;
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
      etag: meta.etags[coding],
      'cache-control': doc.cacheControl,
      vary: xmlFeed ? 'Accept, Accept-Encoding' : 'Accept-Encoding',
      link: meta.link,
    };
    if (meta.lastModified) headers['last-modified'] = meta.lastModified;
    const notModified = isNotModified(request.headers, {
      etag: meta.etags[coding],
      equivalentEtags: [meta.etags.identity, meta.etags.gzip, meta.etags.br],
      lastModifiedMs: meta.lastModifiedMs,
    });
    if (notModified) {
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
    if (report.errors.length > 0 && report.results.length === 0) {
      const errors: ProblemFieldError[] = report.errors.map((e) => ({ ...e }));
      if (errors.some((e) => e.code === 'TOO_LARGE')) throw new PayloadTooLargeError(maxBodyBytes);
      if (errors.every((e) => MALFORMED_CODES.has(e.code))) {
        throw new BadRequestError(errors.map((e) => e.message).join('; '), errors);
      }
      const n = errors.length;
      throw new ValidationError(`${n} problem${n === 1 ? '' : 's'} found; nothing was stored.`, errors);
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
    const json = new TextEncoder().encode(JSON.stringify(mixed ? { results, errors: report.errors } : { results }));
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

  async function route(request: Request): Promise<Response> {
    const pathname = pathnameOf(request.url);
    const method = request.method.toUpperCase();
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
      if (method !== 'DELETE' || !site.deleteArticle) throw new MethodNotAllowedError(method, ['DELETE']);
      return deleteArticle(request, path.slice('/articles/'.length));
    }
    const docPath = path === '/' ? 'index.html' : path.slice(1);
    const doc = await site.getDocument(docPath);
    if (!doc) throw new NotFoundError(pathname);
    if (method !== 'GET' && method !== 'HEAD') throw new MethodNotAllowedError(method, READ_METHODS);
    return serveDocument(request, doc);
  }

  return {
    async fetch(request) {
      try {
        return await route(request);
      } catch (error) {
        if (error instanceof HttpError) {
          return problemResponse({ ...error.toProblem(), instance: pathnameOf(request.url) }, error.headers);
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
