// The rebuild and serve handlers on dynalite + s3rver: a full re-render that rewrites nothing the second time; serve over the published documents.
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestArticle } from '../support/article-factory.ts';
import { startCloudFixture, type CloudFixture } from './cloud-fixture.ts';
import { apiGatewayV2EventFrom, responseFromApiGatewayV2 } from './lambda-events.ts';

let cloud: CloudFixture;
let rebuild: typeof import('../../lambda/handlers/rebuild.ts').handler;
let serve: typeof import('../../lambda/handlers/serve.ts').handler;
const articles = [
  createTestArticle({ title: 'افتتاح معرض الرياض الدولي للكتاب', categories: ['ثقافة'] }),
  createTestArticle({ title: 'البنك المركزي يثبت أسعار الفائدة', categories: ['اقتصاد'] }),
];

beforeAll(async () => {
  cloud = await startCloudFixture();
  for (const a of articles) await cloud.store.put(a);
  ({ handler: rebuild } = await import('../../lambda/handlers/rebuild.ts'));
  ({ handler: serve } = await import('../../lambda/handlers/serve.ts'));
});
afterAll(() => cloud?.stop());

async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  const result = (await serve(
    await apiGatewayV2EventFrom(new Request(`http://x${path}`, { headers })),
  )) as APIGatewayProxyStructuredResultV2;
  return responseFromApiGatewayV2(result);
}

describe('rebuild handler', () => {
  it('renders every feed, the index and the stylesheet to S3', async () => {
    const result = await rebuild({ source: 'aws.events', 'detail-type': 'Scheduled Event' });
    const keys = await cloud.listKeys();
    expect(keys).toEqual(
      expect.arrayContaining(['index.html', 'feed.css', 'feeds/all.rss', 'feeds/category-ثقافه.atom', 'feeds/category-اقتصاد.json']),
    );
    expect(result.written).toBe(keys.length);
    expect(result.documents).toBe(keys.length);
    const index = await cloud.getObject('index.html');
    expect(index.contentType).toBe('text/html; charset=utf-8');
    expect(index.body.toString('utf8')).toContain('https://feeds.nashra.test/feeds/all.rss');
  });
  it('run again on an unchanged table, it writes nothing', async () => {
    const result = await rebuild({});
    expect(result.written).toBe(0);
    expect(result.removed).toBe(0);
  });
});

describe('serve handler', () => {
  it("serves the published feed from the bucket under CloudFront's /api prefix, byte for byte, with validators", async () => {
    const res = await get('/api/feeds/all.rss');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    const published = await cloud.getObject('feeds/all.rss');
    expect(res.headers.get('etag')).toBe(`"${published.metadata.sha256}"`);
    expect(Buffer.from(await res.arrayBuffer()).equals(published.body)).toBe(true);
    const body = published.body.toString('utf8');
    for (const a of articles) expect(body).toContain(a.title);
  });
  it('answers 304 to a revalidation, and gzip when asked', async () => {
    const first = await get('/api/feeds/all.atom');
    const etag = first.headers.get('etag')!;
    expect((await get('/api/feeds/all.atom', { 'if-none-match': etag })).status).toBe(304);
    const gz = await get('/api/feeds/all.atom', { 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
  });
  it('serves the index at / and refuses writes (405), unknown paths 404', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    const post = (await serve(
      await apiGatewayV2EventFrom(
        new Request('http://x/api/articles', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }),
      ),
    )) as APIGatewayProxyStructuredResultV2;
    expect(post.statusCode).toBe(405);
    expect(await cloud.store.get('x')).toBeUndefined();
    expect((await get('/api/feeds/nope.rss')).status).toBe(404);
  });
  it('answers 404, not 503, for paths outside the published documents (which serve may not read) and malformed ones', async () => {
    // In AWS these would be AccessDenied for serve (403 from S3, a 503 here if asked): they are never asked.
    for (const p of [
      '/api/incoming/today.ndjson',
      '/api/rejected/x.json',
      '/api/feeds//all.rss',
      '/api/feeds/%2E%2E/incoming/today.ndjson',
      '/api/nashra.config.json',
    ]) {
      expect((await get(p)).status, p).toBe(404);
    }
  });
  it('answers a path from its cache within the minute: a newer object in the bucket shows after the window', async () => {
    const before = await get('/api/feeds/category-ثقافه.json');
    expect(before.status).toBe(200);
    await cloud.putObject('feeds/category-ثقافه.json', '{"version":"https://jsonfeed.org/version/1.1","items":[]}');
    const again = await get('/api/feeds/category-ثقافه.json');
    expect(again.headers.get('etag')).toBe(before.headers.get('etag'));
    expect(await again.text()).toBe(await before.text());
  });
});

describe('serve handler, bucket unreachable', () => {
  it('answers 503 with Retry-After and no-store, not a 500 or a 404', async () => {
    vi.resetModules();
    const saved = process.env.AWS_ENDPOINT_URL_S3;
    // A port nothing listens on: the connection is refused at once.
    process.env.AWS_ENDPOINT_URL_S3 = 'http://127.0.0.1:9';
    try {
      const { handler: down } = await import('../../lambda/handlers/serve.ts');
      const result = (await down(
        await apiGatewayV2EventFrom(new Request('http://x/api/feeds/all.rss')),
      )) as APIGatewayProxyStructuredResultV2;
      expect(result.statusCode).toBe(503);
      expect(result.headers?.['retry-after']).toBe('5');
      expect(result.headers?.['cache-control']).toBe('no-store');
      expect(JSON.parse(String(result.body)).status).toBe(503);
    } finally {
      process.env.AWS_ENDPOINT_URL_S3 = saved;
    }
  });
});

describe('rebuild handler, after a delete in the table', () => {
  it('a fresh run removes the feed that lost its last article (known from the published summaries) and rewrites what changed', async () => {
    const gone = articles[1]!;
    await cloud.store.delete(gone.id);
    const before = await cloud.listKeys();
    const result = await rebuild({});
    const after = await cloud.listKeys();
    const removed = before.filter((k) => !after.includes(k));
    expect(removed).toEqual(
      expect.arrayContaining(['feeds/category-اقتصاد.rss', 'feeds/category-اقتصاد.atom', 'feeds/category-اقتصاد.json']),
    );
    expect(after.filter((k) => k.startsWith('feeds/category-اقتصاد'))).toEqual([]);
    expect(result.removed).toBe(removed.length);
    expect(result.written).toBeGreaterThan(0);
    expect(result.documents).toBe(after.length);
    const all = (await cloud.getObject('feeds/all.rss')).body.toString('utf8');
    expect(all).toContain(articles[0]!.title);
    expect(all).not.toContain(gone.title);
    const summaries = (await cloud.getObject('feeds/_site/feed-summaries.json')).body.toString('utf8');
    expect(summaries).not.toContain('اقتصاد');
  });
});
