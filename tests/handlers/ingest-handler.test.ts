// The ingest handler on dynalite + s3rver: POST /articles as API Gateway v2 events, and S3 incoming/ ObjectCreated events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { tableArticleInput } from '../http-table/table-fixture.ts';
import { startCloudFixture, type CloudFixture } from './cloud-fixture.ts';
import { apiGatewayV2EventFrom, s3PutEvent } from './lambda-events.ts';

let cloud: CloudFixture;
let handler: typeof import('../../lambda/handlers/ingest.ts').handler;
/** EMF metric lines printed by Powertools during the test: kept here for the assertions, not passed on to the test output. */
const emf: Array<Record<string, unknown>> = [];
const realWrite = process.stdout.write.bind(process.stdout);

beforeAll(async () => {
  cloud = await startCloudFixture({ POWERTOOLS_METRICS_DISABLED: 'false' });
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const other: string[] = [];
    for (const line of text.split('\n')) {
      if (line.includes('"CloudWatchMetrics"')) emf.push(JSON.parse(line) as Record<string, unknown>);
      else other.push(line);
    }
    const kept = other.join('\n');
    return kept === '' ? true : (realWrite as (...a: unknown[]) => boolean)(kept, ...rest);
  }) as typeof process.stdout.write;
  ({ handler } = await import('../../lambda/handlers/ingest.ts'));
});

afterAll(async () => {
  process.stdout.write = realWrite;
  await cloud?.stop();
});

const article = (n: number, extra: Record<string, unknown> = {}) => ({ ...tableArticleInput(n), ...extra });
const metric = (name: string) => emf.reduce((sum, m) => sum + (typeof m[name] === 'number' ? (m[name] as number) : 0), 0);

async function post(body: string, contentType = 'application/json'): Promise<APIGatewayProxyStructuredResultV2 & { json: any }> {
  const event = await apiGatewayV2EventFrom(
    new Request('http://x/articles', { method: 'POST', body, headers: { 'content-type': contentType } }),
  );
  const result = (await handler(event)) as APIGatewayProxyStructuredResultV2;
  return {
    ...result,
    json: result.body ? JSON.parse(result.isBase64Encoded ? Buffer.from(result.body, 'base64').toString('utf8') : result.body) : undefined,
  };
}

