// Posts an article file to the deployed POST /articles with a SigV4-signed request (execute-api), using the standard AWS credential chain.
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SignatureV4 } from '@smithy/signature-v4';

const TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.ndjson': 'application/x-ndjson',
  '.jsonl': 'application/x-ndjson',
  '.txt': 'text/plain; charset=utf-8',
};

/** node:crypto behind the hash interface SignatureV4 expects (HMAC when given a secret). */
class NodeSha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', NodeSha256.bytes(secret));
  }
  private static bytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
    if (typeof data === 'string') return data;
    return data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(NodeSha256.bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

/**
 * `npx tsx scripts/post-articles-signed.ts <IngestEndpoint> <file.json|.ndjson|.txt> [--region eu-west-1]`.
 * Credentials come from the usual chain (env, profile, SSO, role); the caller needs `execute-api:Invoke` on the route.
 *
 * @example
 * npx tsx scripts/post-articles-signed.ts https://abc123.execute-api.eu-west-1.amazonaws.com/articles samples/articles/one.json
 * //=> 201 {"results":[{"index":0,"status":"created","id":"…"}]}
 */
export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { region: { type: 'string' } } });
  const [endpoint, file] = positionals;
  if (!endpoint || !file) {
    process.stderr.write('usage: post-articles-signed <IngestEndpoint> <file.json|.ndjson|.txt> [--region r]\n');
    return 2;
  }
  const url = new URL(endpoint);
  const region = values.region ?? process.env.AWS_REGION ?? /\.execute-api\.([a-z0-9-]+)\./.exec(url.hostname)?.[1];
  if (!region) {
    process.stderr.write('no region: pass --region or set AWS_REGION\n');
    return 2;
  }
  const contentType = TYPES[path.extname(file).toLowerCase()] ?? 'text/plain; charset=utf-8';
  const body = await readFile(file);
  // Any SDK client resolves the default credential chain; this one is never used to call DynamoDB.
  const credentials = new DynamoDBClient({ region }).config.credentials;
  const signer = new SignatureV4({ service: 'execute-api', region, credentials, sha256: NodeSha256 });
  const signed = await signer.sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { host: url.host, 'content-type': contentType, 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex') },
    body,
  });
  const res = await fetch(url, { method: 'POST', headers: signed.headers, body });
  const text = await res.text();
  process.stdout.write(`${res.status} ${text}\n`);
  return res.ok ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
