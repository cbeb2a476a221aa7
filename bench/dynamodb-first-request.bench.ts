// DynamoDB first-request bench: node start → render bundle ready → first DynamoDB answer → first S3 answer (a local
// 127.0.0.1 server), with the store's DynamoDbHttpClient (shipped) against the SDK's DynamoDB document client, interleaved
// runs. The cold-start bench stops at "ready"; this one shows what the first invocation's requests add on top.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleRenderVariants } from './support/bundle-render-variants.ts';
import { benchLambdaEnv, median, runNodeScript, sampleInterleaved } from './support/run-node-script.ts';

const RUNS = Number(process.env.DYNAMODB_FIRST_REQUEST_RUNS ?? 20);
const out = mkdtempSync(path.join(tmpdir(), 'nashra-ddb-first-'));
// DynamoDB (a JSON POST with X-Amz-Target): an empty GetItem answer. S3: 404 NoSuchKey.
const server = createServer((req, res) => {
  req.resume().on('end', () => {
    if (req.headers['x-amz-target']) res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{}');
    else res.writeHead(404, { 'content-type': 'application/xml' }).end('<Error><Code>NoSuchKey</Code></Error>');
  });
});

const S3_GET =
  "import { createS3FeedPublisher } from './create-s3-feed-publisher.ts';\nimport { readLambdaConfig } from '../adapters/lambda-config.ts';\n" +
  "const s3Get = () => createS3FeedPublisher(readLambdaConfig()).get('feeds/none.rss');\n";

/** The shipped render handler plus `dynamo()` (one GetItem as that variant makes it) and `s3()` (one S3 GET, as shipped). */
const ENTRIES = {
  'DynamoDbHttpClient (shipped)':
    "export { handler } from './render.ts';\nimport { createDynamoDbHttpClient } from './handler-runtime.ts';\n" +
    S3_GET +
    "export const dynamo = () => createDynamoDbHttpClient(readLambdaConfig()).getItem({ TableName: 'bench-table', Key: { PK: 'ARTICLE#x', SK: 'ARTICLE' } });\n" +
    'export const s3 = s3Get;',
  'SDK DynamoDB client':
    "export { handler } from './render.ts';\nimport { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';\n" +
    S3_GET +
    'const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });\n' +
    "export const dynamo = () => doc.send(new GetCommand({ TableName: 'bench-table', Key: { PK: 'ARTICLE#x', SK: 'ARTICLE' } }));\n" +
    'export const s3 = s3Get;',
};

interface Sample {
  ready: number;
  dynamo: number;
  s3: number;
  /** CPU ms (user + system) of the child up to ready, and up to both answers: less sensitive than wall time to a busy machine. */
  cpuReady: number;
  cpuDone: number;
}

function run(file: string, env: NodeJS.ProcessEnv): Promise<Sample> {
  const script =
    'const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; }; ' +
    `import(${JSON.stringify(pathToFileURL(file).href)}).then(async (m) => { const ready = performance.now(); const cpuReady = cpu(); await m.dynamo(); const dynamo = performance.now(); ` +
    'await m.s3(); const s3 = performance.now(); console.log(JSON.stringify({ ready, dynamo, s3, cpuReady, cpuDone: cpu() })); })';
  return runNodeScript<Sample>(script, env, 10_000);
}

try {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const env = benchLambdaEnv({
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_ENDPOINT_URL_S3: endpoint,
    AWS_MAX_ATTEMPTS: '1',
    S3_FORCE_PATH_STYLE: 'true',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  const files = await bundleRenderVariants(ENTRIES, out);
  const samples = await sampleInterleaved(files, RUNS, (file) => run(file, env));
  console.log(
    `render bundle: node start → ready → first DynamoDB answer → first S3 answer, ${RUNS} interleaved runs (node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)}):`,
  );
  console.log(
    `  ${'DynamoDB over'.padEnd(28)} ${'ready'.padStart(9)} ${'DynamoDB'.padStart(10)} ${'then S3'.padStart(10)}   ${'CPU ready'.padStart(9)} ${'CPU done'.padStart(9)}`,
  );
  const base = median(samples.get('SDK DynamoDB client')!.map((s) => s.s3));
  const baseCpu = median(samples.get('SDK DynamoDB client')!.map((s) => s.cpuDone));
  for (const [name, xs] of samples) {
    const s3 = median(xs.map((s) => s.s3));
    console.log(
      `  ${name.padEnd(28)} ${median(xs.map((s) => s.ready))
        .toFixed(1)
        .padStart(7)}ms ${median(xs.map((s) => s.dynamo))
        .toFixed(1)
        .padStart(8)}ms ${s3.toFixed(1).padStart(8)}ms` +
        `   ${median(xs.map((s) => s.cpuReady))
          .toFixed(1)
          .padStart(7)}ms ${median(xs.map((s) => s.cpuDone))
          .toFixed(1)
          .padStart(7)}ms` +
        `   (both answered ${(s3 - base >= 0 ? '+' : '') + (s3 - base).toFixed(1)} ms wall, ${(median(xs.map((s) => s.cpuDone)) - baseCpu).toFixed(1)} ms CPU vs SDK)`,
    );
  }
  console.log(
    '  (medians of times since node start: handler ready, first DynamoDB GetItem answered, then first S3 GET answered; CPU: user+system at ready and at both answered)',
  );
} finally {
  server.close();
  rmSync(out, { recursive: true, force: true });
}
