// Unit tests of the HTTP core against a tiny in-test site double (the real site runs in tests/http-table).
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../../lambda/core/articles/article.ts';
import { createApp, type AppSite } from '../../../lambda/core/http/create-app.ts';
import type { IngestInput, IngestReport } from '../../../lambda/core/site/site-service.ts';
import type { FeedDocument } from '../../../lambda/core/feeds/feed-document.ts';
import { createTestDocument } from '../../adapters/feed-document-factory.ts';

function fakeSite(report: Partial<IngestReport> | Error = {}) {
  const docs = new Map<string, FeedDocument>([
    ['feeds/all.rss', createTestDocument('feeds/all.rss', '<rss>خبر</rss>'.repeat(200), { lastModified: '2024-04-29T08:00:00Z' })],
    ['index.html', createTestDocument('index.html', '<html></html>', { lastModified: undefined })],
  ]);
  const calls: IngestInput[] = [];
  const site: AppSite = {
    getDocument: (p) => docs.get(p),
    async ingest(input) {
      calls.push(input);
      if (report instanceof Error) throw report;
      return { results: [], errors: [], valid: [], renderedFeeds: [], ...report };
    },
  };
  return { site, calls };
}

const config = { baseUrl: 'https://news.example/', hub: 'https://hub.example/' };
const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request('http://x/articles', {
    method: 'POST',
    body,
    headers: { authorization: 'Bearer tok', 'content-type': 'application/json', ...headers },
    duplex: 'half',
  } as RequestInit);

