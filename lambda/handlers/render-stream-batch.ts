// One DynamoDB stream batch → its before/after images → only the touched feeds' affected pages re-rendered and published; failures reported per record.
import type { AttributeValue, DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import type { Article } from '../core/articles/article.ts';
import { feedKeysOfChange, type ArticleChangeImages, type SiteService } from '../core/site/site-service.ts';

export interface StreamBatchDeps {
  site: Pick<SiteService, 'renderChanges'>;
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
 * The change one stream record carries: the article before (OldImage) and after (NewImage). An insert has no
 * before, a remove no after, a modify both (a category change leaves one feed and joins another).
 *
 * @example
 * changeOfRecord(modifyRecord, articleFromDynamoImage) //=> { before: { id: 'a', … }, after: { id: 'a', … } }
 */
export function changeOfRecord(record: DynamoDBRecord, articleFromImage: StreamBatchDeps['articleFromImage']): ArticleChangeImages {
  const before = articleFromImage(record.dynamodb?.OldImage);
  const after = articleFromImage(record.dynamodb?.NewImage);
  return { ...(before ? { before } : {}), ...(after ? { after } : {}) };
}

/**
 * The feed keys one stream record touches: feedKeysOf(OldImage) ∪ feedKeysOf(NewImage).
 *
 * @example
 * feedKeysOfRecord(record, articleFromDynamoImage) //=> ['all', 'category:سياسة', 'category:اقتصاد']
 */
export function feedKeysOfRecord(record: DynamoDBRecord, articleFromImage: StreamBatchDeps['articleFromImage']): string[] {
  return feedKeysOfChange(changeOfRecord(record, articleFromImage));
}

/**
 * Renders what a batch changes (`site.renderChanges` with every record's images: only the touched feeds, and in each
 * only the pages the changes can reach). A record whose image cannot be read is reported failed on its own and does
 * not stop the others; when a feed's render fails, every record that touched that feed is reported failed (Lambda
 * retries from the earliest, bisects, and finally sends the record to the DLQ).
 *
 * @example
 * const { response } = await renderStreamBatch(event.Records, { site, articleFromImage: articleFromDynamoImage });
 * response //=> { batchItemFailures: [{ itemIdentifier: '4200000000000000000002' }] }
 */
export async function renderStreamBatch(records: DynamoDBRecord[], deps: StreamBatchDeps): Promise<StreamBatchOutcome> {
  const failed = new Set<string>();
  const keysByRecord = new Map<string, string[]>();
  const changes: ArticleChangeImages[] = [];
  const all = new Set<string>();
  records.forEach((record, i) => {
    const id = record.dynamodb?.SequenceNumber ?? record.eventID ?? String(i);
    try {
      const change = changeOfRecord(record, deps.articleFromImage);
      const keys = feedKeysOfChange(change);
      if (keys.length === 0) return;
      keysByRecord.set(id, keys);
      changes.push(change);
      for (const k of keys) all.add(k);
    } catch (error) {
      failed.add(id);
      deps.onRecordError?.(record, error);
    }
  });

  const rendered: string[] = [];
  if (all.size > 0) {
    try {
      await deps.site.renderChanges(changes);
      rendered.push(...all);
    } catch {
      // Find the culprits one feed at a time, so the other feeds still publish and only their records fail.
      for (const key of all) {
        try {
          await deps.site.renderChanges(changes, { only: [key] });
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
