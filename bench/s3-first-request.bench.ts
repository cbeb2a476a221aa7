// S3 first-request bench: node start → render bundle ready → first S3 answer (a 404 from a local server on 127.0.0.1), with
// S3FeedPublisher over aws4fetch (shipped) against the SDK's S3 client, interleaved runs. The cold-start bench stops at
// "ready"; this one shows what the first request adds (the global fetch and WebCrypto load on first use).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleRenderVariants } from './support/bundle-render-variants.ts';
import { benchLambdaEnv, median, runNodeScript, sampleInterleaved } from './support/run-node-script.ts';

const RUNS = Number(process.env.S3_FIRST_REQUEST_RUNS ?? 20);
const out = mkdtempSync(path.join(tmpdir(), 'nashra-s3-first-'));
const server = createServer((req, res) => {
  req.resume();
  res
    .writeHead(404, { 'content-type': 'application/xml' })
    .end(req.method === 'HEAD' ? undefined : '<Error><Code>NoSuchKey</Code></Error>');
});

/** Each entry is the shipped render handler plus a `first()` that makes one S3 request the way that variant would. */
const ENTRIES = {
  'aws4fetch (shipped)':
    "export { handler } from './render.ts';\nimport { createS3FeedPublisher } from './create-s3-feed-publisher.ts';\nimport { readLambdaConfig } from '../adapters/lambda-config.ts';\n" +
    "export const first = () => createS3FeedPublisher(readLambdaConfig()).get('feeds/none.rss');",
  'SDK S3 client':
    "export { handler } from './render.ts';\nimport { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';\nconst s3 = new S3Client({ forcePathStyle: true });\n" +
    "export const first = () => s3.send(new HeadObjectCommand({ Bucket: 'bench-bucket', Key: 'feeds/none.rss' })).catch((e) => e.name);",
};

interface Sample {
  ready: number;
  answered: number;
}

function run(file: string, env: NodeJS.ProcessEnv): Promise<Sample> {
  const script = `import(${JSON.stringify(pathToFileURL(file).href)}).then(async (m) => { const ready = performance.now(); await m.first(); console.log(JSON.stringify({ ready, answered: performance.now() })); })`;
  return runNodeScript<Sample>(script, env, 10_000);
}

try {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const env = benchLambdaEnv({
    AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    AWS_MAX_ATTEMPTS: '1',
    S3_FORCE_PATH_STYLE: 'true',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  const files = await bundleRenderVariants(ENTRIES, out);
  const samples = await sampleInterleaved(files, RUNS, (file) => run(file, env));
  console.log(
    `render bundle: node start → ready → first S3 answer, ${RUNS} interleaved runs (node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)}):`,
  );
  console.log(`  ${'S3 over'.padEnd(20)} ${'ready'.padStart(9)} ${'first answer'.padStart(13)} ${'request'.padStart(9)}`);
  const base = median(samples.get('SDK S3 client')!.map((s) => s.answered));
  for (const [name, xs] of samples) {
    const answered = median(xs.map((s) => s.answered));
    console.log(
      `  ${name.padEnd(20)} ${median(xs.map((s) => s.ready))
        .toFixed(1)
        .padStart(7)}ms ${answered.toFixed(1).padStart(11)}ms ${median(xs.map((s) => s.answered - s.ready))
        .toFixed(1)
        .padStart(7)}ms` + `   (first answer ${(answered - base >= 0 ? '+' : '') + (answered - base).toFixed(1)} ms vs SDK)`,
    );
  }
} finally {
  server.close();
  rmSync(out, { recursive: true, force: true });
}
