// Handler test fixture: dynalite + s3rver on 127.0.0.1, the env a deployed function gets, and S3/DynamoDB read helpers.
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import type { AttributeValue } from 'aws-lambda';
import { DynamoDbArticleStore } from '../../lambda/adapters/dynamodb-article-store.ts';
import { articleKey } from '../../lambda/adapters/dynamodb-table-design.ts';
import { systemClock } from '../../lambda/adapters/system-clock.ts';
import { startDynalite, type DynaliteHandle } from '../support/dynalite.ts';
import { startS3rver, type S3rverHandle } from '../support/s3rver.ts';

export interface StoredObject {
  key: string;
  body: Buffer;
  contentType: string | undefined;
  cacheControl: string | undefined;
  metadata: Record<string, string>;
  lastModified: Date | undefined;
}

export interface CloudFixture {
  db: DynaliteHandle;
  s3: S3rverHandle;
  tableName: string;
  /** A store on the same table, to seed and inspect what handlers did. */
  store: DynamoDbArticleStore;
  /** The article item as a Lambda stream image (binary values base64, like the JSON event). */
  articleImage(id: string): Promise<Record<string, AttributeValue>>;
  listKeys(prefix?: string): Promise<string[]>;
  getObject(key: string): Promise<StoredObject>;
  putObject(key: string, body: string): Promise<void>;
  stop(): Promise<void>;
}

/** Starts both servers and sets the environment the stack gives a function (plus local endpoints). */
export async function startCloudFixture(env: Record<string, string> = {}): Promise<CloudFixture> {
  const db = await startDynalite();
  const s3 = await startS3rver({ bucket: 'nashra-site' });
  const tableName = await db.createTable();
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    BUCKET_NAME: s3.bucket,
    STAGE: 'test',
    SITE_BASE_URL: 'https://feeds.nashra.test/',
    AWS_REGION: 'us-east-1',
    // s3rver accepts only its own key pair; dynalite accepts any.
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    S3_FORCE_PATH_STYLE: 'true',
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    AWS_MAX_ATTEMPTS: '2',
    POWERTOOLS_LOG_LEVEL: process.env.NASHRA_TEST_LOG_LEVEL ?? 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
    ...env,
  });
  const store = new DynamoDbArticleStore({ client: db.http, tableName, clock: systemClock });
  return {
    db,
    s3,
    tableName,
    store,
    async articleImage(id) {
      const r = await db.client.send(
        new GetItemCommand({
          TableName: tableName,
          Key: Object.fromEntries(Object.entries(articleKey(id)).map(([k, v]) => [k, { S: v }])),
        }),
      );
      if (!r.Item) throw new Error(`no article item ${id}`);
      // Lambda's JSON stream events carry binary attributes base64-encoded.
      return JSON.parse(JSON.stringify(r.Item, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v))) as Record<
        string,
        AttributeValue
      >;
    },
    async listKeys(prefix = '') {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const r = await s3.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix, ContinuationToken: token }));
        keys.push(...(r.Contents ?? []).map((o) => o.Key!));
        token = r.NextContinuationToken;
      } while (token);
      return keys.sort();
    },
    async getObject(key) {
      const r = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
      return {
        key,
        body: Buffer.from(await r.Body!.transformToByteArray()),
        contentType: r.ContentType,
        cacheControl: r.CacheControl,
        metadata: r.Metadata ?? {},
        lastModified: r.LastModified,
      };
    },
    async putObject(key, body) {
      await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: body }));
    },
    async stop() {
      await s3.stop();
      await db.stop();
    },
  };
}
