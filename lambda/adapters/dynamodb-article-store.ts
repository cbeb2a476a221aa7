// DynamoDbArticleStore: the ArticleStore on one DynamoDB table over DynamoDbHttpClient (no AWS SDK client), design in dynamodb-table-design.ts.
import { gunzipSync, gzipSync } from 'node:zlib';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Article } from '../core/articles/article.ts';
import type { Clock } from '../core/clock.ts';
import { feedKeysOf } from '../core/feeds/feed-keys.ts';
import { StoreError, type ArticleChange, type ArticleStore, type ListOptions, type Page, type PutResult } from '../ports/article-store.ts';
import {
  changeKeyAfter,
  checkLimit,
  checkStorable,
  decodeCursor,
  encodeCursor,
  feedOrderKey,
  stampUpdated,
} from '../ports/article-store-keys.ts';
import { compareCodePoints } from '../core/compare-code-points.ts';
import {
  DynamoDbNetworkError,
  DynamoDbResponseError,
  type DynamoDbHttpClient,
  type QueryInput,
  type WriteRequest,
} from './dynamodb-http-client.ts';
import { articleKey, CHANGE_INDEX, FEED_INDEX, feedEntryKey, ITEM_KEYS, TABLE_DESIGN, tombstoneKey } from './dynamodb-table-design.ts';

const PK = TABLE_DESIGN.partitionKey;
const SK = TABLE_DESIGN.sortKey;
/** Bodies larger than this are stored gzipped (items are limited to 400 KB). */
const GZIP_ABOVE_BYTES = 64 * 1024;

export interface DynamoDbArticleStoreOptions {
  /** The DynamoDB client (region, endpoint, credentials and retries are the caller's choice). */
  client: DynamoDbHttpClient;
  tableName: string;
  clock: Clock;
  /** Optimistic-write attempts when another writer wins a race (default 10), then `StoreError('CONFLICT')`. */
  maxConflictRetries?: number;
}

type Item = Record<string, unknown>;

class ConditionFailed extends Error {}

/**
 * Turns a DynamoDB stream image (`NewImage` / `OldImage`, AttributeValue map) into the Article it holds,
 * or undefined for feed entries and tombstones. Accepts binary values as bytes or base64 (Lambda's JSON event).
 *
 * @example
 * for (const r of event.Records) {
 *   const before = articleFromDynamoImage(r.dynamodb?.OldImage);
 *   const after = articleFromDynamoImage(r.dynamodb?.NewImage);
 * }
 */
export function articleFromDynamoImage(
  image: Record<string, { S?: string; B?: string | Uint8Array } | undefined> | undefined,
): Article | undefined {
  if (!image || image[SK]?.S !== ITEM_KEYS.articleSortKey) return undefined;
  const body = image.body?.S;
  if (typeof body === 'string') return JSON.parse(body) as Article;
  const gz = image.bodyGz?.B;
  if (gz === undefined) return undefined;
  return decodeBody({ bodyGz: typeof gz === 'string' ? Buffer.from(gz, 'base64') : gz });
}

function encodeBody(article: Article): Item {
  const json = JSON.stringify(article);
  return Buffer.byteLength(json) > GZIP_ABOVE_BYTES ? { bodyGz: gzipSync(json) } : { body: json };
}

function decodeBody(item: Item): Article {
  if (typeof item.body === 'string') return JSON.parse(item.body) as Article;
  if (item.bodyGz instanceof Uint8Array) return JSON.parse(gunzipSync(item.bodyGz).toString('utf8')) as Article;
  throw new StoreError(`article item ${String(item[PK])} has no body`, 'CORRUPT');
}