describe('ingest handler: POST /articles (API Gateway v2)', () => {
  let storedId: string;

  it('stores a valid article: 201 with the stored article, in the table, and no feed written', async () => {
    const res = await post(JSON.stringify(article(1)));
    expect(res.statusCode).toBe(201);
    expect(res.headers?.['content-type']).toBe('application/json; charset=utf-8');
    storedId = res.json.results[0].id as string;
    const stored = await cloud.store.get(storedId);
    expect(stored?.title).toBe(article(1).title);
    expect(await cloud.listKeys('feeds/')).toEqual([]);
    expect(await cloud.listKeys('index.html')).toEqual([]);
  });

  it('the same article again is 200 "unchanged"', async () => {
    const res = await post(JSON.stringify(article(1)));
    expect(res.statusCode).toBe(200);
    expect(res.json.results[0]).toMatchObject({ id: storedId, status: 'unchanged' });
  });

  it('NDJSON with one bad article: 207, the valid one stored, the bad one reported by field', async () => {
    const body = [JSON.stringify(article(2)), JSON.stringify(article(3, { published: 'ليس تاريخا' }))].join('\n');
    const res = await post(body, 'application/x-ndjson');
    expect(res.statusCode).toBe(207);
    expect(res.json.errors.some((e: { path: string }) => e.path.startsWith('$[1].published'))).toBe(true);
    const page = await cloud.store.listFeed('all', { limit: 100 });
    expect(page.items.map((a) => a.title).sort()).toEqual([article(1).title, article(2).title].sort());
  });

  it('a body where nothing is valid: 422 problem+json, nothing stored', async () => {
    const res = await post(JSON.stringify(article(8, { url: 'not a url' })));
    expect(res.statusCode).toBe(422);
    expect(res.headers?.['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.json.errors.some((e: { path: string }) => e.path.includes('url'))).toBe(true);
    expect((await cloud.store.listFeed('all', { limit: 100 })).items).toHaveLength(2);
  });

  it('unsupported media type is 415; the ingest function serves no documents (404)', async () => {
    expect((await post('<x/>', 'application/xml')).statusCode).toBe(415);
    const get = (await handler(await apiGatewayV2EventFrom(new Request('http://x/feeds/all.rss')))) as APIGatewayProxyStructuredResultV2;
    expect(get.statusCode).toBe(404);
  });

  it('emits ArticlesIngested and ArticlesRejected metrics', () => {
    expect(metric('ArticlesIngested')).toBe(2);
    expect(metric('ArticlesRejected')).toBe(2);
  });
});

describe('ingest handler: S3 incoming/ objects', () => {
  it('an accepted file (Arabic name) is stored and moved to processed/', async () => {
    const body = [JSON.stringify(article(4)), JSON.stringify(article(5))].join('\n');
    await cloud.putObject('incoming/نشرة اليوم.ndjson', body);
    const result = await handler(s3PutEvent(cloud.s3.bucket, 'incoming/نشرة اليوم.ndjson', body.length));
    expect(result).toEqual({ processed: 1, rejected: 0 });
    expect(await cloud.listKeys('incoming/')).toEqual([]);
    expect((await cloud.getObject('processed/نشرة اليوم.ndjson')).body.toString('utf8')).toBe(body);
    const titles = (await cloud.store.listFeed('all', { limit: 100 })).items.map((a) => a.title);
    expect(titles).toEqual(expect.arrayContaining([article(4).title, article(5).title]));
  });

  it('a file with an invalid article (name with a space) moves to rejected/ with its errors beside it; its valid article is stored', async () => {
    const before = (await cloud.store.listFeed('all', { limit: 100 })).items.length;
    const body = JSON.stringify([article(6), article(7, { url: 'not a url' })]);
    await cloud.putObject('incoming/bad batch.json', body);
    const result = await handler(s3PutEvent(cloud.s3.bucket, 'incoming/bad batch.json', body.length));
    expect(result).toEqual({ processed: 0, rejected: 1 });
    expect(await cloud.listKeys('incoming/')).toEqual([]);
    expect((await cloud.getObject('rejected/bad batch.json')).body.toString('utf8')).toBe(body);
    const report = JSON.parse((await cloud.getObject('rejected/bad batch.json.errors.json')).body.toString('utf8'));
    expect(report.errors.errors.some((e: { path: string }) => e.path.startsWith('$[1].url'))).toBe(true);
    expect(report.errors.stored).toEqual([expect.objectContaining({ index: 0, status: 'created' })]);
    expect((await cloud.store.listFeed('all', { limit: 100 })).items.length).toBe(before + 1);
  });

  it('a file of 2,000 empty objects gets an errors.json with the first 100 errors and a count of the rest', async () => {
    const body = `[${Array(2000).fill('{}').join(',')}]`;
    const rejectedBefore = metric('ArticlesRejected');
    await cloud.putObject('incoming/empty.json', body);
    const result = await handler(s3PutEvent(cloud.s3.bucket, 'incoming/empty.json', body.length));
    expect(result).toEqual({ processed: 0, rejected: 1 });
    const text = (await cloud.getObject('rejected/empty.json.errors.json')).body.toString('utf8');
    expect(text.length).toBeLessThan(32 * 1024);
    const report = JSON.parse(text);
    expect(report.errors.errors).toHaveLength(100);
    expect(report.errors.omittedErrors).toBe(2000 * 3 - 100);
    expect(report.errors.stored).toEqual([]);
    expect(metric('ArticlesRejected') - rejectedBefore).toBe(2000); // every rejected article, not the 34 listed ones
  });

  it('a redelivered event for an object already moved is skipped, not ingested twice or failed', async () => {
    const result = await handler(s3PutEvent(cloud.s3.bucket, 'incoming/نشرة اليوم.ndjson', 10));
    expect(result).toEqual({ processed: 0, rejected: 0 });
  });

  it("the console's folder placeholder (incoming/) is ignored, not thrown on", async () => {
    await cloud.putObject('incoming/', '');
    expect(await handler(s3PutEvent(cloud.s3.bucket, 'incoming/', 0))).toEqual({ processed: 0, rejected: 0 });
  });

  it('a key with ".." is not in the inbox: feeds/all.rss is neither read, moved nor deleted', async () => {
    await cloud.putObject('feeds/all.rss', '<rss>published</rss>');
    const result = await handler(s3PutEvent(cloud.s3.bucket, 'incoming/../feeds/all.rss', 20));
    expect(result).toEqual({ processed: 0, rejected: 0 });
    expect((await cloud.getObject('feeds/all.rss')).body.toString('utf8')).toBe('<rss>published</rss>');
    expect(await cloud.listKeys('processed/feeds')).toEqual([]);
    expect(await cloud.listKeys('rejected/feeds')).toEqual([]);
  });
});