describe('createApp (site double)', () => {
  it('a base URL with a path (/news/): served whether the proxy strips it or not; /news redirects to /news/; self links carry it', async () => {
    const { site } = fakeSite();
    const app = createApp({ site, config: { baseUrl: 'https://example.org/news/' } });
    const stripped = await app.fetch(new Request('http://x/feeds/all.rss'));
    const kept = await app.fetch(new Request('http://x/news/feeds/all.rss'));
    expect([stripped.status, kept.status]).toEqual([200, 200]);
    expect(kept.headers.get('etag')).toBe(stripped.headers.get('etag'));
    expect(kept.headers.get('link')).toBe('<https://example.org/news/feeds/all.rss>; rel="self"');
    expect((await app.fetch(new Request('http://x/news/'))).status).toBe(200);
    const bare = await app.fetch(new Request('http://x/news'));
    expect([bare.status, bare.headers.get('location')]).toEqual([301, '/news/']);
    expect((await app.fetch(new Request('http://x/newsfeeds/all.rss'))).status).toBe(404);
  });

  it('410 Gone for a path the site says it removed, 404 for one it never published', async () => {
    const { site } = fakeSite();
    const app = createApp({ site: { ...site, wasRemoved: (p) => p === 'feeds/category-old.rss' }, config });
    const gone = await app.fetch(new Request('http://x/feeds/category-old.rss'));
    expect(gone.status).toBe(410);
    expect(await gone.json()).toMatchObject({ status: 410, title: 'Gone', instance: '/feeds/category-old.rss' });
    expect((await app.fetch(new Request('http://x/feeds/category-never.rss'))).status).toBe(404);
  });

  it('serves a document with validators, links and gzip that decompresses to the same bytes', async () => {
    const { site } = fakeSite();
    const app = createApp({ site, config });
    const plain = await app.fetch(new Request('http://x/feeds/all.rss'));
    expect(plain.status).toBe(200);
    const ident = new Uint8Array(await plain.arrayBuffer());
    expect(plain.headers.get('etag')).toBe(`"${(await site.getDocument('feeds/all.rss'))!.hash}"`);
    expect(plain.headers.get('last-modified')).toBe('Mon, 29 Apr 2024 08:00:00 GMT');
    expect(plain.headers.get('link')).toBe('<https://news.example/feeds/all.rss>; rel="self", <https://hub.example/>; rel="hub"');
    const gz = await app.fetch(new Request('http://x/feeds/all.rss', { headers: { 'accept-encoding': 'gzip' } }));
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('vary')).toBe('Accept, Accept-Encoding');
    expect(gz.headers.get('etag')).not.toBe(plain.headers.get('etag'));
    expect(Buffer.from(gunzipSync(new Uint8Array(await gz.arrayBuffer())))).toEqual(Buffer.from(ident));
    const reval = await app.fetch(new Request('http://x/feeds/all.rss', { headers: { 'if-none-match': gz.headers.get('etag')! } }));
    expect(reval.status).toBe(304);
    expect(await reval.text()).toBe('');
  });

  it('answers 404, 405 with Allow, and never leaks a stack', async () => {
    const { site } = fakeSite(new Error('disk on fire at /secret/path.ts:12'));
    const logged: string[] = [];
    const app = createApp({ site, config, onError: (_e, id) => logged.push(id) });
    const nf = await app.fetch(new Request('http://x/nope'));
    expect(nf.status).toBe(404);
    expect(nf.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    const na = await app.fetch(new Request('http://x/feeds/all.rss', { method: 'DELETE' }));
    expect([na.status, na.headers.get('allow')]).toEqual([405, 'GET, HEAD, OPTIONS']);
    const na2 = await app.fetch(new Request('http://x/articles'));
    expect([na2.status, na2.headers.get('allow')]).toEqual([405, 'POST']);
    const boom = await app.fetch(post('{}'));
    expect(boom.status).toBe(500);
    const text = await boom.text();
    expect(text).not.toMatch(/secret|disk on fire|at /);
    expect(JSON.parse(text).correlationId).toBe(logged[0]);
    expect(boom.headers.get('x-correlation-id')).toBe(logged[0]);
  });

  it('guards POST /articles: 401, 415, 413 by header and by streamed size', async () => {
    const { site, calls } = fakeSite();
    const app = createApp({ site, config, auth: { token: 'tok' }, maxBodyBytes: 100 });
    const noAuth = await app.fetch(post('{}', { authorization: '' }));
    expect(noAuth.status).toBe(401);
    expect(noAuth.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect((await app.fetch(post('{}', { authorization: 'Bearer tok2' }))).status).toBe(401);
    const bad = await app.fetch(post('<x/>', { 'content-type': 'application/xml' }));
    expect([bad.status, bad.headers.get('accept-post')]).toEqual([415, 'application/json, application/x-ndjson, text/plain, text/html']);
    expect((await app.fetch(post('x'.repeat(101)))).status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 10; i++) c.enqueue(new Uint8Array(30));
        c.close();
      },
    });
    expect((await app.fetch(post(stream))).status).toBe(413);
    expect(calls).toHaveLength(0);
  });

  it('maps the ingest report to 201/200, 400 and 422 problems', async () => {
    const article = { id: 'a1', title: 't' } as Article;
    const created = createApp({ site: fakeSite({ results: [{ index: 0, status: 'created', article, warnings: [] }] }).site, config });
    const r1 = await created.fetch(post('{}'));
    expect(r1.status).toBe(201);
    expect((await r1.json()).results[0]).toMatchObject({ status: 'created', id: 'a1' });
    const same = createApp({ site: fakeSite({ results: [{ index: 0, status: 'unchanged', article, warnings: [] }] }).site, config });
    expect((await same.fetch(post('{}'))).status).toBe(200);
    const err = { path: '$[1].published', field: 'published', code: 'NO_DATE', message: 'no date' };
    const invalid = createApp({ site: fakeSite({ errors: [err] }).site, config });
    const r3 = await invalid.fetch(post('[]'));
    expect(r3.status).toBe(422);
    expect(r3.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(await r3.json()).toMatchObject({ status: 422, errors: [err] });
    const mixed = createApp({
      site: fakeSite({ results: [{ index: 0, status: 'created', article, warnings: [] }], errors: [err], valid: [{ index: 0, id: 'a1' }] })
        .site,
      config,
    });
    const r5 = await mixed.fetch(post('[]'));
    expect(r5.status).toBe(207);
    expect(await r5.json()).toMatchObject({ results: [{ index: 0, status: 'created', id: 'a1' }], errors: [err] });
    const malformed = { path: '$', field: '', code: 'INVALID_JSON', message: 'Unexpected token' };
    const r4 = await createApp({ site: fakeSite({ errors: [malformed] }).site, config }).fetch(post('{'));
    expect(r4.status).toBe(400);
    expect((await r4.json()).errors[0].code).toBe('INVALID_JSON');
  });
});
