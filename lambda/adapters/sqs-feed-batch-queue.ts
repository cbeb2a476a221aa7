// SqsFeedBatchQueue: sends a fanned-out rebuild's batches (feeds, or a slice of article pages) to its SQS queue (SendMessageBatch, JSON protocol over aws4fetch: no AWS SDK SQS client).
import { AwsClient } from 'aws4fetch';
import type { ArticleSlice } from '../core/site/rebuild-all.ts';
import { currentAwsCredentials, type AwsCredentialSource } from './aws-credentials.ts';

export interface SqsFeedBatchQueueOptions {
  /** The queue's URL, e.g. `https://sqs.eu-west-1.amazonaws.com/123456789012/RebuildQueue` (REBUILD_QUEUE_URL). */
  queueUrl: string;
  region: string;
  credentials: AwsCredentialSource;
  /** Another SQS endpoint (AWS_ENDPOINT_URL_SQS), e.g. a local server in tests; default `https://sqs.<region>.amazonaws.com`. */
  endpoint?: string;
}

/** The message body a rebuild worker reads: the feed keys of one batch, or one slice of the article pages. */
export type FeedBatchMessage = { feeds: string[] } | { articles: ArticleSlice };

/** SQS refused some messages, or answered an error: which, and why. */
export class FeedBatchQueueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedBatchQueueError';
  }
}

/** SendMessageBatch takes at most 10 entries. */
const ENTRIES_PER_CALL = 10;

/**
 * Reads one worker message: `{"feeds": [keys]}` or `{"articles": {"from"?: cursor, "pages": n}}`.
 *
 * @example
 * parseFeedBatchMessage('{"feeds":["all"]}') //=> { feeds: ['all'] }
 * parseFeedBatchMessage('{"articles":{"pages":20}}') //=> { articles: { pages: 20 } }
 * parseFeedBatchMessage('{"feeds":"all"}') // throws FeedBatchQueueError: message body: $.feeds must be an array of feed keys …
 */
export function parseFeedBatchMessage(body: string): FeedBatchMessage {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new FeedBatchQueueError(`message body: not JSON: ${body.slice(0, 80)}`);
  }
  const message = (value ?? {}) as { feeds?: unknown; articles?: { from?: unknown; pages?: unknown } };
  if (message.articles !== undefined) {
    const { from, pages } = message.articles ?? {};
    if (!Number.isInteger(pages) || (pages as number) < 1)
      throw new FeedBatchQueueError('message body: $.articles.pages must be a whole number ≥ 1');
    if (from !== undefined && typeof from !== 'string') throw new FeedBatchQueueError('message body: $.articles.from must be a string');
    return { articles: { pages: pages as number, ...(from !== undefined ? { from } : {}) } };
  }
  const feeds = message.feeds;
  if (!Array.isArray(feeds) || !feeds.every((k) => typeof k === 'string' && k.length > 0))
    throw new FeedBatchQueueError('message body: $.feeds must be an array of feed keys (non-empty strings), or $.articles a slice');
  return { feeds };
}

/**
 * The queue a rebuild planner fills: one message per batch of feeds, ten messages per request.
 *
 * @example
 * const queue = new SqsFeedBatchQueue({ queueUrl: process.env.REBUILD_QUEUE_URL!, region: 'eu-west-1', credentials: fromEnv() });
 * await queue.send([{ feeds: ['all'] }, { feeds: ['category-سياسة', 'author-سارة'] }, { articles: { pages: 20 } }]) //=> 3
 */
export class SqsFeedBatchQueue {
  private readonly endpoint: string;

  constructor(private readonly options: SqsFeedBatchQueueOptions) {
    this.endpoint = options.endpoint ?? `https://sqs.${options.region}.amazonaws.com/`;
  }

  /** Sends every message; throws `FeedBatchQueueError` naming those SQS refused. Returns the messages sent. */
  async send(batches: readonly FeedBatchMessage[]): Promise<number> {
    for (let start = 0; start < batches.length; start += ENTRIES_PER_CALL) {
      const entries = batches.slice(start, start + ENTRIES_PER_CALL).map((message, i) => ({
        Id: String(start + i),
        MessageBody: JSON.stringify(message),
      }));
      const creds = await currentAwsCredentials(this.options.credentials);
      const client = new AwsClient({ ...creds, service: 'sqs', region: this.options.region, retries: 3 });
      const r = await client.fetch(this.endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'AmazonSQS.SendMessageBatch' },
        body: JSON.stringify({ QueueUrl: this.options.queueUrl, Entries: entries }),
      });
      const text = await r.text();
      if (!r.ok) throw new FeedBatchQueueError(`SQS SendMessageBatch answered ${r.status}: ${text.slice(0, 300)}`);
      const failed = (JSON.parse(text) as { Failed?: Array<{ Id: string; Code?: string; Message?: string }> }).Failed ?? [];
      if (failed.length > 0)
        throw new FeedBatchQueueError(
          `SQS refused ${failed.length} of ${entries.length} batches: ${failed.map((f) => `#${f.Id} ${f.Code ?? ''} ${f.Message ?? ''}`.trim()).join('; ')}`,
        );
    }
    return batches.length;
  }
}
