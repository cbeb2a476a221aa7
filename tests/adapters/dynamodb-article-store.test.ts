// DynamoDbArticleStore beyond the contract, on dynalite: crash leftovers, replays that repair, races, error translation, stream images.
import { DescribeTableCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleFromDynamoImage, DynamoDbArticleStore } from '../../lambda/adapters/dynamodb-article-store.ts';
import {
  DynamoDbHttpClient,
  type DynamoDbOperation,
  type QueryInput,
  type QueryOutput,
} from '../../lambda/adapters/dynamodb-http-client.ts';
import { articleKey, FEED_INDEX, feedEntryKey, TABLE_DESIGN } from '../../lambda/adapters/dynamodb-table-design.ts';
import { StoreError } from '../../lambda/ports/article-store.ts';
import { feedOrderKey } from '../../lambda/ports/article-store-keys.ts';
import { compareCodePoints } from '../../lambda/core/compare-code-points.ts';
import { steppingClock } from '../contracts/article-store.contract.ts';
import { createTestArticle, editTestArticle, testArticleDate } from '../support/article-factory.ts';
import { localDynamoHttpClient, startDynalite, type DynaliteHandle } from '../support/dynalite.ts';

let db: DynaliteHandle;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(async () => {
  await db.stop();
});

async function newStore(): Promise<{ store: DynamoDbArticleStore; table: string }> {
  const table = await db.createTable();
  return { store: new DynamoDbArticleStore({ client: db.http, tableName: table, clock: steppingClock() }), table };
}

/** Records the operations sent, and caps every COUNT query at `countPage` entries so a small feed spans several pages. */
class PagingClient extends DynamoDbHttpClient {
  readonly sent: DynamoDbOperation[] = [];
  constructor(
    endpoint: string,
    private readonly countPage: number,
  ) {
    super({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  }
  override send(operation: DynamoDbOperation, body: Record<string, unknown>) {
    this.sent.push(operation);
    return super.send(operation, body);
  }
  override query(input: QueryInput): Promise<QueryOutput> {
    return super.query(input.Select === 'COUNT' ? { ...input, Limit: this.countPage } : input);
  }
}

async function feedEntries(table: string, id: string): Promise<string[]> {
  const r = await db.doc.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :f)',
      ExpressionAttributeValues: { ':pk': `ARTICLE#${id}`, ':f': 'FEED#' },
    }),
  );
  return (r.Items ?? []).map((i) => String(i.SK)).sort();
}

