// The signed-ingest script against a 127.0.0.1 server that checks the SigV4 signature independently (node:crypto, the documented algorithm).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
let server: Server;
let seen: { method: string; url: string; headers: IncomingHttpHeaders; body: Buffer } | undefined;

/** Recomputes the SigV4 signature of a received request (AWS "Create a signed AWS API request" steps). */
function expectedSignature(r: NonNullable<typeof seen>): string {
  const auth = r.headers.authorization!;
  const signedHeaders = /SignedHeaders=([^,]+)/.exec(auth)![1]!.split(';');
  const [, date, region, service] = /Credential=[^/]+\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/.exec(auth)!;
  const canonicalHeaders = signedHeaders.map((h) => `${h}:${String(r.headers[h]).trim()}\n`).join('');
  const url = new URL(r.url, 'http://x');
  const canonical = [
    'POST',
    url.pathname,
    url.search.slice(1),
    canonicalHeaders,
    signedHeaders.join(';'),
    createHash('sha256').update(r.body).digest('hex'),
  ].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', r.headers['x-amz-date'], scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
  let key: Buffer = createHmac('sha256', `AWS4${SECRET}`).update(date!).digest();
  for (const part of [region!, service!, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  return createHmac('sha256', key).update(toSign).digest('hex');
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks) };
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"results":[]}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
});
afterAll(() => new Promise((r) => server.close(r)));

it('signs the POST for execute-api in the given region, with a signature that verifies', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nashra-sign-'));
  try {
    const file = path.join(dir, 'today.ndjson');
    writeFileSync(file, '{"title":"خبر"}\n');
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/articles`;
    // Async: the server answering the script lives in this process.
    const { AWS_SESSION_TOKEN: _t, AWS_PROFILE: _p, ...env } = process.env;
    const r = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/post-articles-signed.ts', endpoint, file, '--region', 'eu-west-1'],
      {
        encoding: 'utf8',
        env: { ...env, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: SECRET },
        timeout: 30_000,
      },
    );
    expect(r.stdout).toContain('201');
    expect(seen?.method).toBe('POST');
    expect(seen?.headers['content-type']).toBe('application/x-ndjson');
    expect(seen?.body.toString('utf8')).toBe('{"title":"خبر"}\n');
    const auth = seen!.headers.authorization!;
    expect(auth).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/execute-api\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/,
    );
    expect(/Signature=([0-9a-f]{64})/.exec(auth)![1]).toBe(expectedSignature(seen!));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
