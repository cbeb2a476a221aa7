// The ONE request table: every HTTP behaviour as {request, expect}, run in order through any (Request) → Response adapter.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect } from 'vitest';
import { tableArticleInput, type TableFixture } from './table-fixture.ts';

/** State the cases share, in order (an ETag seen earlier, the identity body, …). */
export type TableContext = Record<string, string>;

export interface RequestSpec {
  method?: string;
  /** Path and query, e.g. "/feeds/all.rss". Non-ASCII is percent-encoded by the runner. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Send the body as a stream with no Content-Length (chunked on the wire). */
  chunked?: boolean;
}

export interface ReceivedResponse {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  text: string;
}

export interface RequestCase {
  name: string;
  request(ctx: TableContext, fx: TableFixture): RequestSpec;
  expect: {
    status: number;
    /** Exact value, pattern, or null for "absent". */
    headers?: Record<string, string | RegExp | null> | ((ctx: TableContext) => Record<string, string | RegExp | null>);
    body?(res: ReceivedResponse, ctx: TableContext, fx: TableFixture): void;
  };
  /** Saves what later cases need. */
  remember?(res: ReceivedResponse, ctx: TableContext): void;
}

const PROBLEM = 'application/problem+json; charset=utf-8';
const HEX_ETAG = /^"[0-9a-f]{64}"$/;
const enc = new TextEncoder();
const json = (res: ReceivedResponse) => JSON.parse(res.text) as Record<string, any>;
const noStack = (res: ReceivedResponse) => expect(res.text).not.toMatch(/\bat \S+:\d+|node_modules|\.ts:\d+/);
const auth = (fx: TableFixture) => ({ authorization: `Bearer ${fx.token}` });
const httpDate = (ms: number) => new Date(ms).toUTCString();

/** A valid article newer than every fixture article. */
export const NEW_ARTICLE = {
  ...tableArticleInput(100),
  key: 'table-new',
  url: 'https://news.example.sa/2024/04/table-new',
  title: 'عاجل: افتتاح معرض الكتاب الدولي في القاهرة',
  categories: ['ثقافة'],
};