function idOf(item: Item): string {
  return String(item[PK]).slice(ITEM_KEYS.articlePrefix.length);
}

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * The ArticleStore on DynamoDB. Writes are ordered so a crash never leaves a feed entry pointing at nothing:
 * put writes the article, then its feed entries, then removes stale ones; delete removes the feed entries first.
 * Readers skip a feed entry whose article is missing or has moved. DynamoDB errors become `StoreError`s.
 *
 * @example
 * const client = new DynamoDbHttpClient({ region: 'eu-west-1', credentials: defaultProvider() });
 * const store = new DynamoDbArticleStore({ client, tableName: config.tableName, clock: systemClock });
 * await store.put(article); //=> { status: 'created', article }
 */
export class DynamoDbArticleStore implements ArticleStore {
  private readonly client: DynamoDbHttpClient;
  private readonly table: string;
  private readonly clock: Clock;
  private readonly maxConflictRetries: number;

  constructor(options: DynamoDbArticleStoreOptions) {
    this.client = options.client;
    this.table = options.tableName;
    this.clock = options.clock;
    this.maxConflictRetries = options.maxConflictRetries ?? 10;
  }

  async put(article: Article): Promise<PutResult> {
    checkStorable(article);
    for (let attempt = 0; attempt < this.maxConflictRetries; attempt++) {
      // One consistent query reads the article, its feed entries and any tombstone.
      const part = await this.readPartition(article.id);
      const current = part.article;
      const previous = current && decodeBody(current);
      if (current && previous && current.contentHash === article.contentHash) {
        // Replays write nothing; they only re-add feed entries a crashed writer left out.
        await this.syncFeedEntries(previous, part.entries, false);
        return { status: 'unchanged', article: previous };
      }
      const now = this.clock();
      const stored = previous ? stampUpdated(article, now) : article;
      const changedAt = now.toISOString();
      const item: Item = {
        ...articleKey(stored.id),
        type: 'article',
        id: stored.id,
        contentHash: stored.contentHash,
        feedOrder: feedOrderKey(stored),
        feedKeys: feedKeysOf(stored),
        changedAt,
        [CHANGE_INDEX.partitionKey]: ITEM_KEYS.changesPartition,
        [CHANGE_INDEX.sortKey]: `${changedAt}#${stored.id}`,
        ...encodeBody(stored),
      };
      try {
        await this.call(() =>
          this.client.putItem(
            current
              ? {
                  TableName: this.table,
                  Item: item,
                  ConditionExpression: 'contentHash = :old',
                  ExpressionAttributeValues: { ':old': current.contentHash },
                }
              : {
                  TableName: this.table,
                  Item: item,
                  ConditionExpression: 'attribute_not_exists(#pk)',
                  ExpressionAttributeNames: { '#pk': PK },
                },
          ),
        );
      } catch (err) {
        if (err instanceof ConditionFailed) {
          await sleep(Math.min(500, 10 * 2 ** attempt) * Math.random()); // full jitter
          continue; // another writer won: read again and decide again
        }
        throw err;
      }
      await this.syncFeedEntries(stored, part.entries, part.tombstone);
      const copy = structuredClone(stored);
      return previous ? { status: 'updated', article: copy, previous } : { status: 'created', article: copy };
    }
    throw new StoreError(`article ${article.id} kept changing under ${this.maxConflictRetries} attempts to write it`, 'CONFLICT');
  }

  async get(id: string): Promise<Article | undefined> {
    const item = await this.getItem(articleKey(id));
    return item && decodeBody(item);
  }

