// DynamoDB client bench: CPU per request (sign, marshal, send, parse) of DynamoDbHttpClient against the SDK's DynamoDB
// document client, on a trivial 127.0.0.1 server so the client side dominates; interleaved rounds, same process.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbHttpClient } from '../lambda/adapters/dynamodb-http-client.ts';

const N = Number(process.env.DYNAMODB_CLIENT_REQUESTS ?? 400);
const ROUNDS = 5;
const feedEntries = Array.from({ length: 50 }, (_, i) => ({
  PK: { S: `ARTICLE#a${i}` },
  SK: { S: 'FEED#all' },
  GSI1PK: { S: 'FEED#all' },
  GSI1SK: { S: `2024-05-01T10:00:00.000Z#a${i}` },
}));
// GetItem and PutItem answer {}; Query answers one page of 50 feed entries (what listFeed reads before its BatchGetItem).
const server = createServer((req, res) => {
  req.resume().on('end', () => {
    const query = req.headers['x-amz-target'] === 'DynamoDB_20120810.Query';
    res
      .writeHead(200, { 'content-type': 'application/x-amz-json-1.0' })
      .end(query ? JSON.stringify({ Items: feedEntries, Count: 50, ScannedCount: 50 }) : '{}');
  });
});

try {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };
  const sdk = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const http = new DynamoDbHttpClient({ endpoint, region: 'us-east-1', credentials: async () => credentials, maxAttempts: 1 });
  const item = {
    PK: 'ARTICLE#a1',
    SK: 'ARTICLE',
    type: 'article',
    contentHash: 'f'.repeat(64),
    feedKeys: ['all', 'category:سياسة'],
    body: JSON.stringify({ title: 'خبر', content: 'نص '.repeat(600) }),
  };
  const key = { PK: 'ARTICLE#a1', SK: 'ARTICLE' };
  const query = {
    TableName: 'bench',
    IndexName: 'ByFeed',
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': 'GSI1PK' },
    ExpressionAttributeValues: { ':pk': 'FEED#all' },
    ScanIndexForward: false,
    Limit: 51,
  };
  const ops = {
    'PutItem (3 KB item)': {
      sdk: () => sdk.send(new PutCommand({ TableName: 'bench', Item: item, ConditionExpression: 'attribute_not_exists(PK)' })),
      http: () => http.putItem({ TableName: 'bench', Item: item, ConditionExpression: 'attribute_not_exists(PK)' }),
    },
    GetItem: {
      sdk: () => sdk.send(new GetCommand({ TableName: 'bench', Key: key, ConsistentRead: true })),
      http: () => http.getItem({ TableName: 'bench', Key: key, ConsistentRead: true }),
    },
    'Query (50 entries)': {
      sdk: () => sdk.send(new QueryCommand(query)),
      http: () => http.query(query),
    },
  };
  const cpuPerRequest = async (f: () => Promise<unknown>) => {
    const c0 = process.cpuUsage();
    for (let i = 0; i < N; i++) await f();
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000 / N;
  };
  for (const op of Object.values(ops)) for (const f of Object.values(op)) for (let i = 0; i < 50; i++) await f(); // warm up
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `CPU per request (client + local server), median of ${ROUNDS} interleaved rounds of ${N} (node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)}):`,
  );
  for (const [name, op] of Object.entries(ops)) {
    const xs: Record<'sdk' | 'http', number[]> = { sdk: [], http: [] };
    for (let r = 0; r < ROUNDS; r++) {
      xs.sdk.push(await cpuPerRequest(op.sdk));
      xs.http.push(await cpuPerRequest(op.http));
    }
    const [s, h] = [median(xs.sdk), median(xs.http)];
    console.log(
      `  ${name.padEnd(20)} SDK document client ${s.toFixed(3)} ms   DynamoDbHttpClient ${h.toFixed(3)} ms   ${(h / s).toFixed(2)}× the SDK`,
    );
  }
  sdk.destroy();
} finally {
  server.close();
}