describe('DynamoDbArticleStore on dynalite', () => {
  it('creates the table with the exported key schema and indexes', async () => {
    const table = await db.createTable();
    const t = (await db.client.send(new DescribeTableCommand({ TableName: table }))).Table!;
    expect(t.KeySchema).toEqual([
      { AttributeName: TABLE_DESIGN.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_DESIGN.sortKey, KeyType: 'RANGE' },
    ]);
    expect(
      t.GlobalSecondaryIndexes?.map((g) => [g.IndexName, g.KeySchema?.map((k) => k.AttributeName), g.Projection?.ProjectionType]),
    ).toEqual(TABLE_DESIGN.globalSecondaryIndexes.map((g) => [g.indexName, [g.partitionKey, g.sortKey], g.projection]));
  });

  it('skips feed entries whose article is missing or has moved, and still fills the page', async () => {
    const { store, table } = await newStore();
    const real = Array.from({ length: 4 }, (_, i) => createTestArticle({ published: testArticleDate(`2024-05-0${i + 1}T10:00:00Z`) }));
    for (const a of real) await store.put(a);
    // A dangling entry (article never written: a crash between writes elsewhere) newer than everything.
    await db.doc.send(
      new PutCommand({
        TableName: table,
        Item: {
          ...feedEntryKey('ghost', 'all'),
          [FEED_INDEX.partitionKey]: 'FEED#all',
          [FEED_INDEX.sortKey]: '2024-06-01T00:00:00.000Z#ghost',
        },
      }),
    );
    // A stale entry: points at a real article but at a position it no longer has.
    await db.doc.send(
      new PutCommand({
        TableName: table,
        Item: {
          ...feedEntryKey(real[0]!.id, 'category:قديم'),
          [FEED_INDEX.partitionKey]: 'FEED#all',
          [FEED_INDEX.sortKey]: `2024-05-20T00:00:00.000Z#${real[0]!.id}`,
        },
      }),
    );
    const page = await store.listFeed('all', { limit: 3 });
    expect(page.items.map((a) => a.id)).toEqual([real[3]!.id, real[2]!.id, real[1]!.id]);
    const rest = await store.listFeed('all', { limit: 3, cursor: page.cursor });
    expect(rest.items.map((a) => a.id)).toEqual([real[0]!.id]);
    expect(rest.cursor).toBeUndefined();
  });

  it('a replayed put writes nothing new but re-adds feed entries a crashed writer left out', async () => {
    const { store, table } = await newStore();
    const a = createTestArticle({ categories: ['سياسة'], source: 'وكالات' });
    await store.put(a);
    const before = (
      await db.doc.send(
        new QueryCommand({ TableName: table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `ARTICLE#${a.id}` } }),
      )
    ).Items;
    await db.doc.send(new DeleteCommand({ TableName: table, Key: feedEntryKey(a.id, 'category:سياسة') }));
    expect((await store.listFeed('category:سياسة', { limit: 5 })).items).toEqual([]);
    expect((await store.put(a)).status).toBe('unchanged');
    expect((await store.listFeed('category:سياسة', { limit: 5 })).items.map((x) => x.id)).toEqual([a.id]);
    const after = (
      await db.doc.send(
        new QueryCommand({ TableName: table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `ARTICLE#${a.id}` } }),
      )
    ).Items;
    expect(after).toEqual(before);
  });

  it('keeps exactly the feed entries of the latest version', async () => {
    const { store, table } = await newStore();
    const a = createTestArticle({ categories: ['سياسة', 'اقتصاد'], source: 'وكالات', authors: [] });
    await store.put(a);
    expect(await feedEntries(table, a.id)).toEqual(
      ['FEED#all', 'FEED#category:اقتصاد', 'FEED#category:سياسة', 'FEED#source:وكالات'].sort(),
    );
    await store.put(editTestArticle(a, { categories: ['رياضة'], source: undefined }));
    expect(await feedEntries(table, a.id)).toEqual(['FEED#all', 'FEED#category:رياضة']);
    await store.delete(a.id);
    expect(await feedEntries(table, a.id)).toEqual([]);
  });

  it('racing writers of one id all finish, and the stored version is one of theirs', async () => {
    const { store, table } = await newStore();
    const base = createTestArticle();
    const versions = Array.from({ length: 6 }, (_, i) => editTestArticle(base, { title: `نسخة ${i}`, categories: [`قسم ${i}`] }));
    const results = await Promise.all(versions.map((v) => store.put(v)));
    expect(results.filter((r) => r.status === 'created')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'updated')).toHaveLength(5);
    const stored = await store.get(base.id);
    expect(versions.map((v) => v.title)).toContain(stored!.title);
    // Feed entries may lag a racing writer's cleanup, but a replay brings them in line with the stored version.
    await store.put(stored!);
    expect(await feedEntries(table, base.id)).toEqual(
      ['FEED#all', `FEED#author:محمد-العلي`, `FEED#category:${stored!.categories[0]!.replace(' ', '-')}`, 'FEED#source:وكالات'].sort(),
    );
  });

  it('gives StoreError CONFLICT when a writer loses more races than it may retry', async () => {
    const table = await db.createTable();
    const store = new DynamoDbArticleStore({ client: db.http, tableName: table, clock: steppingClock(), maxConflictRetries: 1 });
    const base = createTestArticle();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => store.put(editTestArticle(base, { title: `نسخة ${i}` }))),
    );
    const failures = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => o.reason as StoreError);
    expect(failures.length).toBeGreaterThan(0);
    for (const f of failures) {
      expect(f).toBeInstanceOf(StoreError);
      expect(f.code).toBe('CONFLICT');
    }
    expect(outcomes.filter((o) => o.status === 'fulfilled').length).toBeGreaterThan(0);
  });

  it('turns DynamoDB failures into StoreError UNAVAILABLE (missing table, server down)', async () => {
    const missing = new DynamoDbArticleStore({ client: db.http, tableName: 'no-such-table', clock: steppingClock() });
    const e1 = await missing.get('x').catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(StoreError);
    expect((e1 as StoreError).code).toBe('UNAVAILABLE');
    expect((e1 as StoreError).message).toContain('ResourceNotFoundException');
    expect(((e1 as StoreError).cause as Error).name).toBe('ResourceNotFoundException');

    const down = await startDynalite();
    const endpoint = down.endpoint;
    await down.stop();
    const offline = new DynamoDbArticleStore({
      client: localDynamoHttpClient(endpoint, { maxAttempts: 1 }),
      tableName: 'articles',
      clock: steppingClock(),
    });
    const e2 = await offline.put(createTestArticle()).catch((e: unknown) => e);
    expect(e2).toBeInstanceOf(StoreError);
    expect((e2 as StoreError).code).toBe('UNAVAILABLE');
    expect((e2 as StoreError).message).toMatch(/network error.*ECONNREFUSED/);
  });

  it('reads articles back from stream images (small as JSON, large gzipped), and ignores other items', async () => {
    const { store, table } = await newStore();
    const small = createTestArticle();
    const large = createTestArticle({ content: `<p>${'نص طويل جداً '.repeat(12_000)}</p>` });
    await store.put(small);
    await store.put(large);
    expect(await store.get(large.id)).toEqual(large);
    const image = async (key: Record<string, string>) =>
      (await db.client.send(new GetItemCommand({ TableName: table, Key: { PK: { S: key.PK! }, SK: { S: key.SK! } } }))).Item as never;
    expect(articleFromDynamoImage(await image(articleKey(small.id)))).toEqual(small);
    const largeImage = (await image(articleKey(large.id))) as Record<string, { B?: Uint8Array }>;
    expect(largeImage.bodyGz?.B).toBeInstanceOf(Uint8Array);
    expect(articleFromDynamoImage(largeImage)).toEqual(large);
    // Lambda's JSON stream events carry binary values as base64 strings.
    const asLambda = { ...largeImage, bodyGz: { B: Buffer.from(largeImage.bodyGz!.B!).toString('base64') } };
    expect(articleFromDynamoImage(asLambda)).toEqual(large);
    expect(articleFromDynamoImage(await image(feedEntryKey(small.id, 'all')))).toBeUndefined();
    expect(articleFromDynamoImage(undefined)).toBeUndefined();
  });

  it('counts a 2,500-entry feed across COUNT pages, keys only, at tie instants and at positions not stored', async () => {
    const table = await db.createTable();
    // Raw ByFeed entries (countFeed reads keys only), three to an instant, written with the SDK.
    const entries = Array.from({ length: 2500 }, (_, i) => ({
      id: `n${String(i).padStart(4, '0')}`,
      published: testArticleDate(new Date(Date.UTC(2024, 0, 1) + Math.floor(i / 3) * 1000).toISOString()),
    }));
    for (let i = 0; i < entries.length; i += 25) {
      const puts = entries.slice(i, i + 25).map((e) => ({
        PutRequest: {
          Item: { ...feedEntryKey(e.id, 'all'), [FEED_INDEX.partitionKey]: 'FEED#all', [FEED_INDEX.sortKey]: feedOrderKey(e) },
        },
      }));
      await db.doc.send(new BatchWriteCommand({ RequestItems: { [table]: puts } }));
    }
    const client = new PagingClient(db.endpoint, 1000);
    const store = new DynamoDbArticleStore({ client, tableName: table, clock: steppingClock() });
    const olderThan = (p: Pick<(typeof entries)[number], 'id' | 'published'>) =>
      entries.filter((e) => compareCodePoints(feedOrderKey(e), feedOrderKey(p)) < 0).length;

    expect(await store.countFeed('all')).toBe(2500);
    expect(client.sent).toEqual(['Query', 'Query', 'Query']); // 1000 + 1000 + 500, and no article body read
    expect(await store.countFeed('category:none')).toBe(0);

    // A stored entry in the middle of a tie (n1234 shares its instant with n1233 and n1235).
    const mid = entries[1234]!;
    expect(entries[1233]!.published.instant).toBe(mid.published.instant);
    expect(await store.countFeed('all', { olderThan: mid })).toBe(1234);
    expect(olderThan(mid)).toBe(1234);
    // Positions no entry holds: between two ids of a tie, before a tie's first id, between instants, before and after all.
    const at = (id: string, instant: string) => ({ id, published: testArticleDate(instant) });
    const positions = [
      at('n1234a', mid.published.instant),
      at('m', mid.published.instant),
      at('zzz', new Date(Date.parse(mid.published.instant) + 500).toISOString()),
      at('n0000', '2023-12-31T23:59:59Z'),
      at('n0000', '2030-01-01T00:00:00Z'),
      // The same instant written with an offset counts the same.
      at(
        mid.id,
        mid.published.instant
          .replace(/^(\d{4}-\d{2}-\d{2})T(\d{2})/, (_, d: string, h: string) => `${d}T${String(Number(h) + 3).padStart(2, '0')}`)
          .replace('Z', '+03:00'),
      ),
    ];
    const counts = [];
    for (const p of positions) counts.push(await store.countFeed('all', { olderThan: p }));
    expect(counts).toEqual(positions.map(olderThan));
    expect(counts).toEqual([1235, 1233, 1236, 0, 2500, 1234]);
  });
});
