// The shipped bundles, not the sources: ingest → render → serve run as esbuild bundles them for synth (per-handler
// exclusions, credential alias, lazy parser) against dynalite + s3rver; and what no bundle may contain.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { handlerEntryOf, handlerEsbuildOptions } from '../../infra/constructs/handler-esbuild-options.ts';
import type { HandlerName } from '../../infra/constructs/nashra-function.ts';
import { tableArticleInput } from '../http-table/table-fixture.ts';
import { startCloudFixture, type CloudFixture } from './cloud-fixture.ts';
import { apiGatewayV2EventFrom, s3PutEvent, streamRecord } from './lambda-events.ts';

const out = mkdtempSync(path.join(tmpdir(), 'nashra-bundled-'));
let cloud: CloudFixture;

/** Bundles one handler as NodejsFunction does from HANDLER_BUNDLING (ESM, minified, alias, exclusions) and imports it. */
async function importBundled<T>(name: HandlerName): Promise<T> {
  const outfile = path.join(out, `${name}.mjs`);
  await build({ ...handlerEsbuildOptions(name), sourcemap: false, entryPoints: [handlerEntryOf(name)], outfile });
  return (await import(pathToFileURL(outfile).href)) as T;
}

type HttpHandler = { handler: (event: unknown) => Promise<APIGatewayProxyStructuredResultV2> };

beforeAll(async () => {
  cloud = await startCloudFixture();
}, 60_000);

afterAll(async () => {
  await cloud?.stop();
  rmSync(out, { recursive: true, force: true });
});

it('ingest, render and serve bundles store, publish and serve an article', async () => {
  const ingest = await importBundled<HttpHandler>('ingest');
  const input = tableArticleInput(1);
  const posted = await ingest.handler(
    await apiGatewayV2EventFrom(
      new Request('http://x/articles', { method: 'POST', body: JSON.stringify(input), headers: { 'content-type': 'application/json' } }),
    ),
  );
  expect(posted.statusCode).toBe(201);
  const id = (JSON.parse(posted.body!) as { results: Array<{ id: string }> }).results[0]!.id;

  const render = await importBundled<{ handler: (event: unknown) => Promise<{ batchItemFailures: unknown[] }> }>('render');
  const image = await cloud.articleImage(id);
  const rendered = await render.handler({ Records: [streamRecord('INSERT', { PK: image.PK!, SK: image.SK! }, { NewImage: image })] });
  expect(rendered.batchItemFailures).toEqual([]);
  expect(await cloud.listKeys('feeds/')).toEqual(expect.arrayContaining(['feeds/all.rss', 'feeds/all.atom', 'feeds/all.json']));
  expect((await cloud.getObject('feeds/all.rss')).body.toString('utf8')).toContain(input.title);

  const serve = await importBundled<HttpHandler>('serve');
  const served = await serve.handler(await apiGatewayV2EventFrom(new Request('http://x/api/feeds/all.atom')));
  expect(served.statusCode).toBe(200);
  const body = served.isBase64Encoded ? Buffer.from(served.body!, 'base64').toString('utf8') : served.body!;
  expect(body).toContain(input.title);
}, 120_000);

it('the ingest bundle files an incoming/ object (Arabic name) through its lazily loaded S3 inbox', async () => {
  const ingest = await importBundled<{ handler: (event: unknown) => Promise<{ processed: number; rejected: number }> }>('ingest');
  const body = JSON.stringify([tableArticleInput(2), { ...tableArticleInput(3), url: 'ftp://x' }]);
  await cloud.putObject('incoming/دفعة المساء.json', body);
  expect(await ingest.handler(s3PutEvent(cloud.s3.bucket, 'incoming/دفعة المساء.json', body.length))).toEqual({
    processed: 0,
    rejected: 1,
  });
  expect(await cloud.listKeys('incoming/')).toEqual([]);
  expect((await cloud.getObject('rejected/دفعة المساء.json')).body.toString('utf8')).toBe(body);
  const report = JSON.parse((await cloud.getObject('rejected/دفعة المساء.json.errors.json')).body.toString('utf8'));
  expect(report.errors.errors).toEqual([expect.objectContaining({ path: '$[1].url', code: 'URL_NOT_HTTP' })]);
}, 60_000);

