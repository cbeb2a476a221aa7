// The rebuild and serve handlers on dynalite + s3rver: a full re-render that rewrites nothing the second time; the read-only HTTP core.
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  const result = (await serve(await apiGatewayV2EventFrom(new Request(`http://x${path}`, { headers })))) as APIGatewayProxyStructuredResultV2;
  return responseFromApiGatewayV2(result);
}

describe('rebuild handler', () => {
  it('renders every feed, the index and the stylesheet to S3', async () => {
    const result = await rebuild({ source: 'aws.events', 'detail-type': 'Scheduled Event' });
    const keys = await cloud.listKeys();
    expect(keys).toEqual(expect.arrayContaining(['index.html', 'feed.css', 'feeds/all.rss', 'feeds/category-ثقافة.atom', 'feeds/category-اقتصاد.json']));
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
  it('serves a feed from the table under CloudFront\'s /api prefix, with validators', async () => {
    const res = await get('/api/feeds/all.rss');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{64}"$/);
    const body = await res.text();
    for (const a of articles) expect(body).toContain(a.title);
    expect(body).toContain('https://feeds.nashra.test/feeds/all.rss');
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
      await apiGatewayV2EventFrom(new Request('http://x/api/articles', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })),
    )) as APIGatewayProxyStructuredResultV2;
    expect(post.statusCode).toBe(405);
    expect(await cloud.store.get('x')).toBeUndefined();
    expect((await get('/api/feeds/nope.rss')).status).toBe(404);
  });
});
