// Runs the ArticleStore contract against DynamoDbArticleStore on dynalite (127.0.0.1), through DynamoDbHttpClient; one table per test.
import { afterAll, beforeAll } from 'vitest';
import { DynamoDbArticleStore } from '../../lambda/adapters/dynamodb-article-store.ts';
import { startDynalite, type DynaliteHandle } from '../support/dynalite.ts';
import { describeArticleStoreContract } from './article-store.contract.ts';

let db: DynaliteHandle;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(async () => {
  await db.stop();
});

describeArticleStoreContract(
  'DynamoDbArticleStore (dynalite)',
  async (clock) => new DynamoDbArticleStore({ client: db.http, tableName: await db.createTable(), clock }),
  { propertyRuns: 3 },
);
