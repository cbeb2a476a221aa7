// CloudFrontInvalidator against a local HTTP endpoint on 127.0.0.1: the signed CreateInvalidation request it sends, and its errors.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloudFrontInvalidationError, CloudFrontInvalidator, invalidationPaths } from '../../lambda/adapters/cloudfront-invalidator.ts';

let server: Server;
let endpoint: string;
const seen: Array<{ req: IncomingMessage; body: string }> = [];
let answer = { status: 201, body: '<Invalidation><Id>I2J0I21PCUYOIK</Id><Status>InProgress</Status></Invalidation>' };

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      seen.push({ req, body });
      res.writeHead(answer.status, { 'content-type': 'text/xml' }).end(answer.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('invalidationPaths', () => {
  it('prefixes "/", encodes non-ASCII names, drops duplicates', () => {
    expect(invalidationPaths(['feeds/all/archive/2.rss', 'feeds/all/archive/2.rss', 'feeds/category-رياضة/archive/1.atom'])).toEqual([
      '/feeds/all/archive/2.rss',
      '/feeds/category-%D8%B1%D9%8A%D8%A7%D8%B6%D8%A9/archive/1.atom',
    ]);
  });
  it('folds many paths into one wildcard (CloudFront bills per path; a wildcard is one)', () => {
    const many = Array.from({ length: 20 }, (_, i) => `feeds/all/archive/${i}.rss`);
    expect(invalidationPaths(many)).toEqual(['/feeds/*']);
    expect(invalidationPaths([...many, 'index.html'])).toEqual(['/*']);
  });
});

describe('CloudFrontInvalidator', () => {
  it('POSTs a SigV4-signed InvalidationBatch for the distribution', async () => {
    const cdn = new CloudFrontInvalidator({
      distributionId: 'E2QWRUHAPOMQZL',
      credentials: { accessKeyId: 'AKID', secretAccessKey: 'SECRET' },
      endpoint,
    });
    const out = await cdn.invalidate(['feeds/all/archive/3.rss', 'feeds/all/archive/4.json'], 'ref-1');
    expect(out).toEqual({ id: 'I2J0I21PCUYOIK', paths: ['/feeds/all/archive/3.rss', '/feeds/all/archive/4.json'] });
    const { req, body } = seen.at(-1)!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/2020-05-31/distribution/E2QWRUHAPOMQZL/invalidation');
    expect(req.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKID\/\d{8}\/us-east-1\/cloudfront\/aws4_request/);
    expect(body).toContain('<Quantity>2</Quantity>');
    expect(body).toContain('<Path>/feeds/all/archive/3.rss</Path>');
    expect(body).toContain('<CallerReference>ref-1</CallerReference>');
  });
  it('sends nothing for no paths', async () => {
    const before = seen.length;
    const cdn = new CloudFrontInvalidator({ distributionId: 'E1', credentials: { accessKeyId: 'A', secretAccessKey: 'S' }, endpoint });
    expect(await cdn.invalidate([])).toEqual({ id: undefined, paths: [] });
    expect(seen.length).toBe(before);
  });
  it('a refusal throws with the status and CloudFront error code', async () => {
    answer = { status: 400, body: '<ErrorResponse><Error><Code>TooManyInvalidationsInProgress</Code></Error></ErrorResponse>' };
    const cdn = new CloudFrontInvalidator({ distributionId: 'E1', credentials: { accessKeyId: 'A', secretAccessKey: 'S' }, endpoint });
    const error = await cdn.invalidate(['feeds/all/archive/1.rss']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CloudFrontInvalidationError);
    expect((error as Error).message).toContain('400 TooManyInvalidationsInProgress');
  });
});