export const requestTable: RequestCase[] = [
  {
    name: 'GET rss: 200 with validators, caching and links',
    request: () => ({ path: '/feeds/all.rss' }),
    expect: {
      status: 200,
      headers: {
        'content-type': 'application/rss+xml; charset=utf-8',
        etag: HEX_ETAG,
        'last-modified': /^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT$/,
        'cache-control': 'public, max-age=300',
        vary: 'Accept, Accept-Encoding',
        link: /^<http:\/\/127\.0\.0\.1\/feeds\/all\.rss>; rel="self", <https:\/\/hub\.example\.net\/>; rel="hub"$/,
        'content-encoding': null,
      },
      body: (res) => {
        expect(res.text).toContain('<rss');
        expect(res.text).toContain('خبر الجدول رقم 24');
        expect(res.headers.get('content-length')).toBe(String(res.bytes.byteLength));
      },
    },
    remember: (res, ctx) => {
      ctx.rssEtag = res.headers.get('etag')!;
      ctx.rssLastModified = res.headers.get('last-modified')!;
      ctx.rssBody = Buffer.from(res.bytes).toString('base64');
    },
  },
  {
    name: 'GET atom: 200 application/atom+xml',
    request: () => ({ path: '/feeds/all.atom' }),
    expect: {
      status: 200,
      headers: { 'content-type': 'application/atom+xml; charset=utf-8', etag: HEX_ETAG },
      body: (res) => expect(res.text).toMatch(/<feed[^>]*xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/),
    },
  },
  {
    name: 'GET json: 200 application/feed+json, itemLimit items',
    request: () => ({ path: '/feeds/all.json' }),
    expect: {
      status: 200,
      headers: { 'content-type': 'application/feed+json; charset=utf-8', etag: HEX_ETAG },
      body: (res) => {
        const feed = json(res);
        expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
        expect(feed.items).toHaveLength(20);
      },
    },
  },
  {
    name: 'HEAD rss: same headers, no body',
    request: () => ({ method: 'HEAD', path: '/feeds/all.rss' }),
    expect: {
      status: 200,
      headers: (ctx) => ({ etag: ctx.rssEtag!, 'content-type': 'application/rss+xml; charset=utf-8' }),
      body: (res, ctx) => {
        expect(res.bytes.byteLength).toBe(0);
        expect(res.headers.get('content-length')).toBe(String(Buffer.from(ctx.rssBody!, 'base64').byteLength));
      },
    },
  },
  {
    name: 'a browser navigation gets the RSS bytes as application/xml (so its stylesheet applies)',
    request: () => ({ path: '/feeds/all.rss', headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } }),
    expect: {
      status: 200,
      headers: (ctx) => ({ 'content-type': 'application/xml; charset=utf-8', etag: ctx.rssEtag!, vary: 'Accept, Accept-Encoding' }),
      body: (res, ctx) => expect(Buffer.from(res.bytes).equals(Buffer.from(ctx.rssBody!, 'base64'))).toBe(true),
    },
  },
  {
    name: 'an aggregator naming the feed type gets application/rss+xml',
    request: () => ({ path: '/feeds/all.rss', headers: { accept: 'application/rss+xml, text/html;q=0.1' } }),
    expect: { status: 200, headers: { 'content-type': 'application/rss+xml; charset=utf-8' } },
  },
  {
    name: 'JSON Feed: Vary is Accept-Encoding only',
    request: () => ({ path: '/feeds/all.json', headers: { accept: 'text/html' } }),
    expect: { status: 200, headers: { 'content-type': 'application/feed+json; charset=utf-8', vary: 'Accept-Encoding' } },
  },
  {
    name: 'archive page: 200',
    request: () => ({ path: '/feeds/all/archive/1.rss' }),
    expect: { status: 200, headers: { 'content-type': 'application/rss+xml; charset=utf-8', etag: HEX_ETAG } },
  },
  {
    name: 'Arabic category feed path (percent-encoded): 200',
    request: () => ({ path: `/feeds/${encodeURIComponent('category-سياسه')}.atom` }),
    expect: { status: 200, body: (res) => expect(res.text).toContain('سياسة') },
  },
  {
    name: 'If-None-Match with the ETag: 304, no body',
    request: (ctx) => ({ path: '/feeds/all.rss', headers: { 'if-none-match': ctx.rssEtag! } }),
    expect: {
      status: 304,
      headers: (ctx) => ({ etag: ctx.rssEtag!, 'cache-control': 'public, max-age=300', 'content-type': null }),
      body: (res) => expect(res.bytes.byteLength).toBe(0),
    },
  },
  {
    name: 'If-None-Match weak and in a list: 304',
    request: (ctx) => ({ path: '/feeds/all.rss', headers: { 'if-none-match': `"nope", W/${ctx.rssEtag}` } }),
    expect: { status: 304 },
  },
  {
    name: 'If-None-Match *: 304',
    request: () => ({ path: '/feeds/all.rss', headers: { 'if-none-match': '*' } }),
    expect: { status: 304 },
  },
  {
    name: 'If-None-Match another ETag: 200',
    request: () => ({ path: '/feeds/all.rss', headers: { 'if-none-match': `"${'0'.repeat(64)}"` } }),
    expect: { status: 200 },
  },
  {
    name: 'If-Modified-Since equal to Last-Modified (>=): 304',
    request: (ctx) => ({ path: '/feeds/all.rss', headers: { 'if-modified-since': ctx.rssLastModified! } }),
    expect: { status: 304 },
  },
  {
    name: 'If-Modified-Since later, in RFC 850 form: 304 (compared as a date, not a string)',
    request: (ctx) => {
      const d = new Date(Date.parse(ctx.rssLastModified!) + 86_400_000);
      const rfc850 = d.toUTCString().replace(/^(\w{3}), (\d\d) (\w{3}) \d\d(\d\d)/, (_m, wd, dd, mon, yy) => {
        const days: Record<string, string> = {
          Sun: 'Sunday',
          Mon: 'Monday',
          Tue: 'Tuesday',
          Wed: 'Wednesday',
          Thu: 'Thursday',
          Fri: 'Friday',
          Sat: 'Saturday',
        };
        return `${days[wd]}, ${dd}-${mon}-${yy}`;
      });
      return { path: '/feeds/all.rss', headers: { 'if-modified-since': rfc850 } };
    },
    expect: { status: 304 },
  },
  {
    name: 'If-Modified-Since one second earlier: 200',
    request: (ctx) => ({
      path: '/feeds/all.rss',
      headers: { 'if-modified-since': httpDate(Date.parse(ctx.rssLastModified!) - 1000) },
    }),
    expect: { status: 200 },
  },
  {
    name: 'both headers, both match: 304',
    request: (ctx) => ({
      path: '/feeds/all.rss',
      headers: { 'if-none-match': ctx.rssEtag!, 'if-modified-since': ctx.rssLastModified! },
    }),
    expect: { status: 304 },
  },
  {
    name: 'both headers, date too old: 200',
    request: (ctx) => ({
      path: '/feeds/all.rss',
      headers: { 'if-none-match': ctx.rssEtag!, 'if-modified-since': httpDate(Date.parse(ctx.rssLastModified!) - 60_000) },
    }),
    expect: { status: 200 },
  },
  {
    name: 'gzip: compressed, Vary, decompresses to the identity bytes',
    request: () => ({ path: '/feeds/all.rss', headers: { 'accept-encoding': 'gzip, deflate' } }),
    expect: {
      status: 200,
      headers: { 'content-encoding': 'gzip', vary: /\bAccept-Encoding$/, etag: /^"[0-9a-f]{64}-gzip"$/ },
      body: (res, ctx) => {
        expect(gunzipSync(res.bytes).equals(Buffer.from(ctx.rssBody!, 'base64'))).toBe(true);
        expect(res.headers.get('content-length')).toBe(String(res.bytes.byteLength));
      },
    },
    remember: (res, ctx) => {
      ctx.gzipEtag = res.headers.get('etag')!;
    },
  },
  {
    name: 'br preferred by q-value: decompresses to the identity bytes',
    request: () => ({ path: '/feeds/all.rss', headers: { 'accept-encoding': 'gzip;q=0.5, br;q=0.9' } }),
    expect: {
      status: 200,
      headers: { 'content-encoding': 'br', vary: /\bAccept-Encoding$/ },
      body: (res, ctx) => {
        expect(brotliDecompressSync(res.bytes).equals(Buffer.from(ctx.rssBody!, 'base64'))).toBe(true);
      },
    },
  },
  {
    name: 'revalidating the gzip ETag: 304',
    request: (ctx) => ({ path: '/feeds/all.rss', headers: { 'accept-encoding': 'gzip', 'if-none-match': ctx.gzipEtag! } }),
    expect: { status: 304, headers: (ctx) => ({ etag: ctx.gzipEtag!, vary: 'Accept, Accept-Encoding' }) },
  },
  {
    name: 'gzip;q=0 refused: identity',
    request: () => ({ path: '/feeds/all.rss', headers: { 'accept-encoding': 'gzip;q=0' } }),
    expect: { status: 200, headers: (ctx) => ({ 'content-encoding': null, etag: ctx.rssEtag! }) },
  },
  {
    name: 'GET /: the index page',
    request: () => ({ path: '/' }),
    expect: {
      status: 200,
      headers: { 'content-type': /^text\/html; charset=utf-8$/i, etag: HEX_ETAG },
      body: (res) => {
        expect(res.text).toContain('نشرة الاختبار');
        expect(res.text).toMatch(/dir="rtl"/);
      },
    },
  },
  {
    name: 'GET /feed.css: the stylesheet',
    request: () => ({ path: '/feed.css' }),
    expect: { status: 200, headers: { 'content-type': /^text\/css; charset=utf-8$/i } },
  },
  {
    name: 'unknown path: 404 problem+json',
    request: () => ({ path: '/feeds/nope.rss' }),
    expect: {
      status: 404,
      headers: { 'content-type': PROBLEM },
      body: (res) => {
        expect(json(res)).toMatchObject({ status: 404, title: 'Not Found' });
        noStack(res);
      },
    },
  },
  {
    name: 'POST to a feed: 405 with Allow',
    request: () => ({ method: 'POST', path: '/feeds/all.rss', body: 'x', headers: { 'content-type': 'text/plain' } }),
    expect: { status: 405, headers: { allow: 'GET, HEAD, OPTIONS', 'content-type': PROBLEM } },
  },
  {
    name: 'GET /articles: 405 with Allow POST',
    request: () => ({ path: '/articles' }),
    expect: { status: 405, headers: { allow: 'POST' } },
  },
  {
    name: 'POST without a token: 401 with WWW-Authenticate',
    request: () => ({
      method: 'POST',
      path: '/articles',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(NEW_ARTICLE),
    }),
    expect: { status: 401, headers: { 'www-authenticate': /^Bearer realm=/, 'content-type': PROBLEM } },
  },
  {
    name: 'POST with a wrong token: 401',
    request: (_c, fx) => ({
      method: 'POST',
      path: '/articles',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${fx.token}x` },
      body: JSON.stringify(NEW_ARTICLE),
    }),
    expect: { status: 401 },
  },
  {
    name: 'POST application/xml: 415',
    request: (_c, fx) => ({ method: 'POST', path: '/articles', headers: { 'content-type': 'application/xml', ...auth(fx) }, body: '<a/>' }),
    expect: { status: 415, headers: { 'content-type': PROBLEM, 'accept-post': /application\/json/ } },
  },
  {
    name: 'POST over the limit (Content-Length): 413',
    request: (_c, fx) => ({
      method: 'POST',
      path: '/articles',
      headers: { 'content-type': 'application/json', ...auth(fx) },
      body: enc.encode(' '.repeat(fx.maxBodyBytes + 1)),
    }),
    expect: { status: 413, headers: { 'content-type': PROBLEM } },
  },
  {
    name: 'POST over the limit (streamed, no Content-Length): 413',
    request: (_c, fx) => ({
      method: 'POST',
      path: '/articles',
      headers: { 'content-type': 'application/x-ndjson', ...auth(fx) },
      body: enc.encode('\n'.repeat(fx.maxBodyBytes * 2)),
      chunked: true,
    }),
    expect: { status: 413, headers: { 'content-type': PROBLEM } },
  },
  {
    name: 'POST malformed JSON: 400 problem+json',
    request: (_c, fx) => ({
      method: 'POST',
      path: '/articles',
      headers: { 'content-type': 'application/json', ...auth(fx) },
      body: '{"title": ',
    }),
    expect: {
      status: 400,
      headers: { 'content-type': PROBLEM },
      body: (res) => {
        expect(json(res).errors[0]).toMatchObject({ path: '$', code: 'INVALID_JSON' });
        noStack(res);
      },
    },
  },
  {
    name: 'POST an article without a title: 422 problem+json naming $.title',
    request: (_c, fx) => ({
      method: 'POST',
      path: '/articles',
      headers: { 'content-type': 'application/json', ...auth(fx) },
      body: JSON.stringify({ ...NEW_ARTICLE, title: undefined }),
    }),
    expect: {
      status: 422,
      headers: { 'content-type': PROBLEM },
      body: (res) => {
        const p = json(res);
        expect(p).toMatchObject({ status: 422, type: 'urn:nashra:problem:invalid-article' });
        expect(p.errors).toEqual([expect.objectContaining({ path: '$.title', field: 'title', code: expect.any(String) })]);
        expect(p.errors[0].message.length).toBeGreaterThan(0);
        noStack(res);
      },
    },
  },
  {
    name: 'POST an article with an impossible date: 422 naming $.published with the date code',
    request: (_c, fx) => ({
      method: 'POST',
      path: '/articles',
      headers: { 'content-type': 'application/json', ...auth(fx) },
      body: JSON.stringify({ ...NEW_ARTICLE, published: '30 فبراير 2024' }),
    }),
    expect: {
      status: 422,
      body: (res) => {
        const e = json(res).errors;
        expect(e).toHaveLength(1);
        expect(e[0]).toMatchObject({ path: '$.published', field: 'published', code: 'INVALID_DAY' });
      },
    },
  },
  {
    name: 'POST a batch with one invalid: 207 stores the valid one and reports the other',
    request: (_c, fx) => ({
      method: 'POST',
      path: '/articles',
      headers: { 'content-type': 'application/x-ndjson', ...auth(fx) },
      body: [
        JSON.stringify({ ...tableArticleInput(99), key: 'batch-ok', url: 'https://news.example.sa/batch-ok', title: 'خبر الدفعة السليم' }),
        JSON.stringify({ url: 'ftp://x', title: 'بلا تاريخ' }),
      ].join('\n'),
    }),
    expect: {
      status: 207,
      headers: { 'content-type': /^application\/json/ },
      body: (res) => {
        const p = json(res);
        expect(p.results).toHaveLength(1);
        expect(p.results[0]).toMatchObject({ index: 0, status: 'created', article: { title: 'خبر الدفعة السليم' } });
        expect(p.errors.length).toBeGreaterThan(0);
        expect(p.errors.every((e: { path: string }) => e.path.startsWith('$[1]'))).toBe(true);
      },
    },
  },
  {
    name: 'the valid article of the mixed batch is in the feed, the rejected one is not',
    request: () => ({ path: '/feeds/all.rss' }),
    expect: {
      status: 200,
      body: (res) => {
        expect(res.text).toContain('خبر الدفعة السليم');
        expect(res.text).not.toContain('بلا تاريخ');
      },
    },
  },
  {
    name: 'POST a new article: 201 with the stored article',
    request: (_c, fx) => ({
      method: 'POST',
      path: '/articles',
      headers: { 'content-type': 'application/json; charset=utf-8', ...auth(fx) },
      body: JSON.stringify(NEW_ARTICLE),
    }),
    expect: {
      status: 201,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: (res) => {
        const r = json(res).results;
        expect(r).toHaveLength(1);
        expect(r[0]).toMatchObject({ status: 'created', article: { title: NEW_ARTICLE.title, direction: 'rtl' } });
      },
    },
    remember: (res, ctx) => {
      ctx.newId = json(res).results[0].id;
    },
  },
  {
    name: 'POST the same article again: 200 unchanged',
    request: (_c, fx) => ({
      method: 'POST',
      path: '/articles',
      headers: { 'content-type': 'application/json', ...auth(fx) },
      body: JSON.stringify(NEW_ARTICLE),
    }),
    expect: { status: 200, body: (res) => expect(json(res).results[0].status).toBe('unchanged') },
  },
  {
    name: 'the feed changed: the old ETag no longer matches, the new article is in',
    request: (ctx) => ({ path: '/feeds/all.rss', headers: { 'if-none-match': ctx.rssEtag! } }),
    expect: {
      status: 200,
      body: (res, ctx) => {
        expect(res.headers.get('etag')).not.toBe(ctx.rssEtag);
        expect(res.text).toContain(NEW_ARTICLE.title);
      },
    },
  },
  {
    name: 'the feed changed: the old If-Modified-Since no longer matches',
    request: (ctx) => ({ path: '/feeds/all.rss', headers: { 'if-modified-since': ctx.rssLastModified! } }),
    expect: { status: 200 },
  },
  {
    name: "the new article's category feed exists",
    request: () => ({ path: `/feeds/${encodeURIComponent('category-ثقافه')}.json` }),
    expect: { status: 200, body: (res) => expect(json(res).items[0].title).toBe(NEW_ARTICLE.title) },
  },
  {
    name: 'POST NDJSON with two articles: 201, two results',
    request: (_c, fx) => ({
      method: 'POST',
      path: '/articles',
      headers: { 'content-type': 'application/x-ndjson', ...auth(fx) },
      body: `${[101, 102].map((n) => JSON.stringify(tableArticleInput(n))).join('\n')}\n`,
    }),
    expect: {
      status: 201,
      body: (res) => expect(json(res).results.map((r: { status: string }) => r.status)).toEqual(['created', 'created']),
    },
  },
  {
    name: 'POST page text: 201, title and date read from the page',
    request: (_c, fx) => ({
      method: 'POST',
      path: '/articles',
      headers: { 'content-type': 'text/plain; charset=utf-8', ...auth(fx) },
      body: PAGE_TEXT,
    }),
    expect: {
      status: 201,
      body: (res) => {
        const a = json(res).results[0].article;
        expect(a.title).toBe('وزير الطاقة يعلن خطة جديدة للطاقة المتجددة');
        expect(a.published.normalized.date).toBe('2024-04-30');
      },
    },
  },
  {
    name: 'the page-text article is in the feed',
    request: () => ({ path: '/feeds/all.atom' }),
    expect: { status: 200, body: (res) => expect(res.text).toContain('وزير الطاقة يعلن خطة جديدة للطاقة المتجددة') },
  },
  {
    name: 'the oldest archive page before a backdated article arrives',
    request: () => ({ path: '/feeds/all/archive/1.rss' }),
    expect: { status: 200, body: (res) => expect(res.text).not.toContain('خبر بتاريخ قديم يضاف متأخرا') },
    remember: (res, ctx) => {
      ctx.archiveLastModified = res.headers.get('last-modified')!;
    },
  },
  {
    name: 'POST a backdated article: 201',
    request: (_c, fx) => ({
      method: 'POST',
      path: '/articles',
      headers: { 'content-type': 'application/json', ...auth(fx) },
      body: JSON.stringify({
        ...tableArticleInput(-50),
        categories: ['سياسة'],
        key: 'table-backdated',
        url: 'https://news.example.sa/2024/03/backdated',
        title: 'خبر بتاريخ قديم يضاف متأخرا',
      }),
    }),
    expect: { status: 201 },
  },
  {
    name: 'changed without a newer item: Last-Modified moved forward, so the old If-Modified-Since gives 200',
    request: (ctx) => ({ path: '/feeds/all/archive/1.rss', headers: { 'if-modified-since': ctx.archiveLastModified! } }),
    expect: {
      status: 200,
      body: (res, ctx) => {
        expect(res.text).toContain('خبر بتاريخ قديم يضاف متأخرا');
        expect(Date.parse(res.headers.get('last-modified')!)).toBeGreaterThan(Date.parse(ctx.archiveLastModified!));
      },
    },
  },
  {
    name: 'DELETE an article without a token: 401',
    request: (ctx) => ({ method: 'DELETE', path: `/articles/${encodeURIComponent(ctx.newId!)}` }),
    expect: { status: 401, headers: { 'www-authenticate': /^Bearer / } },
  },
  {
    name: 'DELETE an article: 204',
    request: (ctx, fx) => ({ method: 'DELETE', path: `/articles/${encodeURIComponent(ctx.newId!)}`, headers: auth(fx) }),
    expect: { status: 204, body: (res) => expect(res.bytes.byteLength).toBe(0) },
  },
  {
    name: 'the deleted article is gone from the feed',
    request: () => ({ path: '/feeds/all.atom' }),
    expect: { status: 200, body: (res) => expect(res.text).not.toContain(NEW_ARTICLE.title) },
  },
  {
    name: "the deleted article's emptied category feed is removed: 410 Gone (it was published), problem+json, readable cross-origin",
    request: () => ({ path: `/feeds/${encodeURIComponent('category-ثقافه')}.json`, headers: { origin: 'https://reader.example' } }),
    expect: {
      status: 410,
      headers: { 'content-type': PROBLEM, 'access-control-allow-origin': '*' },
      body: (res) => expect(json(res)).toMatchObject({ status: 410, title: 'Gone' }),
    },
  },
  {
    name: "the emptied feed's other formats are gone too",
    request: () => ({ path: `/feeds/${encodeURIComponent('category-ثقافه')}.rss` }),
    expect: { status: 410 },
  },
  {
    name: 'a feed path never published stays 404',
    request: () => ({ path: `/feeds/${encodeURIComponent('category-لم-تنشر')}.json` }),
    expect: { status: 404, headers: { 'content-type': PROBLEM } },
  },
  {
    name: 'DELETE an unknown article: 404',
    request: (_c, fx) => ({ method: 'DELETE', path: '/articles/no-such-article', headers: auth(fx) }),
    expect: { status: 404, headers: { 'content-type': PROBLEM } },
  },
  {
    name: 'GET /articles/<id>: 405 with Allow DELETE',
    request: () => ({ path: '/articles/anything' }),
    expect: { status: 405, headers: { allow: 'DELETE' } },
  },
  {
    name: 'GET a feed from another origin: Access-Control-Allow-Origin *, validators and Link exposed',
    request: () => ({ path: '/feeds/all.json', headers: { origin: 'https://reader.example' } }),
    expect: {
      status: 200,
      headers: { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'ETag, Last-Modified, Link' },
    },
    remember: (res, ctx) => {
      ctx.jsonEtag = res.headers.get('etag')!;
    },
  },
  {
    name: 'a 304 carries Access-Control-Allow-Origin too (a web reader revalidating)',
    request: (ctx) => ({ path: '/feeds/all.json', headers: { 'if-none-match': ctx.jsonEtag!, origin: 'https://reader.example' } }),
    expect: { status: 304, headers: { 'access-control-allow-origin': '*' } },
  },
  {
    name: 'the index, feeds.opml and the stylesheet are readable cross-origin too',
    request: () => ({ path: '/', headers: { origin: 'https://reader.example' } }),
    expect: { status: 200, headers: { 'access-control-allow-origin': '*', 'content-type': /^text\/html/ } },
  },
  {
    name: 'feeds.opml: Access-Control-Allow-Origin *',
    request: () => ({ path: '/feeds.opml' }),
    expect: { status: 200, headers: { 'access-control-allow-origin': '*' } },
  },
  {
    name: 'feed.css: Access-Control-Allow-Origin *',
    request: () => ({ path: '/feed.css' }),
    expect: { status: 200, headers: { 'access-control-allow-origin': '*' } },
  },
  {
    name: 'a CORS preflight on a feed: 204, GET/HEAD and the conditional headers allowed, cached a day',
    request: () => ({
      method: 'OPTIONS',
      path: '/feeds/all.rss',
      headers: {
        origin: 'https://reader.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'if-none-match',
      },
    }),
    expect: {
      status: 204,
      headers: {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET, HEAD, OPTIONS',
        'access-control-allow-headers': /If-None-Match/,
        'access-control-max-age': '86400',
      },
      body: (res) => expect(res.bytes.byteLength).toBe(0),
    },
  },
  {
    name: 'the ingest endpoint gets no CORS header (its bearer token is for publishing tools, not web pages)',
    request: (_c, fx) => ({
      method: 'POST',
      path: '/articles',
      headers: { 'content-type': 'application/json', origin: 'https://reader.example', ...auth(fx) },
      body: JSON.stringify(tableArticleInput(1)),
    }),
    expect: { status: 200, headers: { 'access-control-allow-origin': null } },
  },
  {
    name: 'a CORS preflight on the ingest endpoint is not approved',
    request: () => ({
      method: 'OPTIONS',
      path: '/articles',
      headers: {
        origin: 'https://reader.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    }),
    expect: { status: 405, headers: { 'access-control-allow-origin': null, 'access-control-allow-methods': null } },
  },
  {
    name: 'an archive page is cached a day (it changes only when an old item does); the current page keeps its short max-age',
    request: () => ({ path: '/feeds/all/archive/1.atom' }),
    expect: { status: 200, headers: { 'cache-control': 'public, max-age=86400', 'access-control-allow-origin': '*' } },
  },
];

/** A saved news page, as text: URL header, date line, title, paragraphs. */
export const PAGE_TEXT = [
  'url: https://news.example.sa/2024/04/energy-plan',
  '---',
  'الثلاثاء 30 أبريل 2024',
  '',
  'وزير الطاقة يعلن خطة جديدة للطاقة المتجددة',
  '',
  'أعلن وزير الطاقة اليوم عن خطة وطنية جديدة لتوسيع مشاريع الطاقة الشمسية وطاقة الرياح.',
  '',
  'وقال الوزير في مؤتمر صحفي إن الخطة تستهدف رفع حصة الطاقة المتجددة خلال السنوات الخمس المقبلة.',
  '',
].join('\n');

/** Builds the web Request for a case (the same for every adapter). */
export function buildRequest(spec: RequestSpec): Request {
  const headers = new Headers(spec.headers);
  let body: BodyInit | undefined;
  if (spec.body !== undefined) {
    const bytes = typeof spec.body === 'string' ? enc.encode(spec.body) : spec.body;
    if (spec.chunked) {
      body = new ReadableStream<Uint8Array>({
        start(c) {
          for (let i = 0; i < bytes.byteLength; i += 16 * 1024) c.enqueue(bytes.slice(i, i + 16 * 1024));
          c.close();
        },
      });
    } else {
      headers.set('content-length', String(bytes.byteLength));
      body = bytes as Uint8Array<ArrayBuffer>;
    }
  }
  return new Request(`http://127.0.0.1${spec.path}`, {
    method: spec.method ?? 'GET',
    headers,
    ...(body === undefined ? {} : { body, duplex: 'half' }),
  } as RequestInit);
}

