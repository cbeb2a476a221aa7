// Real-shaped Lambda events for handler tests: API Gateway HTTP API (payload v2), S3 ObjectCreated, DynamoDB stream records.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, AttributeValue, DynamoDBRecord, S3Event } from 'aws-lambda';

const TEXT_BODY = /^(text\/|application\/(json|x-ndjson|ndjson|x-www-form-urlencoded|xml))/i;

/**
 * The event API Gateway sends for a Request: lower-case headers (duplicates joined by ","), cookies apart,
 * rawPath/rawQueryString, text bodies as strings and anything else base64, an IAM requestContext.
 */
export async function apiGatewayV2EventFrom(request: Request, options: { host?: string } = {}): Promise<APIGatewayProxyEventV2> {
  const url = new URL(request.url);
  const host = options.host ?? 'abc123.execute-api.eu-west-1.amazonaws.com';
  const headers: Record<string, string> = {};
  request.headers.forEach((v, k) => {
    if (k !== 'cookie') headers[k] = v;
  });
  headers.host = host;
  headers['x-forwarded-proto'] = 'https';
  const cookies = request.headers.get('cookie')?.split(/;\s*/);
  const bytes = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
  const text = bytes && TEXT_BODY.test(request.headers.get('content-type') ?? '') && !request.headers.has('content-encoding');
  const requestId = randomUUID();
  const now = new Date();
  return {
    version: '2.0',
    routeKey: url.pathname === '/articles' && request.method === 'POST' ? 'POST /articles' : '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies ? { cookies } : {}),
    headers,
    ...(url.search ? { queryStringParameters: Object.fromEntries(url.searchParams) } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: host,
      domainPrefix: 'abc123',
      http: {
        method: request.method,
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: headers['user-agent'] ?? 'test',
      },
      requestId,
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      authorizer: {
        iam: {
          accessKey: 'AKIAEXAMPLE',
          accountId: '123456789012',
          callerId: 'AIDAEXAMPLE',
          principalOrgId: null,
          userArn: 'arn:aws:iam::123456789012:user/ingest',
          userId: 'AIDAEXAMPLE',
        },
      },
    } as APIGatewayProxyEventV2['requestContext'],
    ...(bytes
      ? { body: text ? new TextDecoder().decode(bytes) : Buffer.from(bytes).toString('base64'), isBase64Encoded: !text }
      : { isBase64Encoded: false }),
  };
}

/** The Response a client of API Gateway receives for a handler's structured result. */
export function responseFromApiGatewayV2(result: APIGatewayProxyStructuredResultV2): Response {
  const headers = new Headers();
  for (const [k, v] of Object.entries(result.headers ?? {})) headers.set(k, String(v));
  for (const c of result.cookies ?? []) headers.append('set-cookie', c);
  const body =
    result.body === undefined ? null : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : Buffer.from(result.body, 'utf8');
  const status = result.statusCode ?? 200;
  return new Response(status === 204 || status === 304 ? null : body, { status, headers });
}

/** An S3 ObjectCreated:Put notification for one key, as the bucket sends it (key URL-encoded, spaces as "+"). */
export function s3PutEvent(bucket: string, key: string, size: number): S3Event {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'us-east-1',
        eventTime: new Date().toISOString(),
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'AWS:AIDAEXAMPLE' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': randomUUID(), 'x-amz-id-2': 'example' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'incoming',
          bucket: { name: bucket, ownerIdentity: { principalId: 'EXAMPLE' }, arn: `arn:aws:s3:::${bucket}` },
          object: {
            key: encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+'),
            size,
            eTag: 'etag',
            sequencer: '0055AED6DCD90281E5',
          },
        },
      },
    ],
  };
}

let sequence = 4_200_000_000_000_000_000n;

/** One DynamoDB stream record (Lambda's JSON shape: binary values base64) for an item change. */
export function streamRecord(
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  keys: Record<string, AttributeValue>,
  images: { OldImage?: Record<string, AttributeValue>; NewImage?: Record<string, AttributeValue> },
): DynamoDBRecord {
  sequence += 100n;
  return {
    eventID: randomUUID().replace(/-/g, ''),
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      Keys: keys,
      ...images,
      SequenceNumber: String(sequence),
      SizeBytes: 512,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: 'arn:aws:dynamodb:us-east-1:123456789012:table/articles/stream/2026-11-26T00:00:00.000',
  };
}
