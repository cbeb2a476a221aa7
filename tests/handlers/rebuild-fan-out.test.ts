// The fanned-out rebuild on dynalite + s3rver: rebuild-plan sends feed batches (SendMessageBatch to a recording SQS endpoint on 127.0.0.1), rebuild-feeds workers rebuild them, and the bucket ends byte for byte as after the single-function rebuild.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedgerTableInput } from '../../lambda/adapters/dynamodb-publish-ledger.ts';
import { createSampleArticles } from '../support/article-factory.ts';
import { startCloudFixture, type CloudFixture } from './cloud-fixture.ts';

let cloud: CloudFixture;
let sqs: Server;
/** What the planner sent: each SendMessageBatch request's headers and body. */
const sent: Array<{
  target: string | undefined;
  authorization: string | undefined;
  body: { QueueUrl: string; Entries: Array<{ Id: string; MessageBody: string }> };
}> = [];
const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/RebuildQueue';

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Every object in the bucket: key → content type, cache control and body. */
async function snapshot(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const key of await cloud.listKeys()) {
    const o = await cloud.getObject(key);
    out.set(key, `${o.contentType} | ${o.cacheControl} | ${o.metadata.sha256} | ${o.body.toString('hex')}`);
  }
  return out;
}

beforeAll(async () => {
  sqs = createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req));
    sent.push({ target: req.headers['x-amz-target'] as string | undefined, authorization: req.headers.authorization, body });
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
    res.end(JSON.stringify({ Successful: body.Entries.map((e: { Id: string }) => ({ Id: e.Id, MessageId: `m-${e.Id}` })), Failed: [] }));
  });
  await new Promise<void>((r) => sqs.listen(0, '127.0.0.1', r));
  cloud = await startCloudFixture({
    LEDGER_TABLE_NAME: 'ledger-single',
    REBUILD_QUEUE_URL: QUEUE_URL,
    AWS_ENDPOINT_URL_SQS: `http://127.0.0.1:${(sqs.address() as AddressInfo).port}/`,
    REBUILD_CONCURRENCY: '8',
    // Small batches, so several workers share the feeds.
    REBUILD_BATCH_ARTICLES: '40',
    REBUILD_BATCH_FEEDS: '3',
  });
  for (const t of ['ledger-single', 'ledger-fanned']) await cloud.db.client.send(new CreateTableCommand(createLedgerTableInput(t)));
  // 90 articles: "all" with archive pages, and several categories and authors.
  for (const a of createSampleArticles(90)) await cloud.store.put(a);
}, 60_000);
afterAll(async () => {
  await cloud?.stop();
  await new Promise((r) => sqs?.close(r));
});

describe('fanned-out rebuild (rebuild-plan → SQS → rebuild-feeds)', () => {
  it('publishes the same bytes as the single-function rebuild, in several batches', async () => {
    const { handler: rebuild } = await import('../../lambda/handlers/rebuild.ts');
    const single = await rebuild({});
    expect(single.written).toBeGreaterThan(20);
    const expected = await snapshot();
    for (const key of expected.keys()) await cloud.s3.client.send(new DeleteObjectCommand({ Bucket: cloud.s3.bucket, Key: key }));
    expect(await cloud.listKeys()).toEqual([]);

    // A fresh deployment's functions: their own ledger (the single run's ledger would skip every write as unchanged).
    process.env.LEDGER_TABLE_NAME = 'ledger-fanned';
    const { handler: plan } = await import('../../lambda/handlers/rebuild-plan.ts');
    const { handler: worker } = await import('../../lambda/handlers/rebuild-feeds.ts');
    const planned = await plan({});
    const entries = sent.flatMap((s) => s.body.Entries);
    expect(planned.batches).toBe(entries.length);
    expect(entries.length).toBeGreaterThan(2);
    for (const s of sent) {
      expect(s.target).toBe('AmazonSQS.SendMessageBatch');
      expect(s.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=S3RVER\/\d{8}\/us-east-1\/sqs\/aws4_request/);
      expect(s.body.QueueUrl).toBe(QUEUE_URL);
      expect(s.body.Entries.length).toBeLessThanOrEqual(10);
    }
    // Each feed in exactly one batch, "all" among them; the article pages in one slice (90 articles: one store page).
    const bodies = entries.map((e) => JSON.parse(e.MessageBody) as { feeds?: string[]; articles?: { pages: number } });
    expect(bodies.filter((b) => b.articles)).toEqual([{ articles: { pages: 20 } }]);
    const feeds = bodies.flatMap((b) => b.feeds ?? []);
    expect(new Set(feeds).size).toBe(feeds.length);
    expect(feeds).toContain('all');

    // One message per invocation (the event source mapping's batch size is 1).
    for (const e of entries) {
      const event = { Records: [{ messageId: `m-${e.Id}`, body: e.MessageBody }] } as unknown as SQSEvent;
      expect(await worker(event)).toEqual({ batchItemFailures: [] });
    }
    const fanned = await snapshot();
    expect([...fanned.keys()]).toEqual([...expected.keys()]);
    for (const [key, value] of expected) expect(fanned.get(key), key).toBe(value);
  }, 120_000);

  it('a worker reports a message it cannot read as a batch item failure (retried, then the DLQ), and still does the others', async () => {
    const { handler: worker } = await import('../../lambda/handlers/rebuild-feeds.ts');
    const event = {
      Records: [
        { messageId: 'bad', body: '{"feeds":"all"}' },
        { messageId: 'good', body: '{"feeds":["all"]}' },
      ],
    } as unknown as SQSEvent;
    expect(await worker(event)).toEqual({ batchItemFailures: [{ itemIdentifier: 'bad' }] });
  });

  it('the single-function rebuild keeps at most REBUILD_CONCURRENCY (8) publishes and 8 feed listings in flight: ≤ 16 requests, counted at fetch', async () => {
    const { handler: rebuild } = await import('../../lambda/handlers/rebuild.ts');
    const realFetch = globalThis.fetch;
    let inFlight = 0;
    let most = 0;
    let total = 0;
    globalThis.fetch = async (input, init) => {
      inFlight++;
      total++;
      most = Math.max(most, inFlight);
      try {
        return await realFetch(input, init);
      } finally {
        inFlight--;
      }
    };
    try {
      await rebuild({});
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(total).toBeGreaterThan(100);
    expect(most).toBeLessThanOrEqual(16);
    // Side by side, not one after another.
    expect(most).toBeGreaterThan(2);
  }, 120_000);
});
