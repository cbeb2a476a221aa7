// Starts dynalite (an in-process DynamoDB) on 127.0.0.1 at a free port, with the store's client, SDK clients for inspection, and table creation.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbHttpClient, type DynamoDbHttpClientOptions } from '../../lambda/adapters/dynamodb-http-client.ts';
import { createTableInput } from '../../lambda/adapters/dynamodb-table-design.ts';

type DynaliteFactory = (options: { createTableMs?: number; deleteTableMs?: number; updateTableMs?: number }) => Server;

export interface DynaliteHandle {
  /** e.g. "http://127.0.0.1:41234". */
  endpoint: string;
  /** The client the store and the handlers use (aws4fetch), pointed at the server (dummy credentials, region us-east-1). */
  http: DynamoDbHttpClient;
  /** An SDK client pointed at the server, to create tables and inspect items independently of the store's client. */
  client: DynamoDBClient;
  /** A lib-dynamodb document client over `client`. */
  doc: DynamoDBDocumentClient;
  /** Creates a table with the store's exact key schema (dynamodb-table-design.ts); returns its name. */
  createTable(name?: string): Promise<string>;
  stop(): Promise<void>;
}

/** Client settings for a local endpoint: fixed region, dummy credentials, few retries. */
export function localDynamoConfig(endpoint: string) {
  return {
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 2,
  };
}

/**
 * A DynamoDbHttpClient for a local endpoint: fixed region, dummy credentials, two attempts with short backoff.
 *
 * @example
 * const client = localDynamoHttpClient(db.endpoint, { maxAttempts: 1 });
 */
export function localDynamoHttpClient(endpoint: string, options: Partial<DynamoDbHttpClientOptions> = {}): DynamoDbHttpClient {
  return new DynamoDbHttpClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 2,
    baseDelayMs: 10,
    throttlingBaseDelayMs: 10,
    ...options,
  });
}

/**
 * Starts dynalite in this process (in-memory LevelDB, tables ACTIVE at once).
 *
 * @example
 * const db = await startDynalite();
 * const table = await db.createTable();
 * const store = new DynamoDbArticleStore({ client: db.http, tableName: table, clock });
 * await db.stop();
 */
export async function startDynalite(): Promise<DynaliteHandle> {
  const dynalite = createRequire(import.meta.url)('dynalite') as DynaliteFactory;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient(localDynamoConfig(endpoint));
  const doc = DynamoDBDocumentClient.from(client);
  return {
    endpoint,
    http: localDynamoHttpClient(endpoint),
    client,
    doc,
    async createTable(name = `articles-${randomBytes(4).toString('hex')}`) {
      await client.send(new CreateTableCommand(createTableInput(name)));
      return name;
    },
    async stop() {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
