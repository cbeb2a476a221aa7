// The single-table DynamoDB design of DynamoDbArticleStore: key names, GSIs and item keys; the CDK stack and test tables import it.
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The table's keys and indexes. One table holds three kinds of item, all under the article's partition:
 *
 * | item | PK | SK | GSI keys |
 * |---|---|---|---|
 * | article | `ARTICLE#<id>` | `ARTICLE` | ByChange: `CHANGES` / `<changedAt>#<id>` |
 * | feed entry (one per feed key) | `ARTICLE#<id>` | `FEED#<feedKey>` | ByFeed: `FEED#<feedKey>` / `<published instant>#<id>` |
 * | tombstone (after a delete) | `ARTICLE#<id>` | `DELETED` | ByChange: `CHANGES` / `<deletedAt>#<id>` |
 *
 * "A feed, newest first" is a ByFeed query, descending. "What changed since" is a ByChange query, ascending.
 * Both GSIs project keys only: the store reads article bodies with BatchGetItem, so bodies are stored once.
 *
 * @example
 * TABLE_DESIGN.globalSecondaryIndexes.map((g) => g.indexName) //=> ['ByFeed', 'ByChange']
 */
export const TABLE_DESIGN = {
  partitionKey: 'PK',
  sortKey: 'SK',
  globalSecondaryIndexes: [
    { indexName: 'ByFeed', partitionKey: 'GSI1PK', sortKey: 'GSI1SK', projection: 'KEYS_ONLY' },
    { indexName: 'ByChange', partitionKey: 'GSI2PK', sortKey: 'GSI2SK', projection: 'KEYS_ONLY' },
  ],
  /** The render function reads both images of every change. */
  streamViewType: 'NEW_AND_OLD_IMAGES',
} as const;

export const FEED_INDEX = TABLE_DESIGN.globalSecondaryIndexes[0];
export const CHANGE_INDEX = TABLE_DESIGN.globalSecondaryIndexes[1];

/** Sort-key values and prefixes of the three item kinds. */
export const ITEM_KEYS = {
  articlePrefix: 'ARTICLE#',
  articleSortKey: 'ARTICLE',
  feedPrefix: 'FEED#',
  tombstoneSortKey: 'DELETED',
  changesPartition: 'CHANGES',
} as const;

/** The primary key of an article item. */
export function articleKey(id: string): Record<string, string> {
  return { [TABLE_DESIGN.partitionKey]: `${ITEM_KEYS.articlePrefix}${id}`, [TABLE_DESIGN.sortKey]: ITEM_KEYS.articleSortKey };
}

/** The primary key of an article's entry in one feed. */
export function feedEntryKey(id: string, feedKey: string): Record<string, string> {
  return { [TABLE_DESIGN.partitionKey]: `${ITEM_KEYS.articlePrefix}${id}`, [TABLE_DESIGN.sortKey]: `${ITEM_KEYS.feedPrefix}${feedKey}` };
}

/** The primary key of a deleted article's tombstone. */
export function tombstoneKey(id: string): Record<string, string> {
  return { [TABLE_DESIGN.partitionKey]: `${ITEM_KEYS.articlePrefix}${id}`, [TABLE_DESIGN.sortKey]: ITEM_KEYS.tombstoneSortKey };
}

/**
 * CreateTable input with exactly this design (on-demand billing, NEW_AND_OLD_IMAGES stream), for tests and scripts.
 *
 * @example
 * await client.send(new CreateTableCommand(createTableInput('articles')));
 */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const keyNames = [
    TABLE_DESIGN.partitionKey,
    TABLE_DESIGN.sortKey,
    ...TABLE_DESIGN.globalSecondaryIndexes.flatMap((g) => [g.partitionKey, g.sortKey]),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keyNames.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: TABLE_DESIGN.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_DESIGN.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: TABLE_DESIGN.globalSecondaryIndexes.map((g) => ({
      IndexName: g.indexName,
      KeySchema: [
        { AttributeName: g.partitionKey, KeyType: 'HASH' },
        { AttributeName: g.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: g.projection },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE_DESIGN.streamViewType },
  };
}
