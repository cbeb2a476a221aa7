// DynamoDbHttpClient on dynalite (the real JSON protocol) and on a stand-in 127.0.0.1 server (retries, error names, signing).
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  DynamoDbHttpClient,
  DynamoDbNetworkError,
  DynamoDbResponseError,
  type DynamoDbHttpClientOptions,
} from '../../lambda/adapters/dynamodb-http-client.ts';
import { localDynamoHttpClient, startDynalite, type DynaliteHandle } from '../support/dynalite.ts';

let db: DynaliteHandle;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(async () => {
  await db.stop();
});

describe('DynamoDbHttpClient on dynalite', () => {
  it('writes every attribute type as the SDK reads it, and reads it back as plain values', async () => {
    const table = await db.createTable();
    const item = {
      PK: 'ARTICLE#خبر-١',
      SK: 'ARTICLE',
      title: 'خبر عاجل: "اقتباس" \\ وسطر\nجديد',
      count: 42,
      ratio: 3.5,
      live: true,
      nothing: null,
      list: [1, 'ب', { deep: ['ج'] }],
      map: { nested: { word: 'د' } },
      words: new Set(['أ', 'ب']),
      numbers: new Set([1, 2]),
      bytes: new Uint8Array([0, 1, 254, 255]),
      gz: Buffer.from('a buffer, as gzipSync returns'),
      blobs: new Set([new Uint8Array([1]), new Uint8Array([2, 3])]),
    };
    expect(await db.http.putItem({ TableName: table, Item: item })).toEqual({});
    // Read with the SDK (an independent marshaller) to see what was stored.
    const raw = (await db.client.send(new GetItemCommand({ TableName: table, Key: { PK: { S: item.PK }, SK: { S: 'ARTICLE' } } }))).Item!;
    expect(raw.title).toEqual({ S: item.title });
    expect(raw.count).toEqual({ N: '42' });
    expect(raw.ratio).toEqual({ N: '3.5' });
    expect(raw.live).toEqual({ BOOL: true });
    expect(raw.nothing).toEqual({ NULL: true });
    expect(raw.list).toEqual({ L: [{ N: '1' }, { S: 'ب' }, { M: { deep: { L: [{ S: 'ج' }] } } }] });
    expect(raw.map).toEqual({ M: { nested: { M: { word: { S: 'د' } } } } });
    expect(new Set(raw.words!.SS)).toEqual(new Set(['أ', 'ب']));
    expect(new Set(raw.numbers!.NS)).toEqual(new Set(['1', '2']));
    expect([...raw.bytes!.B!]).toEqual([0, 1, 254, 255]);
    expect(Buffer.from(raw.gz!.B!).toString()).toBe('a buffer, as gzipSync returns');
    expect(raw.blobs!.BS!.map((b) => [...b]).sort()).toEqual([[1], [2, 3]]);

    const back = await db.http.getItem({ TableName: table, Key: { PK: item.PK, SK: 'ARTICLE' }, ConsistentRead: true });
    expect(back).toEqual({ ...item, gz: new Uint8Array(item.gz) });
    expect(back!.bytes).toBeInstanceOf(Uint8Array);
    expect(await db.http.getItem({ TableName: table, Key: { PK: 'ARTICLE#none', SK: 'ARTICLE' } })).toBeUndefined();
  });

  it('conditional writes: ALL_OLD answers, and ConditionalCheckFailedException by name', async () => {
    const table = await db.createTable();
    const key = { PK: 'ARTICLE#a', SK: 'ARTICLE' };
    const create = {
      TableName: table,
      Item: { ...key, v: 1 },
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': 'PK' },
    };
    expect(await db.http.putItem({ ...create, ReturnValues: 'ALL_OLD' })).toEqual({});
    const failed = await db.http.putItem(create).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(DynamoDbResponseError);
    expect(failed).toMatchObject({
      name: 'ConditionalCheckFailedException',
      type: 'ConditionalCheckFailedException',
      status: 400,
      operation: 'PutItem',
    });
    expect(
      await db.http.putItem({
        TableName: table,
        Item: { ...key, v: 2 },
        ConditionExpression: 'v = :old',
        ExpressionAttributeValues: { ':old': 1 },
        ReturnValues: 'ALL_OLD',
      }),
    ).toEqual({ Attributes: { ...key, v: 1 } });
    expect(await db.http.deleteItem({ TableName: table, Key: key, ReturnValues: 'ALL_OLD' })).toEqual({ Attributes: { ...key, v: 2 } });
    const gone = await db.http
      .deleteItem({ TableName: table, Key: key, ConditionExpression: 'attribute_exists(#pk)', ExpressionAttributeNames: { '#pk': 'PK' } })
      .catch((e: unknown) => e);
    expect((gone as Error).name).toBe('ConditionalCheckFailedException');
  });

  it('queries pages by LastEvaluatedKey in both directions, and counts with Select COUNT', async () => {
    const table = await db.createTable();
    const sks = Array.from({ length: 7 }, (_, i) => `FEED#${String(i).padStart(2, '0')}`);
    for (const SK of sks) await db.http.putItem({ TableName: table, Item: { PK: 'ARTICLE#q', SK } });
    const seen: string[] = [];
    let start: Record<string, unknown> | undefined;
    let pages = 0;
    do {
      const r = await db.http.query({
        TableName: table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :f)',
        ExpressionAttributeValues: { ':pk': 'ARTICLE#q', ':f': 'FEED#' },
        ScanIndexForward: false,
        Limit: 3,
        ExclusiveStartKey: start,
      });
      expect(r.Count).toBe(r.Items!.length);
      seen.push(...r.Items!.map((i) => String(i.SK)));
      start = r.LastEvaluatedKey;
      pages++;
    } while (start && pages < 10);
    expect(seen).toEqual([...sks].reverse());
    expect(pages).toBe(3);
    const counted = await db.http.query({
      TableName: table,
      KeyConditionExpression: 'PK = :pk AND SK < :before',
      ExpressionAttributeValues: { ':pk': 'ARTICLE#q', ':before': 'FEED#04' },
      Select: 'COUNT',
    });
    expect(counted).toEqual({ Count: 4, ScannedCount: 4 });
  });

  it('batch writes (puts and deletes) and batch gets', async () => {
    const table = await db.createTable();
    const keys = Array.from({ length: 30 }, (_, i) => ({ PK: `ARTICLE#b${i}`, SK: 'ARTICLE' }));
    for (let i = 0; i < keys.length; i += 25) {
      const r = await db.http.batchWriteItem({
        RequestItems: { [table]: keys.slice(i, i + 25).map((k, j) => ({ PutRequest: { Item: { ...k, n: i + j } } })) },
      });
      expect(r).toEqual({});
    }
    await db.http.batchWriteItem({
      RequestItems: { [table]: [{ DeleteRequest: { Key: keys[0]! } }, { DeleteRequest: { Key: keys[1]! } }] },
    });
    const got = await db.http.batchGetItem({
      RequestItems: { [table]: { Keys: keys.slice(0, 5).concat({ PK: 'ARTICLE#none', SK: 'ARTICLE' }), ConsistentRead: true } },
    });
    expect(got.UnprocessedKeys).toBeUndefined();
    expect(got.Responses![table]!.map((i) => i.n).sort()).toEqual([2, 3, 4]);
  });

  it('names the exception of a missing table and of an invalid request', async () => {
    const missing = await db.http.getItem({ TableName: 'no-such-table', Key: { PK: 'x', SK: 'y' } }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ name: 'ResourceNotFoundException', status: 400, operation: 'GetItem' });
    const table = await db.createTable();
    const invalid = await db.http.query({ TableName: table, KeyConditionExpression: 'PK = :missing' }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(DynamoDbResponseError);
    expect((invalid as DynamoDbResponseError).name).toBe('ValidationException');
    expect((invalid as DynamoDbResponseError).message).toMatch(/:missing/);
  });
});