it('the ingest bundle reads a saved HTML page from incoming/ through its lazily loaded HTML reader', async () => {
  const ingest = await importBundled<{ handler: (event: unknown) => Promise<{ processed: number; rejected: number }> }>('ingest');
  const page = readFileSync(path.resolve(import.meta.dirname, '../fixtures/real-pages/albayan-afghan-embassy.html'), 'utf8');
  await cloud.putObject('incoming/البيان.html', page);
  const size = Buffer.byteLength(page);
  expect(await ingest.handler(s3PutEvent(cloud.s3.bucket, 'incoming/البيان.html', size))).toEqual({ processed: 1, rejected: 0 });
  const titles = (await cloud.store.listFeed('all', { limit: 100 })).items.map((a) => a.title);
  expect(titles).toContain('القائم بأعمال السفارة الأفغانية يثمّن جهود الإمارات');
}, 60_000);

it.each<HandlerName>(['ingest', 'render', 'rebuild', 'rebuild-plan', 'rebuild-feeds', 'serve'])(
  'the %s bundle holds neither the SDK S3 client nor classic zod (their bytes are compiled at every cold start)',
  async (name) => {
    const { metafile } = await build({
      ...handlerEsbuildOptions(name),
      sourcemap: false,
      metafile: true,
      entryPoints: [handlerEntryOf(name)],
      write: false,
    });
    const inputs = Object.keys(metafile.inputs);
    expect(inputs.length).toBeGreaterThan(50);
    // S3 goes through aws4fetch (S3Http): S3FeedPublisher in render/rebuild, S3ObjectInbox on ingest's incoming/ path.
    expect(inputs.filter((f) => f.includes('node_modules/@aws-sdk/client-s3/'))).toEqual([]);
    // Article input and site config are both on zod/mini; classic zod would add ~420 KiB.
    expect(inputs.filter((f) => f.includes('node_modules/zod/v4/classic/'))).toEqual([]);
    if (name === 'ingest') expect(inputs.some((f) => f.includes('node_modules/zod/v4/mini/'))).toBe(true);
    // Ingest never renders (storeArticles imports no renderer); serve serves what was published. Neither holds `feed` or the renderers.
    const renderers = inputs.filter(
      (f) => f.includes('node_modules/feed/') || f.includes('node_modules/xml-js/') || /lambda\/core\/feeds\/render-/.test(f),
    );
    if (name === 'ingest' || name === 'serve') expect(renderers).toEqual([]);
    else expect(renderers.length).toBeGreaterThan(0);
  },
  60_000,
);

it('no bundle holds the AWS SDK DynamoDB clients: every handler reaches DynamoDB through DynamoDbHttpClient (metafile)', async () => {
  const withStore: HandlerName[] = [];
  for (const name of ['ingest', 'render', 'rebuild', 'rebuild-plan', 'rebuild-feeds', 'serve'] as const) {
    const r = await build({
      ...handlerEsbuildOptions(name),
      sourcemap: false,
      entryPoints: [handlerEntryOf(name)],
      outdir: out,
      write: false,
      metafile: true,
    });
    const inputs = Object.keys(r.metafile.inputs);
    const packages = new Set(inputs.map((p) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(p)?.[1]).filter(Boolean));
    expect(packages.has('@aws-sdk/client-dynamodb'), name).toBe(false);
    expect(packages.has('@aws-sdk/lib-dynamodb'), name).toBe(false);
    // Where the store is bundled, what replaced them is there: the store's client, aws4fetch and the marshaller.
    if (inputs.some((p) => p.endsWith('lambda/adapters/dynamodb-article-store.ts'))) {
      withStore.push(name);
      expect(
        inputs.some((p) => p.endsWith('lambda/adapters/dynamodb-http-client.ts')),
        name,
      ).toBe(true);
      expect(packages.has('aws4fetch') && packages.has('@aws-sdk/util-dynamodb'), name).toBe(true);
    }
  }
  // The functions that read or write the table (serve reads only the published documents).
  expect(withStore).toEqual(['ingest', 'render', 'rebuild', 'rebuild-plan', 'rebuild-feeds']);
}, 60_000);