  async listFeed(feedKey: string, options: ListOptions): Promise<Page<Article>> {
    const limit = checkLimit(options.limit);
    let before = options.cursor === undefined ? undefined : decodeCursor(options.cursor, 'feed', feedKey);
    const items: Article[] = [];
    for (;;) {
      const want = limit - items.length;
      const input: QueryInput = {
        TableName: this.table,
        IndexName: FEED_INDEX.indexName,
        KeyConditionExpression: before === undefined ? '#pk = :pk' : '#pk = :pk AND #sk < :before',
        ExpressionAttributeNames: { '#pk': FEED_INDEX.partitionKey, '#sk': FEED_INDEX.sortKey },
        ExpressionAttributeValues: { ':pk': `${ITEM_KEYS.feedPrefix}${feedKey}`, ...(before === undefined ? {} : { ':before': before }) },
        ScanIndexForward: false,
        Limit: want + 1, // one more, to know whether there is a next page
      };
      if (before === undefined) delete input.ExpressionAttributeNames!['#sk'];
      const entries = (await this.call(() => this.client.query(input))).Items ?? [];
      const page = entries.slice(0, want);
      const bodies = await this.getArticles(page.map(idOf));
      for (const e of page) {
        const a = bodies.get(idOf(e));
        // Skip entries whose article is gone or has moved (a writer crashed between its writes).
        if (a && feedOrderKey(a) === e[FEED_INDEX.sortKey] && feedKeysOf(a).includes(feedKey)) items.push(a);
      }
      const last = page.at(-1);
      if (entries.length <= want || !last) return { items, cursor: undefined };
      before = String(last[FEED_INDEX.sortKey]);
      if (items.length >= limit) return { items, cursor: encodeCursor('feed', feedKey, before) };
    }
  }

  /**
   * Counts the feed's ByFeed entries (`Select: 'COUNT'`, keys only, every page). With `olderThan`, only entries whose
   * sort key `<instant>#<id>` is below `feedOrderKey(olderThan)`: listed after it, as the feed is listed descending.
   * An entry a crashed writer left dangling is counted until a replay of that put or delete repairs it. GSI reads are
   * eventually consistent, as `listFeed`'s are: a write made a moment ago may not be counted yet.
   *
   * @example
   * await store.countFeed('category:سياسة', { olderThan: article }) //=> 40 (entries listed after `article`)
   */
  async countFeed(feedKey: string, options: { olderThan?: Pick<Article, 'id' | 'published'> } = {}): Promise<number> {
    const before = options.olderThan && feedOrderKey(options.olderThan);
    let count = 0;
    let start: Item | undefined;
    do {
      const r = await this.call(() =>
        this.client.query({
          TableName: this.table,
          IndexName: FEED_INDEX.indexName,
          KeyConditionExpression: before === undefined ? '#pk = :pk' : '#pk = :pk AND #sk < :before',
          ExpressionAttributeNames: { '#pk': FEED_INDEX.partitionKey, ...(before === undefined ? {} : { '#sk': FEED_INDEX.sortKey }) },
          ExpressionAttributeValues: { ':pk': `${ITEM_KEYS.feedPrefix}${feedKey}`, ...(before === undefined ? {} : { ':before': before }) },
          Select: 'COUNT',
          ExclusiveStartKey: start,
        }),
      );
      count += r.Count;
      start = r.LastEvaluatedKey;
    } while (start);
    return count;
  }

