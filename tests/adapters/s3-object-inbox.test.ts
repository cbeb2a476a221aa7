// S3ObjectInbox (aws4fetch) against s3rver on 127.0.0.1: Arabic keys, errors JSON before the copy, copy-then-delete, S3 errors.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { S3ResponseError } from '../../lambda/adapters/s3-http.ts';
import { S3ObjectInbox, type S3ObjectInboxOptions } from '../../lambda/adapters/s3-object-inbox.ts';
import { PublishError } from '../../lambda/ports/feed-publisher.ts';
import { S3RVER_CREDENTIALS, startS3rver, type S3rverHandle } from '../support/s3rver.ts';

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

function inboxFor(options: Partial<S3ObjectInboxOptions> = {}): S3ObjectInbox {
  return new S3ObjectInbox({
    bucket: s3.bucket,
    region: 'us-east-1',
    credentials: S3RVER_CREDENTIALS,
    endpoint: s3.endpoint,
    forcePathStyle: true,
    ...options,
  });
}

/** Writes with the SDK, so the inbox is checked against another S3 client's view of the same keys. */
async function put(key: string, body: string, contentType = 'application/x-ndjson') {
  await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: body, ContentType: contentType }));
}

async function text(key: string): Promise<{ body: string; contentType: string | undefined }> {
  const r = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
  return { body: await r.Body!.transformToString(), contentType: r.ContentType };
}

const head = (key: string) => s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key }));

/** A stand-in S3 on 127.0.0.1 that answers each request with `answer`, recording what it was sent. */
async function withFakeS3<T>(
  answer: (method: string, url: string) => { status: number; body?: string },
  run: (endpoint: string, seen: Array<{ method: string; url: string; headers: IncomingHttpHeaders }>) => Promise<T>,
): Promise<T> {
  const seen: Array<{ method: string; url: string; headers: IncomingHttpHeaders }> = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method!, url: req.url!, headers: req.headers });
    const a = answer(req.method!, req.url!);
    req.resume().on('end', () => res.writeHead(a.status, { 'content-type': 'application/xml' }).end(a.body ?? ''));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    return await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen);
  } finally {
    await new Promise((r) => server.close(r));
  }
}