/** Runs one case and asserts its expectations (throws on the first mismatch). */
export async function runRequestCase(
  fetchLike: (request: Request) => Promise<Response>,
  c: RequestCase,
  ctx: TableContext,
  fx: TableFixture,
): Promise<void> {
  const response = await fetchLike(buildRequest(c.request(ctx, fx)));
  const bytes = new Uint8Array(await response.arrayBuffer());
  const res: ReceivedResponse = { status: response.status, headers: response.headers, bytes, text: new TextDecoder().decode(bytes) };
  expect(res.status, `${c.name}: status (body ${res.text.slice(0, 300)})`).toBe(c.expect.status);
  const wanted = typeof c.expect.headers === 'function' ? c.expect.headers(ctx) : (c.expect.headers ?? {});
  for (const [name, want] of Object.entries(wanted)) {
    const got = res.headers.get(name);
    if (want === null) expect(got, `${c.name}: ${name} absent`).toBeNull();
    else if (want instanceof RegExp) expect(got ?? '', `${c.name}: ${name}`).toMatch(want);
    else expect(got, `${c.name}: ${name}`).toBe(want);
  }
  c.expect.body?.(res, ctx, fx);
  c.remember?.(res, ctx);
}

/**
 * Runs the whole table, in order, through `fetchLike` against a fresh fixture; returns one entry per
 * case with the error, if any. Adapter-agnostic: pass `app.fetch`, a socket client, or a Lambda wrapper.
 *
 * @example
 * const fx = await createTableFixture();
 * const results = await runRequestTable(fx.createApp().fetch, fx);
 * results.filter((r) => r.error) //=> []
 */
export async function runRequestTable(
  fetchLike: (request: Request) => Promise<Response>,
  fx: TableFixture,
): Promise<Array<{ name: string; error?: unknown }>> {
  const ctx: TableContext = {};
  const results: Array<{ name: string; error?: unknown }> = [];
  for (const c of requestTable) {
    try {
      await runRequestCase(fetchLike, c, ctx, fx);
      results.push({ name: c.name });
    } catch (error) {
      results.push({ name: c.name, error });
    }
  }
  return results;
}
