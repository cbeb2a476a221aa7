// The ingest handler on dynalite + s3rver with objects over the body limit: streamed and stored in batches, and within the function's time budget or failing loudly.
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleInputsOf } from '../support/article-inputs.ts';
import { startCloudFixture, type CloudFixture } from './cloud-fixture.ts';
import { s3PutEvent } from './lambda-events.ts';

let cloud: CloudFixture;
let handler: typeof import('../../lambda/handlers/ingest.ts').handler;

beforeAll(async () => {
  cloud = await startCloudFixture();
  ({ handler } = await import('../../lambda/handlers/ingest.ts'));
});

afterAll(async () => {
  await cloud?.stop();
});

/** A Lambda context whose clock says `remaining()` milliseconds are left. */
function contextWith(remaining: () => number): Context {
  return { awsRequestId: 'test', functionName: 'ingest', getRemainingTimeInMillis: remaining } as unknown as Context;
}

describe('ingest handler: S3 objects over the body limit', () => {
  it('stores every article of a 7 MB JSON export of 5,000 and moves it to processed/', async () => {
    const body = JSON.stringify(articleInputsOf(5000, 0, 1100), null, 1);
    expect(Buffer.byteLength(body)).toBeGreaterThan(7_000_000);
    await cloud.putObject('incoming/export.json', body);
    const before = await cloud.store.countFeed('all');
    const result = await handler(
      s3PutEvent(cloud.s3.bucket, 'incoming/export.json', Buffer.byteLength(body)),
      contextWith(() => 600_000),
    );
    expect(result).toEqual({ processed: 1, rejected: 0 });
    expect(await cloud.store.countFeed('all')).toBe(before + 5000);
    expect(await cloud.listKeys('incoming/')).toEqual([]);
    expect(await cloud.listKeys('processed/')).toEqual(['processed/export.json']);
    const newest = (await cloud.store.listFeed('all', { limit: 1 })).items[0];
    expect(newest?.url).toBe('https://news.example.sa/export/4999');
  }, 600_000);

  it('stops before the timeout and throws (retried, then the DLQ), leaving the object in incoming/ and what it stored; a retry with time finishes', async () => {
    const lines = articleInputsOf(1500, 10_000, 1600).map((a) => JSON.stringify(a));
    lines[1400] = '{"url": broken';
    const body = `${lines.join('\n')}\n`;
    expect(Buffer.byteLength(body)).toBeGreaterThan(2 * 1024 * 1024);
    await cloud.putObject('incoming/wire.ndjson', body);
    const before = await cloud.store.countFeed('all');
    // Time enough for two batches, then 20 s left: under the 30 s reserve.
    let asked = 0;
    const short = contextWith(() => (++asked <= 2 ? 600_000 : 20_000));
    await expect(handler(s3PutEvent(cloud.s3.bucket, 'incoming/wire.ndjson', Buffer.byteLength(body)), short)).rejects.toMatchObject({
      name: 'IngestTimeBudgetError',
      message: expect.stringMatching(
        /^incoming\/wire\.ndjson: not finished within the function's time budget \(20000 ms left\): \d+ articles sent in 2 batches/,
      ),
    });
    const partly = (await cloud.store.countFeed('all')) - before;
    expect(partly).toBeGreaterThan(0);
    expect(partly).toBeLessThan(1499);
    expect(await cloud.listKeys('incoming/')).toEqual(['incoming/wire.ndjson']);

    // The retry (Lambda's, or a redrive from the DLQ) with time to spare: every good article stored, the bad line named.
    const result = await handler(
      s3PutEvent(cloud.s3.bucket, 'incoming/wire.ndjson', Buffer.byteLength(body)),
      contextWith(() => 600_000),
    );
    expect(result).toEqual({ processed: 0, rejected: 1 });
    expect((await cloud.store.countFeed('all')) - before).toBe(1499);
    const report = JSON.parse((await cloud.getObject('rejected/wire.ndjson.errors.json')).body.toString('utf8'));
    expect(report.errors.errors).toEqual([expect.objectContaining({ path: '$[1400]', code: 'INVALID_JSON', name: 'wire.ndjson' })]);
    expect(report.errors.stored).toHaveLength(1499);
    expect(report.errors.stored.filter((s: { status: string }) => s.status === 'unchanged')).toHaveLength(partly);
  }, 600_000);
});
