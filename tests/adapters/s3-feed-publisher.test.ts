// S3FeedPublisher (aws4fetch) against s3rver on 127.0.0.1: headers, metadata, skip on same hash, errors.
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { S3FeedPublisher, S3ResponseError, type S3FeedPublisherOptions } from '../../lambda/adapters/s3-feed-publisher.ts';
import { PublishError } from '../../lambda/ports/feed-publisher.ts';
import { S3RVER_CREDENTIALS, startS3rver, type S3rverHandle } from '../support/s3rver.ts';
import { createTestDocument } from './feed-document-factory.ts';

let s3: S3rverHandle;
beforeAll(async () => {
  s3 = await startS3rver();
});
afterAll(async () => {
  await s3.stop();
});
beforeEach(() => {
  s3.requests.length = 0;
});

function publisherFor(options: Partial<S3FeedPublisherOptions> = {}): S3FeedPublisher {
  return new S3FeedPublisher({
    bucket: s3.bucket,
    region: 'us-east-1',
    credentials: S3RVER_CREDENTIALS,
    endpoint: s3.endpoint,
    forcePathStyle: true,
    ...options,
  });
}

async function head(key: string) {
  return s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key }));
}

describe('S3FeedPublisher on s3rver', () => {
  it('stores the body with Content-Type (charset), Cache-Control and sha256/last-modified metadata, under an Arabic key', async () => {
    const pub = publisherFor();
    const doc = createTestDocument(
      'feeds/category-سياسة واقتصاد (عاجل)!.rss',
      '<rss version="2.0"><channel><title>أخبار</title></channel></rss>',
    );
    expect(await pub.publish(doc)).toEqual({ path: doc.path, written: true });
    expect(s3.requests).toEqual([`HEAD /site/${doc.path}`, `PUT /site/${doc.path}`]);
    // Read back through the SDK: the key is the same object whichever client encoded it.
    const h = await head(doc.path);
    expect(h.ContentType).toBe('application/rss+xml; charset=utf-8');
    expect(h.CacheControl).toBe('public, max-age=300');
    expect(h.Metadata).toEqual({ sha256: doc.hash, 'last-modified': doc.lastModified });
    const got = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: doc.path }));
    expect(await got.Body!.transformToByteArray()).toEqual(doc.body);
    expect(await pub.get(doc.path)).toEqual(doc);
  });

  it('reads back what the SDK wrote, with a credential provider', async () => {
    await s3.client.send(
      new PutObjectCommand({
        Bucket: s3.bucket,
        Key: 'feeds/مصدر+الخبر.atom',
        Body: '<feed/>',
        ContentType: 'application/atom+xml; charset=utf-8',
        Metadata: { sha256: 'abc' },
      }),
    );
    const pub = publisherFor({ credentials: async () => S3RVER_CREDENTIALS });
    const got = await pub.get('feeds/مصدر+الخبر.atom');
    expect(got).toEqual({
      path: 'feeds/مصدر+الخبر.atom',
      body: new TextEncoder().encode('<feed/>'),
      contentType: 'application/atom+xml; charset=utf-8',
      cacheControl: '',
      hash: 'abc',
    });
    expect(await pub.get('feeds/none.atom')).toBeUndefined();
  });

  it('a replay with the same hash does one HEAD and no PUT; a changed body is written', async () => {
    const pub = publisherFor();
    const doc = createTestDocument('feeds/all.json', '{"version":"https://jsonfeed.org/version/1.1"}', {
      contentType: 'application/feed+json; charset=utf-8',
      lastModified: undefined,
    });
    await pub.publish(doc);
    expect((await head(doc.path)).Metadata).toEqual({ sha256: doc.hash });
    s3.requests.length = 0;
    expect(await pub.publish({ ...doc })).toEqual({ path: doc.path, written: false });
    expect(s3.requests).toEqual(['HEAD /site/feeds/all.json']);
    s3.requests.length = 0;
    const changed = createTestDocument(doc.path, '{"version":"https://jsonfeed.org/version/1.1","items":[]}', {
      contentType: doc.contentType,
    });
    expect((await pub.publish(changed)).written).toBe(true);
    expect(s3.requests).toEqual(['HEAD /site/feeds/all.json', 'PUT /site/feeds/all.json']);
    expect((await head(doc.path)).Metadata?.sha256).toBe(changed.hash);
  });

  it('removes documents, writes under a prefix, and refuses bad paths without a request', async () => {
    const pub = publisherFor({ prefix: 'site/' });
    const doc = createTestDocument('feeds/all/archive/2.atom', '<feed/>', { contentType: 'application/atom+xml; charset=utf-8' });
    await pub.publish(doc);
    expect((await head('site/feeds/all/archive/2.atom')).ContentType).toBe('application/atom+xml; charset=utf-8');
    await pub.remove(doc.path);
    expect(await pub.get(doc.path)).toBeUndefined();
    await pub.remove(doc.path); // already gone: no error
    s3.requests.length = 0;
    const err = await pub.publish(createTestDocument('../escape', 'x')).catch((e: unknown) => e);
    expect((err as PublishError).code).toBe('INVALID_PATH');
    expect(s3.requests).toEqual([]);
  });

  it('turns an S3 error answer into PublishError with the S3 code from the XML body', async () => {
    const err = await publisherFor({ bucket: 'no-such-bucket' })
      .publish(createTestDocument('feeds/all.rss', 'x'))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PublishError);
    expect((err as PublishError).code).toBe('UNAVAILABLE');
    expect((err as PublishError).message).toMatch(
      /^S3 PUT s3:\/\/no-such-bucket\/feeds\/all\.rss failed: 404 NoSuchBucket: The specified bucket does not exist/,
    );
    expect((err as PublishError).cause).toMatchObject({ status: 404, code: 'NoSuchBucket' });
    const doc = createTestDocument('feeds/denied.rss', 'x');
    await publisherFor().publish(doc);
    const wrongKey = publisherFor({ credentials: { accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'S3RVER' } });
    const denied = await wrongKey.get(doc.path).catch((e: unknown) => e);
    expect((denied as PublishError).cause).toBeInstanceOf(S3ResponseError);
    expect((denied as PublishError).message).toMatch(/^S3 GET s3:\/\/site\/feeds\/denied\.rss failed: 403 InvalidAccessKeyId: /);
    // HEAD answers carry no body: the code comes from the status.
    const headDenied = await wrongKey.publish(doc).catch((e: unknown) => e);
    expect((headDenied as PublishError).message).toBe('S3 HEAD s3://site/feeds/denied.rss failed: 403 Forbidden: Forbidden');
  });

  it('signs an Arabic key exactly as the SDK signer does (s3rver does not check SigV4 signatures)', async () => {
    const seen: Array<{ method: string; url: string; headers: IncomingHttpHeaders }> = [];
    const recorder = createServer((req, res) => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers });
      req.resume().on('end', () => res.writeHead(req.method === 'HEAD' ? 404 : 200).end());
    });
    await new Promise<void>((r) => recorder.listen(0, '127.0.0.1', r));
    try {
      const host = `127.0.0.1:${(recorder.address() as AddressInfo).port}`;
      const credentials = {
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
        sessionToken: 'session',
      };
      const doc = createTestDocument('feeds/category-سياسة (عاجل).rss', '<rss/>');
      await publisherFor({ endpoint: `http://${host}`, credentials, region: 'me-south-1' }).publish(doc);
      const put = seen.find((r) => r.method === 'PUT')!;
      expect(put.url).toBe(`/site/feeds/${encodeURIComponent('category-سياسة')}%20%28${encodeURIComponent('عاجل')}%29.rss`);
      // The reference: the SDK's SigV4 signer (S3 settings: single URI encoding, body hash header signed) on the same request.
      const bytesOf = (d: string | ArrayBuffer | ArrayBufferView) =>
        typeof d === 'string' ? d : ArrayBuffer.isView(d) ? Buffer.from(d.buffer, d.byteOffset, d.byteLength) : Buffer.from(d);
      class NodeSha256 {
        private readonly h;
        constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
          this.h = secret === undefined ? createHash('sha256') : createHmac('sha256', bytesOf(secret));
        }
        update(data: string | ArrayBuffer | ArrayBufferView) {
          this.h.update(bytesOf(data));
        }
        async digest() {
          return new Uint8Array(this.h.digest());
        }
      }
      const signer = new SignatureV4({
        credentials,
        region: 'me-south-1',
        service: 's3',
        sha256: NodeSha256,
        uriEscapePath: false,
        applyChecksum: false,
      });
      const signedNames = /SignedHeaders=([^,]+)/.exec(String(put.headers.authorization))![1]!.split(';');
      const stamp = String(put.headers['x-amz-date']);
      const reference = await signer.sign(
        {
          method: 'PUT',
          protocol: 'http:',
          hostname: '127.0.0.1',
          port: Number(host.split(':')[1]),
          path: put.url,
          query: {},
          headers: Object.fromEntries(signedNames.map((n) => [n, String(put.headers[n])])),
          body: doc.body,
        },
        {
          signableHeaders: new Set(signedNames),
          signingDate: new Date(
            `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`,
          ),
        },
      );
      expect(signedNames).toEqual(
        expect.arrayContaining(['host', 'x-amz-content-sha256', 'x-amz-meta-sha256', 'x-amz-security-token', 'cache-control']),
      );
      expect(put.headers['x-amz-content-sha256']).toBe(doc.hash);
      expect(put.headers.authorization).toBe(reference.headers.authorization);
    } finally {
      await new Promise((r) => recorder.close(r));
    }
  });

  it('retries a 5xx answer a bounded number of times, then reports it', async () => {
    let hits = 0;
    const flaky = createServer((_req, res) => {
      hits++;
      res
        .writeHead(503, { 'content-type': 'application/xml' })
        .end('<?xml version="1.0"?><Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>');
    });
    await new Promise<void>((r) => flaky.listen(0, '127.0.0.1', r));
    try {
      const endpoint = `http://127.0.0.1:${(flaky.address() as AddressInfo).port}`;
      const err = await publisherFor({ endpoint, retries: 1 })
        .remove('feeds/all.rss')
        .catch((e: unknown) => e);
      expect((err as PublishError).message).toBe('S3 DELETE s3://site/feeds/all.rss failed: 503 SlowDown: Reduce your request rate.');
      expect(hits).toBe(2);
    } finally {
      await new Promise((r) => flaky.close(r));
    }
  });

  it('turns an unreachable S3 into PublishError UNAVAILABLE', async () => {
    const down = await startS3rver({ bucket: 'gone' });
    const endpoint = down.endpoint;
    await down.stop();
    const err = await publisherFor({ endpoint, bucket: 'gone' })
      .publish(createTestDocument('feeds/all.rss', 'x'))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PublishError);
    expect((err as PublishError).code).toBe('UNAVAILABLE');
    expect((err as PublishError).message).toMatch(/^S3 HEAD s3:\/\/gone\/feeds\/all\.rss: network error: .*ECONNREFUSED/);
  });
});