/** What the stand-in answers to one request: a status and a body, or 'reset' (close the socket), or 'hang' (never answer). */
type Answer = { status: number; body?: string; headers?: Record<string, string> } | 'reset' | 'hang';

interface Seen {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A 127.0.0.1 server answering request i with answers[i] (the last one repeats), recording every request. */
async function standIn(answers: Answer[]): Promise<{ endpoint: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const hanging: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const a = answers[Math.min(seen.length, answers.length) - 1]!;
      if (a === 'reset') req.socket.destroy();
      else if (a === 'hang') hanging.push(res);
      else res.writeHead(a.status, { 'content-type': 'application/x-amz-json-1.0', ...a.headers }).end(a.body ?? '');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

const error = (type: string, message: string) => JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message });
const ok = (body: object = {}): Answer => ({ status: 200, body: JSON.stringify(body) });
const fast: Partial<DynamoDbHttpClientOptions> = { maxAttempts: 3, baseDelayMs: 5, throttlingBaseDelayMs: 5 };
const getItem = (client: DynamoDbHttpClient) => client.getItem({ TableName: 't', Key: { PK: 'ARTICLE#a', SK: 'ARTICLE' } });

describe('DynamoDbHttpClient retries and errors (stand-in server)', () => {
  it('retries throttling answers with the same signed request, then returns the item', async () => {
    const s = await standIn([
      {
        status: 400,
        body: error('ProvisionedThroughputExceededException', 'The level of configured provisioned throughput for the table was exceeded.'),
      },
      { status: 400, body: error('ThrottlingException', 'Rate of requests exceeds the allowed throughput.') },
      ok({ Item: { PK: { S: 'ARTICLE#a' }, b: { B: Buffer.from([0, 1, 255]).toString('base64') } } }),
    ]);
    try {
      const item = await getItem(localDynamoHttpClient(s.endpoint, fast));
      expect(item).toEqual({ PK: 'ARTICLE#a', b: new Uint8Array([0, 1, 255]) });
      expect(s.seen).toHaveLength(3);
      for (const r of s.seen) {
        expect(r.headers['x-amz-target']).toBe('DynamoDB_20120810.GetItem');
        expect(r.headers['content-type']).toBe('application/x-amz-json-1.0');
        expect(JSON.parse(r.body)).toEqual({ TableName: 't', Key: { PK: { S: 'ARTICLE#a' }, SK: { S: 'ARTICLE' } } });
      }
    } finally {
      await s.close();
    }
  });

  it('a clock-skew refusal is re-signed with the server clock (its Date header), once, without backoff', async () => {
    const serverNow = Date.now() + 40 * 60_000; // the server is 40 minutes ahead of this machine
    const date = new Date(serverNow).toUTCString();
    const s = await standIn([
      {
        status: 400,
        body: error('InvalidSignatureException', 'Signature expired: 20261205T170000Z is now earlier than …'),
        headers: { date },
      },
      ok({ Item: { PK: { S: 'ARTICLE#a' } } }),
    ]);
    try {
      const client = localDynamoHttpClient(s.endpoint, { ...fast, maxAttempts: 1 });
      expect(await getItem(client)).toEqual({ PK: 'ARTICLE#a' });
      expect(s.seen).toHaveLength(2);
      const stamp = (i: number) =>
        Date.parse(
          String(s.seen[i]!.headers['x-amz-date']).replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'),
        );
      expect(Math.abs(stamp(0) - Date.now())).toBeLessThan(60_000);
      expect(Math.abs(stamp(1) - serverNow)).toBeLessThan(60_000);
      expect(Math.abs(client.clockOffsetMs - 40 * 60_000)).toBeLessThan(5_000);
    } finally {
      await s.close();
    }
  });

  it('an InvalidSignatureException that is not about time is not retried', async () => {
    const s = await standIn([
      {
        status: 400,
        body: error('InvalidSignatureException', 'The request signature we calculated does not match'),
        headers: { date: new Date().toUTCString() },
      },
    ]);
    try {
      await expect(getItem(localDynamoHttpClient(s.endpoint, fast))).rejects.toThrow(/does not match/);
      expect(s.seen).toHaveLength(1);
    } finally {
      await s.close();
    }
  });

  it('does not retry a ValidationException, and names it with its status and message', async () => {
    const s = await standIn([
      {
        status: 400,
        body: JSON.stringify({
          __type: 'com.amazon.coral.validate#ValidationException',
          message: 'One or more parameter values were invalid',
        }),
      },
      ok(),
    ]);
    try {
      const e = await getItem(localDynamoHttpClient(s.endpoint, fast)).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(DynamoDbResponseError);
      expect(e).toMatchObject({
        name: 'ValidationException',
        status: 400,
        message: 'One or more parameter values were invalid',
        operation: 'GetItem',
      });
      expect(s.seen).toHaveLength(1);
    } finally {
      await s.close();
    }
  });

  it('gives up after maxAttempts throttled answers, with the last exception', async () => {
    const s = await standIn([
      {
        status: 400,
        body: error('RequestLimitExceeded', 'Throughput exceeds the current throughput limit for your account.'),
        headers: { 'x-amzn-RequestId': 'REQ1' },
      },
    ]);
    try {
      const e = await getItem(localDynamoHttpClient(s.endpoint, fast)).catch((x: unknown) => x);
      expect(e).toMatchObject({ name: 'RequestLimitExceeded', status: 400, requestId: 'REQ1' });
      expect(s.seen).toHaveLength(3);
      const once = await getItem(localDynamoHttpClient(s.endpoint, { ...fast, maxAttempts: 1 })).catch((x: unknown) => x);
      expect((once as Error).name).toBe('RequestLimitExceeded');
      expect(s.seen).toHaveLength(4);
    } finally {
      await s.close();
    }
  });

  it('retries 5xx answers and 429, reading the type from the body, the header or the status', async () => {
    const s = await standIn([
      { status: 500, body: error('InternalServerError', 'Internal server error') },
      { status: 503, body: '<html>busy</html>', headers: { 'x-amzn-ErrorType': 'ServiceUnavailable:http://internal.amazon.com/coral/' } },
      { status: 429 },
      { status: 502 },
    ]);
    try {
      const e = await getItem(localDynamoHttpClient(s.endpoint, { ...fast, maxAttempts: 4 })).catch((x: unknown) => x);
      expect(s.seen).toHaveLength(4);
      expect(e).toMatchObject({ name: 'HTTP502', status: 502 });
      const again = await standIn([
        { status: 503, body: '', headers: { 'x-amzn-ErrorType': 'ServiceUnavailable:http://internal.amazon.com/coral/' } },
      ]);
      try {
        const e2 = await getItem(localDynamoHttpClient(again.endpoint, { ...fast, maxAttempts: 1 })).catch((x: unknown) => x);
        expect(e2).toMatchObject({ name: 'ServiceUnavailable', status: 503 });
      } finally {
        await again.close();
      }
    } finally {
      await s.close();
    }
  });

  it('retries a dropped connection and a timed-out attempt; an unreachable endpoint is a DynamoDbNetworkError', async () => {
    const s = await standIn(['reset', 'hang', ok({ Item: { PK: { S: 'ARTICLE#a' } } })]);
    try {
      expect(await getItem(localDynamoHttpClient(s.endpoint, { ...fast, requestTimeoutMs: 300 }))).toEqual({ PK: 'ARTICLE#a' });
      expect(s.seen).toHaveLength(3);
    } finally {
      await s.close();
    }
    const e = await getItem(localDynamoHttpClient(s.endpoint, fast)).catch((x: unknown) => x); // closed: refused
    expect(e).toBeInstanceOf(DynamoDbNetworkError);
    expect((e as Error).message).toMatch(/^DynamoDB GetItem: network error: .*ECONNREFUSED/);
  });

  it('signs with SigV4 for dynamodb (verified independently), re-reading a credential provider per request', async () => {
    const s = await standIn([ok()]);
    try {
      let calls = 0;
      const keys = [
        { accessKeyId: 'ASIAFIRST', secretAccessKey: 'first/secret', sessionToken: 'token-1' },
        { accessKeyId: 'ASIASECOND', secretAccessKey: 'second/secret', sessionToken: 'token-2' },
      ];
      const client = new DynamoDbHttpClient({
        region: 'me-south-1',
        endpoint: s.endpoint,
        credentials: async () => keys[Math.min(calls++, 1)]!,
      });
      await getItem(client);
      await client.putItem({ TableName: 't', Item: { PK: 'ARTICLE#ب', SK: 'ARTICLE', body: 'نص' } });
      expect(calls).toBe(2);
      s.seen.forEach((r, i) => {
        const k = keys[i]!;
        expect(r.headers['x-amz-security-token']).toBe(k.sessionToken);
        expect(r.headers['x-amz-content-sha256']).toBe(createHash('sha256').update(r.body).digest('hex'));
        const auth = String(r.headers.authorization);
        expect(auth).toMatch(
          new RegExp(
            `^AWS4-HMAC-SHA256 Credential=${k.accessKeyId}/\\d{8}/me-south-1/dynamodb/aws4_request, SignedHeaders=\\S*x-amz-target\\S*, Signature=[0-9a-f]{64}$`,
          ),
        );
        expect(/Signature=([0-9a-f]{64})/.exec(auth)![1]).toBe(sigV4Signature(r, k.secretAccessKey));
      });
    } finally {
      await s.close();
    }
  });

  it('backs off with full jitter below min(max, base × 2^(attempt − 1))', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, 1000, 20_000, () => 0.5))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffDelayMs(10, 1000, 20_000, () => 0.999)).toBe(19_980);
    expect(backoffDelayMs(1, 50, 20_000, () => 0)).toBe(0);
    for (let i = 0; i < 50; i++) expect(backoffDelayMs(3, 50, 20_000)).toBeLessThan(200);
  });
});

/** The SigV4 signature of a received POST to "/", recomputed with node:crypto from AWS's documented steps. */
function sigV4Signature(r: Seen, secret: string): string {
  const auth = String(r.headers.authorization);
  const names = /SignedHeaders=([^,]+)/.exec(auth)![1]!.split(';');
  const [, day, region, service] = /Credential=[^/]+\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/.exec(auth)!;
  const sha = (x: string) => createHash('sha256').update(x).digest('hex');
  const canonical = [
    'POST',
    '/',
    '',
    names.map((n) => `${n}:${String(r.headers[n]).trim()}\n`).join(''),
    names.join(';'),
    sha(r.body),
  ].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  let key = createHmac('sha256', `AWS4${secret}`).update(day!).digest();
  for (const part of [region!, service!, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  return createHmac('sha256', key)
    .update(['AWS4-HMAC-SHA256', String(r.headers['x-amz-date']), scope, sha(canonical)].join('\n'))
    .digest('hex');
}