  async listChangedSince(since: string, options: ListOptions): Promise<Page<ArticleChange>> {
    const limit = checkLimit(options.limit);
    const from = changeKeyAfter(since);
    const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor, 'changes', since);
    // Strictly after the cursor, at or after `from`: the larger bound wins ('>' on the cursor, '>=' on from).
    const useCursor = after !== undefined && compareCodePoints(after, from) >= 0;
    const bound = useCursor ? after : from;
    const input: QueryInput = {
      TableName: this.table,
      IndexName: CHANGE_INDEX.indexName,
      KeyConditionExpression: bound === '' ? '#pk = :pk' : `#pk = :pk AND #sk ${useCursor ? '>' : '>='} :bound`,
      ExpressionAttributeNames: { '#pk': CHANGE_INDEX.partitionKey, ...(bound === '' ? {} : { '#sk': CHANGE_INDEX.sortKey }) },
      ExpressionAttributeValues: { ':pk': ITEM_KEYS.changesPartition, ...(bound === '' ? {} : { ':bound': bound }) },
      ScanIndexForward: true,
      Limit: limit + 1,
    };
    const entries = (await this.call(() => this.client.query(input))).Items ?? [];
    const page = entries.slice(0, limit);
    const bodies = await this.getArticles(page.filter((e) => e[SK] === ITEM_KEYS.articleSortKey).map(idOf));
    const items: ArticleChange[] = page.map((e) => {
      const id = idOf(e);
      const at = String(e[CHANGE_INDEX.sortKey]).slice(0, 24);
      const article = e[SK] === ITEM_KEYS.articleSortKey ? bodies.get(id) : undefined;
      return article ? { id, kind: 'put', at, article } : { id, kind: 'delete', at };
    });
    const last = page.at(-1);
    return {
      items,
      cursor: entries.length > limit && last ? encodeCursor('changes', since, String(last[CHANGE_INDEX.sortKey])) : undefined,
    };
  }

  async delete(id: string): Promise<Article | undefined> {
    const { article: current, entries } = await this.readPartition(id);
    if (!current) return undefined;
    // Feed entries first: a crash after this leaves an article missing from feeds (a retry finishes), never a dangling entry.
    await this.batchWrite(entries.map((e) => ({ DeleteRequest: { Key: { [PK]: e[PK], [SK]: e[SK] } } })));
    let old: Item | undefined;
    try {
      old = (
        await this.call(() =>
          this.client.deleteItem({
            TableName: this.table,
            Key: articleKey(id),
            ConditionExpression: 'attribute_exists(#pk)',
            ExpressionAttributeNames: { '#pk': PK },
            ReturnValues: 'ALL_OLD',
          }),
        )
      ).Attributes;
    } catch (err) {
      if (err instanceof ConditionFailed) return undefined; // deleted meanwhile by someone else
      throw err;
    }
    const at = this.clock().toISOString();
    await this.call(() =>
      this.client.putItem({
        TableName: this.table,
        Item: {
          ...tombstoneKey(id),
          type: 'tombstone',
          id,
          changedAt: at,
          [CHANGE_INDEX.partitionKey]: ITEM_KEYS.changesPartition,
          [CHANGE_INDEX.sortKey]: `${at}#${id}`,
        },
      }),
    );
    return old ? decodeBody(old) : decodeBody(current);
  }

  // ---- helpers ----

  /** Makes the article's feed entries match its feed keys and order: puts missing or moved ones, deletes stale ones (and the tombstone). */
  private async syncFeedEntries(article: Article, existing: Item[], dropTombstone: boolean): Promise<void> {
    const order = feedOrderKey(article);
    const wanted = new Set(feedKeysOf(article));
    const have = new Map(existing.map((e) => [String(e[SK]).slice(ITEM_KEYS.feedPrefix.length), e]));
    const puts: WriteRequest[] = [...wanted]
      .filter((k) => have.get(k)?.[FEED_INDEX.sortKey] !== order)
      .map((feedKey) => ({
        PutRequest: {
          Item: {
            ...feedEntryKey(article.id, feedKey),
            type: 'feed-entry',
            id: article.id,
            feedKey,
            [FEED_INDEX.partitionKey]: `${ITEM_KEYS.feedPrefix}${feedKey}`,
            [FEED_INDEX.sortKey]: order,
          },
        },
      }));
    const deletes: WriteRequest[] = existing
      .filter((e) => !wanted.has(String(e[SK]).slice(ITEM_KEYS.feedPrefix.length)))
      .map((e) => ({ DeleteRequest: { Key: { [PK]: e[PK], [SK]: e[SK] } } }));
    if (dropTombstone) deletes.push({ DeleteRequest: { Key: tombstoneKey(article.id) } });
    // Distinct keys, so one batch is safe; the article item is already written, so no entry can dangle.
    await this.batchWrite([...puts, ...deletes]);
  }

  /** Every item under the article's partition, read consistently: the article, its feed entries, its tombstone. */
  private async readPartition(id: string): Promise<{ article: Item | undefined; entries: Item[]; tombstone: boolean }> {
    const out = { article: undefined as Item | undefined, entries: [] as Item[], tombstone: false };
    let start: Item | undefined;
    do {
      const r = await this.call(() =>
        this.client.query({
          TableName: this.table,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': PK },
          ExpressionAttributeValues: { ':pk': `${ITEM_KEYS.articlePrefix}${id}` },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of r.Items ?? []) {
        const sk = String(item[SK]);
        if (sk === ITEM_KEYS.articleSortKey) out.article = item;
        else if (sk === ITEM_KEYS.tombstoneSortKey) out.tombstone = true;
        else if (sk.startsWith(ITEM_KEYS.feedPrefix)) out.entries.push(item);
      }
      start = r.LastEvaluatedKey;
    } while (start);
    return out;
  }

  private async getItem(key: Record<string, string>): Promise<Item | undefined> {
    return this.call(() => this.client.getItem({ TableName: this.table, Key: key, ConsistentRead: true }));
  }

  /** Article bodies by id (BatchGetItem, 100 keys a call, unprocessed keys retried). Missing ids are absent. */
  private async getArticles(ids: string[]): Promise<Map<string, Article>> {
    const out = new Map<string, Article>();
    for (const chunk of chunks([...new Set(ids)], 100)) {
      let keys: Item[] = chunk.map(articleKey);
      for (let attempt = 0; keys.length > 0; attempt++) {
        if (attempt > 8) throw new StoreError('DynamoDB kept returning unprocessed keys', 'UNAVAILABLE');
        if (attempt > 0) await sleep(Math.min(1000, 2 ** attempt * 10));
        const r = await this.call(() => this.client.batchGetItem({ RequestItems: { [this.table]: { Keys: keys, ConsistentRead: true } } }));
        for (const item of r.Responses?.[this.table] ?? []) out.set(idOf(item), decodeBody(item));
        keys = r.UnprocessedKeys?.[this.table]?.Keys ?? [];
      }
    }
    return out;
  }

  private async batchWrite(requests: WriteRequest[]): Promise<void> {
    for (const chunk of chunks(requests, 25)) {
      let pending = chunk;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 8) throw new StoreError('DynamoDB kept returning unprocessed writes', 'UNAVAILABLE');
        if (attempt > 0) await sleep(Math.min(1000, 2 ** attempt * 10));
        const r = await this.call(() => this.client.batchWriteItem({ RequestItems: { [this.table]: pending } }));
        pending = r.UnprocessedItems?.[this.table] ?? [];
      }
    }
  }

  /** Runs one DynamoDB call, translating its errors into domain errors. */
  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (err) {
      throw translateError(err);
    }
  }
}

/** DynamoDB error → StoreError (or the internal ConditionFailed the store handles itself). */
function translateError(err: unknown): Error {
  if (err instanceof DynamoDbResponseError) {
    if (err.type === 'ConditionalCheckFailedException') return new ConditionFailed(err.message);
    if (err.type === 'TransactionConflictException') return new StoreError('DynamoDB write conflict', 'CONFLICT', { cause: err });
    // Throttling and 5xx reach here only once the client's retries are spent; the rest (missing table, validation, access) too is "not now".
    return new StoreError(`DynamoDB ${err.operation} failed: ${err.type} (HTTP ${err.status}): ${err.message}`, 'UNAVAILABLE', {
      cause: err,
    });
  }
  if (err instanceof DynamoDbNetworkError) return new StoreError(`DynamoDB unavailable: ${err.message}`, 'UNAVAILABLE', { cause: err });
  if (err instanceof StoreError) return err;
  const e = err as { name?: string; message?: string };
  return new StoreError(`DynamoDB unavailable: ${e?.name ?? 'error'}: ${e?.message ?? String(err)}`, 'UNAVAILABLE', { cause: err });
}