describe('S3ObjectInbox on s3rver', () => {
  it('moves a rejected object (Arabic key) to rejected/ with its errors JSON written first, then copied, then deleted', async () => {
    const key = 'incoming/أخبار اليوم (عاجل).ndjson';
    await put(key, '{"title":"بلا تاريخ"}\n');
    const inbox = inboxFor();
    const obj = await inbox.read(key);
    expect(obj).toEqual({
      key,
      name: 'أخبار اليوم (عاجل).ndjson',
      body: new TextEncoder().encode('{"title":"بلا تاريخ"}\n'),
      contentType: 'application/x-ndjson',
    });

    s3.requests.length = 0;
    const errors = [{ path: '$[0].published', field: 'published', code: 'MISSING_FIELD', message: 'published is missing' }];
    expect(await inbox.reject(obj.key, errors)).toBe('rejected/أخبار اليوم (عاجل).ndjson');
    // The errors JSON is in place before the copy, and the original goes only after the copy: a crash between any two
    // steps leaves the object in incoming/ (the event is retried), never lost.
    expect(s3.requests).toEqual([
      'PUT /site/rejected/أخبار اليوم (عاجل).ndjson.errors.json',
      'PUT /site/rejected/أخبار اليوم (عاجل).ndjson',
      'DELETE /site/incoming/أخبار اليوم (عاجل).ndjson',
    ]);
    expect(await text('rejected/أخبار اليوم (عاجل).ndjson')).toEqual({
      body: '{"title":"بلا تاريخ"}\n',
      contentType: 'application/x-ndjson',
    });
    const report = await text('rejected/أخبار اليوم (عاجل).ndjson.errors.json');
    expect(report.contentType).toBe('application/json; charset=utf-8');
    expect(JSON.parse(report.body)).toEqual({ source: key, rejectedKey: 'rejected/أخبار اليوم (عاجل).ndjson', errors });
    await expect(head(key)).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('moves an accepted object to processed/ (copy, then delete)', async () => {
    await put('incoming/good.json', '{"ok":true}', 'application/json');
    s3.requests.length = 0;
    expect(await inboxFor().accept('incoming/good.json')).toBe('processed/good.json');
    expect(s3.requests).toEqual(['PUT /site/processed/good.json', 'DELETE /site/incoming/good.json']);
    expect(await text('processed/good.json')).toEqual({ body: '{"ok":true}', contentType: 'application/json' });
    await expect(head('incoming/good.json')).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('reports a missing object as NoSuchKey (an already handled event), and refuses keys outside incoming/ without a request', async () => {
    const err = await inboxFor()
      .read('incoming/gone.json')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PublishError);
    expect((err as PublishError).message).toMatch(/^S3 GET s3:\/\/site\/incoming\/gone\.json failed: 404 NoSuchKey: /);
    expect((err as PublishError).cause).toBeInstanceOf(S3ResponseError);
    expect((err as PublishError).cause).toMatchObject({ status: 404, code: 'NoSuchKey' });
    // Moving a missing object fails at the copy and deletes nothing.
    s3.requests.length = 0;
    const move = await inboxFor()
      .accept('incoming/gone.json')
      .catch((e: unknown) => e);
    expect((move as PublishError).cause).toMatchObject({ status: 404, code: 'NoSuchKey' });
    expect(s3.requests).toEqual(['PUT /site/processed/gone.json']);

    s3.requests.length = 0;
    for (const key of ['feeds/all.rss', 'incoming/']) {
      const bad = await inboxFor()
        .read(key)
        .catch((e: unknown) => e);
      expect((bad as PublishError).code, key).toBe('INVALID_PATH');
    }
    expect(s3.requests).toEqual([]);
  });

  it('keeps the object in incoming/ when the errors JSON cannot be written (wrong bucket): nothing copied or deleted', async () => {
    await put('incoming/kept.json', '{}', 'application/json');
    s3.requests.length = 0;
    const err = await inboxFor({ bucket: 'no-such-bucket' })
      .reject('incoming/kept.json', [])
      .catch((e: unknown) => e);
    expect((err as PublishError).code).toBe('UNAVAILABLE');
    expect((err as PublishError).cause).toMatchObject({ status: 404, code: 'NoSuchBucket' });
    expect(s3.requests).toEqual(['PUT /no-such-bucket/rejected/kept.json.errors.json']);
    expect((await text('incoming/kept.json')).body).toBe('{}');
  });
});

describe('S3ObjectInbox against a stand-in S3', () => {
  it('sends CopyObject with the source URL-encoded in a signed x-amz-copy-source', async () => {
    await withFakeS3(
      (method) => ({
        status: method === 'DELETE' ? 204 : 200,
        body: method === 'PUT' ? '<CopyObjectResult><ETag>"x"</ETag></CopyObjectResult>' : '',
      }),
      async (endpoint, seen) => {
        const key = 'incoming/سياسة+اقتصاد (1)!.json';
        expect(await inboxFor({ endpoint }).accept(key)).toBe('processed/سياسة+اقتصاد (1)!.json');
        const enc = (s: string) => encodeURIComponent(s);
        const encodedName = `${enc('سياسة')}%2B${enc('اقتصاد')}%20%281%29%21.json`;
        expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
          `PUT /site/processed/${encodedName}`,
          `DELETE /site/incoming/${encodedName}`,
        ]);
        expect(seen[0]!.headers['x-amz-copy-source']).toBe(`site/incoming/${encodedName}`);
        expect(/SignedHeaders=([^,]+)/.exec(String(seen[0]!.headers.authorization))![1]!.split(';')).toContain('x-amz-copy-source');
      },
    );
  });

  it('treats a 200 CopyObject answer carrying an <Error> as a failed copy, and does not delete the original', async () => {
    await withFakeS3(
      () => ({
        status: 200,
        body: '<?xml version="1.0"?>\n<Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message></Error>',
      }),
      async (endpoint, seen) => {
        const err = await inboxFor({ endpoint, retries: 0 })
          .accept('incoming/a.json')
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(PublishError);
        expect((err as PublishError).message).toBe(
          'S3 PUT s3://site/processed/a.json failed: 500 InternalError: We encountered an internal error. Please try again.',
        );
        expect(seen.map((r) => r.method)).toEqual(['PUT']);
      },
    );
  });

  it('retries a 5xx answer a bounded number of times, then reports it; an unreachable S3 is UNAVAILABLE', async () => {
    await withFakeS3(
      () => ({ status: 503, body: '<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>' }),
      async (endpoint, seen) => {
        const err = await inboxFor({ endpoint, retries: 1 })
          .read('incoming/a.json')
          .catch((e: unknown) => e);
        expect((err as PublishError).message).toBe('S3 GET s3://site/incoming/a.json failed: 503 SlowDown: Reduce your request rate.');
        expect(seen).toHaveLength(2);
      },
    );
    const down = await startS3rver({ bucket: 'gone' });
    await down.stop();
    const err = await inboxFor({ endpoint: down.endpoint, bucket: 'gone' })
      .read('incoming/a.json')
      .catch((e: unknown) => e);
    expect((err as PublishError).code).toBe('UNAVAILABLE');
    expect((err as PublishError).message).toMatch(/^S3 GET s3:\/\/gone\/incoming\/a\.json: network error: .*ECONNREFUSED/);
  });
});
