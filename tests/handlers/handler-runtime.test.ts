// The handlers' DynamoDB client from the Lambda config: region, endpoint, AWS_MAX_ATTEMPTS, and the environment's keys per request.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { LambdaConfigError, readLambdaConfig } from '../../lambda/adapters/lambda-config.ts';
import { createDynamoDbHttpClient } from '../../lambda/handlers/handler-runtime.ts';

const base = { TABLE_NAME: 't', BUCKET_NAME: 'b' };
const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY, token: process.env.AWS_SESSION_TOKEN };
afterEach(() => {
  for (const [k, v] of [
    ['AWS_ACCESS_KEY_ID', saved.id],
    ['AWS_SECRET_ACCESS_KEY', saved.secret],
    ['AWS_SESSION_TOKEN', saved.token],
  ] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

it('needs AWS_REGION, and defaults to the regional endpoint', () => {
  expect(() => createDynamoDbHttpClient(readLambdaConfig(base))).toThrow(LambdaConfigError);
  expect(() => createDynamoDbHttpClient(readLambdaConfig(base))).toThrow(/AWS_REGION: is not set/);
  const client = createDynamoDbHttpClient(readLambdaConfig({ ...base, AWS_REGION: 'me-south-1' }));
  expect([client.region, client.endpoint]).toEqual(['me-south-1', 'https://dynamodb.me-south-1.amazonaws.com']);
});

it('sends to AWS_ENDPOINT_URL_DYNAMODB, makes AWS_MAX_ATTEMPTS attempts, and signs with the keys in the environment at each request', async () => {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    req.resume().on('end', () => {
      seen.push(req.headers);
      res
        .writeHead(500, { 'content-type': 'application/x-amz-json-1.0' })
        .end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'boom' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = createDynamoDbHttpClient(
      readLambdaConfig({ ...base, AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL_DYNAMODB: endpoint, AWS_MAX_ATTEMPTS: '2' }),
    );
    const get = () => client.getItem({ TableName: 't', Key: { PK: 'x', SK: 'y' } }).catch((e: unknown) => e as Error);
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'ASIAFIRST', AWS_SECRET_ACCESS_KEY: 's1', AWS_SESSION_TOKEN: 't1' });
    expect((await get())?.name).toBe('InternalServerError');
    expect(seen).toHaveLength(2);
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'ASIASECOND', AWS_SECRET_ACCESS_KEY: 's2', AWS_SESSION_TOKEN: 't2' });
    await get();
    expect(seen.map((h) => /Credential=(\w+)\//.exec(String(h.authorization))?.[1])).toEqual([
      'ASIAFIRST',
      'ASIAFIRST',
      'ASIASECOND',
      'ASIASECOND',
    ]);
    expect(seen.map((h) => h['x-amz-security-token'])).toEqual(['t1', 't1', 't2', 't2']);
    expect(String(seen[0]!.authorization)).toContain('/eu-west-1/dynamodb/aws4_request');
  } finally {
    await new Promise((r) => server.close(r));
  }
});
