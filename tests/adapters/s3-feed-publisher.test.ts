// S3FeedPublisher and S3ObjectInbox against s3rver on 127.0.0.1 through the real SDK: headers, metadata, skip on same hash.
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3FeedPublisher } from '../../lambda/adapters/s3-feed-publisher.ts';
import { S3ObjectInbox } from '../../lambda/adapters/s3-object-inbox.ts';
import { PublishError } from '../../lambda/ports/feed-publisher.ts';
import { localS3Config, startS3rver, type S3rverHandle } from '../support/s3rver.ts';
import { createTestDocument } from './feed-document-factory.ts';

let s3: S3rverHandle;
const sent: string[] = [];
beforeAll(async () => {
  s3 = await startS3rver();
  // Count the commands the client really sends (instrumentation, not a mock).
  s3.client.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'countCommands' },
  );
});
afterAll(async () => {
  await s3.stop();
});

async function head(key: string) {
  return s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key }));
}

describe('S3FeedPublisher on s3rver', () => {
  it('stores the body with Content-Type (charset), Cache-Control and sha256/last-modified metadata', async () => {
    const pub = new S3FeedPublisher({ client: s3.client, bucket: s3.bucket });
    const doc = createTestDocument('feeds/category-سياسة.rss', '<rss version="2.0"><channel><title>أخبار</title></channel></rss>');
    expect(await pub.publish(doc)).toEqual({ path: doc.path, written: true });
    const h = await head(doc.path);
    expect(h.ContentType).toBe('application/rss+xml; charset=utf-8');
    expect(h.CacheControl).toBe('public, max-age=300');
    expect(h.Metadata).toEqual({ sha256: doc.hash, 'last-modified': doc.lastModified });
    const got = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: doc.path }));
    expect(await got.Body!.transformToByteArray()).toEqual(doc.body);
    expect(await pub.get(doc.path)).toEqual(doc);
  });

  it('a replay with the same hash does one HEAD and no PUT; a changed body is written', async () => {
    const pub = new S3FeedPublisher({ client: s3.client, bucket: s3.bucket });
    const doc = createTestDocument('feeds/all.json', '{"version":"https://jsonfeed.org/version/1.1"}', {
      contentType: 'application/feed+json; charset=utf-8',
      lastModified: undefined,
    });
    await pub.publish(doc);
    expect((await head(doc.path)).Metadata).toEqual({ sha256: doc.hash });
    sent.length = 0;
    expect(await pub.publish({ ...doc })).toEqual({ path: doc.path, written: false });
    expect(sent).toEqual(['HeadObjectCommand']);
    sent.length = 0;
    const changed = createTestDocument(doc.path, '{"version":"https://jsonfeed.org/version/1.1","items":[]}', { contentType: doc.contentType });
    expect((await pub.publish(changed)).written).toBe(true);
    expect(sent).toEqual(['HeadObjectCommand', 'PutObjectCommand']);
    expect((await head(doc.path)).Metadata?.sha256).toBe(changed.hash);
  });

  it('removes documents, writes under a prefix, and refuses bad paths', async () => {
    const pub = new S3FeedPublisher({ client: s3.client, bucket: s3.bucket, prefix: 'site/' });
    const doc = createTestDocument('feeds/all/archive/2.atom', '<feed/>', { contentType: 'application/atom+xml; charset=utf-8' });
    await pub.publish(doc);
    expect((await head('site/feeds/all/archive/2.atom')).ContentType).toBe('application/atom+xml; charset=utf-8');
    await pub.remove(doc.path);
    expect(await pub.get(doc.path)).toBeUndefined();
    const err = await pub.publish(createTestDocument('../escape', 'x')).catch((e: unknown) => e);
    expect((err as PublishError).code).toBe('INVALID_PATH');
  });

  it('turns an unreachable S3 into PublishError UNAVAILABLE', async () => {
    const down = await startS3rver({ bucket: 'gone' });
    const endpoint = down.endpoint;
    await down.stop();
    const client = new S3Client({ ...localS3Config(endpoint), maxAttempts: 1 });
    const err = await new S3FeedPublisher({ client, bucket: 'gone' }).publish(createTestDocument('feeds/all.rss', 'x')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PublishError);
    expect((err as PublishError).code).toBe('UNAVAILABLE');
    client.destroy();
  });
});

describe('S3ObjectInbox on s3rver', () => {
  it('moves a rejected object to rejected/ with its errors JSON beside it, and an accepted one to processed/', async () => {
    const inbox = new S3ObjectInbox({ client: s3.client, bucket: s3.bucket });
    const put = (key: string, body: string) =>
      s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: body, ContentType: 'application/x-ndjson' }));
    await put('incoming/أخبار اليوم.ndjson', '{"title":"بلا تاريخ"}\n');
    await put('incoming/good.json', '{"ok":true}');

    const obj = await inbox.read('incoming/أخبار اليوم.ndjson');
    expect(obj.name).toBe('أخبار اليوم.ndjson');
    expect(new TextDecoder().decode(obj.body)).toBe('{"title":"بلا تاريخ"}\n');
    const errors = [{ path: '$[0].published', field: 'published', code: 'REQUIRED', message: 'published is required' }];
    expect(await inbox.reject(obj.key, errors)).toBe('rejected/أخبار اليوم.ndjson');
    const moved = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: 'rejected/أخبار اليوم.ndjson' }));
    expect(await moved.Body!.transformToString()).toBe('{"title":"بلا تاريخ"}\n');
    const report = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: 'rejected/أخبار اليوم.ndjson.errors.json' }));
    expect(report.ContentType).toBe('application/json; charset=utf-8');
    expect(JSON.parse(await report.Body!.transformToString())).toEqual({
      source: 'incoming/أخبار اليوم.ndjson',
      rejectedKey: 'rejected/أخبار اليوم.ndjson',
      errors,
    });
    await expect(head('incoming/أخبار اليوم.ndjson')).rejects.toMatchObject({ name: 'NotFound' });

    expect(await inbox.accept('incoming/good.json')).toBe('processed/good.json');
    expect((await head('processed/good.json')).ContentLength).toBe(11);
    await expect(head('incoming/good.json')).rejects.toMatchObject({ name: 'NotFound' });

    const err = await inbox.read('feeds/all.rss').catch((e: unknown) => e);
    expect((err as PublishError).code).toBe('INVALID_PATH');
  });
});
