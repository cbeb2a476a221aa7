// The render handler on dynalite + s3rver: a stream batch with INSERT, MODIFY, REMOVE and a poison record, then a replay.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedKeysOf, feedNameOf } from '../../lambda/core/feeds/feed-keys.ts';
import { createTestArticle, editTestArticle } from '../support/article-factory.ts';
import { feedparserParse, xmllintErrors } from '../support/feed-tools.ts';
import { startCloudFixture, type CloudFixture } from './cloud-fixture.ts';
import { streamRecord } from './lambda-events.ts';

let cloud: CloudFixture;
let hub: Server;
const hubPings: URLSearchParams[] = [];
let handler: typeof import('../../lambda/handlers/render.ts').handler;

const politics = createTestArticle({ title: 'قمة عربية في الرياض تبحث الأمن الإقليمي', categories: ['سياسة'], authors: ['سارة المحمد'] });
const economy = createTestArticle({ title: 'ارتفاع أسعار النفط في الأسواق الآسيوية', categories: ['اقتصاد'], authors: ['خالد العتيبي'] });
const moved = editTestArticle(politics, { title: 'قمة عربية في الرياض: بيان ختامي', categories: ['رياضة'] });

let batch: DynamoDBRecord[];
let poisonSequence: string;

beforeAll(async () => {
  hub = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      hubPings.push(new URLSearchParams(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => hub.listen(0, '127.0.0.1', r));
  cloud = await startCloudFixture({ HUB_URL: `http://127.0.0.1:${(hub.address() as AddressInfo).port}/` });

  // The table's real history: two inserts, a category change, a delete. Images are read back from dynalite.
  await cloud.store.put(politics);
  const politicsImage = await cloud.articleImage(politics.id);
  await cloud.store.put(economy);
  const economyImage = await cloud.articleImage(economy.id);
  await cloud.store.put(moved);
  const movedImage = await cloud.articleImage(moved.id);
  await cloud.store.delete(economy.id);

  const keysOf = (image: Record<string, AttributeValue>) => ({ PK: image.PK!, SK: image.SK! });
  const poisonImage = { ...politicsImage, PK: { S: 'ARTICLE#poison' }, body: { S: '{"id": "poison", "title": ' } };
  // Records are created in stream order, so sequence numbers increase along the batch.
  const first = streamRecord('INSERT', keysOf(politicsImage), { NewImage: politicsImage });
  const poison = streamRecord('INSERT', keysOf(poisonImage), { NewImage: poisonImage });
  poisonSequence = poison.dynamodb!.SequenceNumber!;
  batch = [
    first,
    poison,
    streamRecord('INSERT', keysOf(economyImage), { NewImage: economyImage }),
    // A feed-entry item change: no article in it, touches nothing by itself.
    streamRecord(
      'INSERT',
      { PK: { S: `ARTICLE#${economy.id}` }, SK: { S: 'FEED#all' } },
      { NewImage: { PK: { S: `ARTICLE#${economy.id}` }, SK: { S: 'FEED#all' } } },
    ),
    streamRecord('MODIFY', keysOf(movedImage), { OldImage: politicsImage, NewImage: movedImage }),
    streamRecord('REMOVE', keysOf(economyImage), { OldImage: economyImage }),
  ];
  ({ handler } = await import('../../lambda/handlers/render.ts'));
});

afterAll(async () => {
  await cloud?.stop();
  await new Promise((r) => hub?.close(r));
});

describe('render handler', () => {
  let firstFailures: Array<{ itemIdentifier: string }>;

  it('reports only the poison record as failed; the rest of the batch is rendered and published', async () => {
    const response = await handler({ Records: batch });
    firstFailures = response.batchItemFailures;
    expect(firstFailures).toEqual([{ itemIdentifier: poisonSequence }]);
    const keys = await cloud.listKeys();
    for (const ext of ['rss', 'atom', 'json']) {
      expect(keys).toContain(`feeds/all.${ext}`);
      expect(keys).toContain(`feeds/category-رياضه.${ext}`);
    }
    expect(keys).toContain('index.html');
  });

  it('re-renders exactly the touched feeds: the moved article left its old category, the deleted one its feeds', async () => {
    const keys = await cloud.listKeys('feeds/');
    // Old category of the moved article and every feed of the deleted article are gone (no article left in them).
    for (const gone of [...feedKeysOf(economy), 'category:سياسه']) {
      if (gone === 'all' || feedKeysOf(moved).includes(gone)) continue;
      expect(
        keys.filter((k) => k.startsWith(`feeds/${feedNameOf(gone)}.`)),
        gone,
      ).toEqual([]);
    }
    const all = (await cloud.getObject('feeds/all.rss')).body.toString('utf8');
    expect(all).toContain('قمة عربية في الرياض: بيان ختامي');
    expect(all).not.toContain('ارتفاع أسعار النفط');
    expect(all).not.toContain('poison');
  });

  it('publishes with Content-Type (charset, a type CloudFront compresses), Cache-Control and the body hash as metadata; feeds parse', async () => {
    // Atom and JSON Feed under their generic types: CloudFront compresses application/xml and application/json only.
    const types = {
      rss: 'application/rss+xml; charset=utf-8',
      atom: 'application/xml; charset=utf-8',
      json: 'application/json; charset=utf-8',
    };
    const dir = mkdtempSync(path.join(tmpdir(), 'nashra-render-'));
    try {
      for (const [ext, type] of Object.entries(types)) {
        const o = await cloud.getObject(`feeds/category-رياضه.${ext}`);
        expect(o.contentType).toBe(type);
        expect(o.cacheControl).toMatch(/^public, max-age=\d+/);
        expect(o.metadata.sha256).toBe(createHash('sha256').update(o.body).digest('hex'));
        writeFileSync(path.join(dir, `sport.${ext}`), o.body);
      }
      const xml = ['rss', 'atom'].map((e) => path.join(dir, `sport.${e}`));
      expect([...(await xmllintErrors(xml)).values()].filter(Boolean)).toEqual([]);
      const parsed = feedparserParse(xml);
      for (const f of parsed) {
        expect(f.bozo, f.bozoException ?? '').toBe(false);
        expect(f.entries.map((e) => e.title)).toEqual(['قمة عربية في الرياض: بيان ختامي']);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('pings the WebSub hub with the changed feeds', () => {
    expect(hubPings).toHaveLength(1);
    expect(hubPings[0]!.get('hub.mode')).toBe('publish');
    const urls = hubPings[0]!.getAll('hub.url');
    expect(urls).toContain('https://feeds.nashra.test/feeds/all.atom');
    expect(urls).toContain(`https://feeds.nashra.test/${encodeURI('feeds/category-رياضه.rss')}`);
  });

  it('a replayed batch gives the same failure ids, writes nothing and pings nobody', async () => {
    const before = new Map<string, string>();
    for (const k of await cloud.listKeys()) {
      const o = await cloud.getObject(k);
      before.set(k, `${o.lastModified?.toISOString()} ${o.metadata.sha256}`);
    }
    await new Promise((r) => setTimeout(r, 1100)); // S3 Last-Modified has one-second resolution
    const response = await handler({ Records: batch });
    expect(response.batchItemFailures).toEqual(firstFailures);
    const after = new Map<string, string>();
    for (const k of await cloud.listKeys()) {
      const o = await cloud.getObject(k);
      after.set(k, `${o.lastModified?.toISOString()} ${o.metadata.sha256}`);
    }
    expect(after).toEqual(before);
    expect(hubPings).toHaveLength(1);
  });

  it('a batch without article changes renders nothing and fails nothing', async () => {
    const keys = await cloud.listKeys();
    const response = await handler({ Records: [batch[3]!] });
    expect(response.batchItemFailures).toEqual([]);
    expect(await cloud.listKeys()).toEqual(keys);
  });
});
