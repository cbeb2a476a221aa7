// One DynamoDB stream batch → the feeds it touches → re-rendered and published; failures reported per record.
import type { AttributeValue, DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import type { Article } from '../core/articles/article.ts';
import { feedKeysOf } from '../core/feeds/feed-keys.ts';
import type { SiteService } from '../core/site/site-service.ts';

export interface StreamBatchDeps {
  site: Pick<SiteService, 'renderFeeds'>;
  /** Turns a stream image into the article it holds (undefined for non-article items); may throw on a corrupt image. */
  articleFromImage: (image: { [key: string]: AttributeValue } | undefined) => Article | undefined;
  onRecordError?: (record: DynamoDBRecord, error: unknown) => void;
  onFeedError?: (feedKey: string, error: unknown) => void;
}

export interface StreamBatchOutcome {
  response: DynamoDBBatchResponse;
  /** Feed keys rendered successfully. */
  rendered: string[];
  /** Records that touched at least one feed. */
  relevantRecords: number;
}

/**
 * The feed keys one stream record touches: feedKeysOf(OldImage) ∪ feedKeysOf(NewImage). An insert touches the
 * new article's feeds, a remove the old one's, a modify both (a category change leaves one feed and joins another).
 *
 * @example
 * feedKeysOfRecord(record, articleFromDynamoImage) //=> ['all', 'category:سياسة', 'category:اقتصاد']
 */
export function feedKeysOfRecord(record: DynamoDBRecord, articleFromImage: StreamBatchDeps['articleFromImage']): string[] {
  const keys = new Set<string>();
  const before = articleFromImage(record.dynamodb?.OldImage);
  const after = articleFromImage(record.dynamodb?.NewImage);
  if (before) for (const k of feedKeysOf(before)) keys.add(k);
  if (after) for (const k of feedKeysOf(after)) keys.add(k);
  return [...keys];
}

/**
 * Renders what a batch touches. A record whose image cannot be read is reported failed on its own and does not
 * stop the others; when a render fails, every record that touched that feed is reported failed (Lambda retries
 * from the earliest, bisects, and finally sends the record to the DLQ). Feeds are rendered once per batch.
 *
 * @example
 * const { response } = await renderStreamBatch(event.Records, { site, articleFromImage: articleFromDynamoImage });
 * response //=> { batchItemFailures: [{ itemIdentifier: '4200000000000000000002' }] }
 */
export async function renderStreamBatch(records: DynamoDBRecord[], deps: StreamBatchDeps): Promise<StreamBatchOutcome> {
  const failed = new Set<string>();
  const keysByRecord = new Map<string, string[]>();
  const all = new Set<string>();
  records.forEach((record, i) => {
    const id = record.dynamodb?.SequenceNumber ?? record.eventID ?? String(i);
    try {
      const keys = feedKeysOfRecord(record, deps.articleFromImage);
      if (keys.length === 0) return;
      keysByRecord.set(id, keys);
      for (const k of keys) all.add(k);
    } catch (error) {
      failed.add(id);
      deps.onRecordError?.(record, error);
    }
  });

  const rendered: string[] = [];
  if (all.size > 0) {
    try {
      await deps.site.renderFeeds(all);
      rendered.push(...all);
    } catch {
      // Find the culprits one feed at a time, so the other feeds still publish and only their records fail.
      for (const key of all) {
        try {
          await deps.site.renderFeeds([key]);
          rendered.push(key);
        } catch (error) {
          deps.onFeedError?.(key, error);
          for (const [id, keys] of keysByRecord) if (keys.includes(key)) failed.add(id);
        }
      }
    }
  }
  const order = new Map(records.map((r, i) => [r.dynamodb?.SequenceNumber ?? r.eventID ?? String(i), i]));
  const batchItemFailures = [...failed]
    .sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
    .map((itemIdentifier) => ({ itemIdentifier }));
  return { response: { batchItemFailures }, rendered, relevantRecords: keysByRecord.size };
}
