// SqsFeedBatchQueue against a local SQS JSON endpoint on 127.0.0.1: ten messages per SendMessageBatch, signed for sqs, refusals reported by batch; and the worker's message parser.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedBatchQueueError, parseFeedBatchMessage, SqsFeedBatchQueue } from '../../lambda/adapters/sqs-feed-batch-queue.ts';

let server: Server;
let endpoint: string;
const requests: Array<{
  target: string | undefined;
  authorization: string | undefined;
  entries: Array<{ Id: string; MessageBody: string }>;
}> = [];
/** Entry ids the server refuses. */
let refuse = new Set<string>();

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const entries = (JSON.parse(body) as { Entries: Array<{ Id: string; MessageBody: string }> }).Entries;
      requests.push({ target: req.headers['x-amz-target'] as string, authorization: req.headers.authorization, entries });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(
        JSON.stringify({
          Successful: entries.filter((e) => !refuse.has(e.Id)).map((e) => ({ Id: e.Id, MessageId: e.Id })),
          Failed: entries.filter((e) => refuse.has(e.Id)).map((e) => ({ Id: e.Id, Code: 'InvalidMessageContents', SenderFault: true })),
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise((r) => server.close(r)));

const queue = () =>
  new SqsFeedBatchQueue({
    queueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/q',
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    endpoint,
  });

describe('SqsFeedBatchQueue', () => {
  it('sends 23 messages in three SendMessageBatch requests of at most ten, signed for sqs in the region', async () => {
    requests.length = 0;
    refuse = new Set();
    const batches = Array.from({ length: 23 }, (_, i) => ({ feeds: [`category-${i}`] }));
    expect(await queue().send(batches)).toBe(23);
    expect(requests.map((r) => r.entries.length)).toEqual([10, 10, 3]);
    for (const r of requests) {
      expect(r.target).toBe('AmazonSQS.SendMessageBatch');
      expect(r.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/sqs\/aws4_request/);
    }
    expect(requests.flatMap((r) => r.entries.map((e) => parseFeedBatchMessage(e.MessageBody)))).toEqual(batches);
  });

  it('throws FeedBatchQueueError naming the messages SQS refused', async () => {
    refuse = new Set(['1']);
    const error = await queue()
      .send([{ feeds: ['all'] }, { articles: { pages: 20 } }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedBatchQueueError);
    expect((error as Error).message).toBe('SQS refused 1 of 2 batches: #1 InvalidMessageContents');
  });
});

describe('parseFeedBatchMessage', () => {
  it('reads feed batches and article slices', () => {
    expect(parseFeedBatchMessage('{"feeds":["all","category-سياسة"]}')).toEqual({ feeds: ['all', 'category-سياسة'] });
    expect(parseFeedBatchMessage('{"articles":{"from":"abc","pages":20}}')).toEqual({ articles: { from: 'abc', pages: 20 } });
  });
  it.each([
    ['not json', /not JSON/],
    ['{"feeds":"all"}', /\$\.feeds must be an array of feed keys/],
    ['{"feeds":["all",""]}', /\$\.feeds must be an array of feed keys/],
    ['{"articles":{"pages":0}}', /\$\.articles\.pages must be a whole number ≥ 1/],
    ['{"articles":{"pages":2,"from":7}}', /\$\.articles\.from must be a string/],
  ])('refuses %s with a clear error', (body, message) => {
    expect(() => parseFeedBatchMessage(body)).toThrow(FeedBatchQueueError);
    expect(() => parseFeedBatchMessage(body)).toThrow(message);
  });
});
