// The render handler's incremental path on dynalite + s3rver: after stream batches into a feed with archive pages, a full rebuild finds nothing to rewrite.
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../lambda/core/articles/article.ts';
import { createTestArticle, editTestArticle, testArticleDate } from '../support/article-factory.ts';
import { startCloudFixture, type CloudFixture } from './cloud-fixture.ts';
import { streamRecord } from './lambda-events.ts';

let cloud: CloudFixture;
let render: typeof import('../../lambda/handlers/render.ts').handler;
let rebuild: typeof import('../../lambda/handlers/rebuild.ts').handler;

/** Date-only style instants: many articles share midnight, so ties are decided by id. */
const day = (d: number) => testArticleDate(new Date(Date.UTC(2024, 0, 1 + Math.floor(d / 4))).toISOString());
const keysOf = (image: Record<string, AttributeValue>) => ({ PK: image.PK!, SK: image.SK! });
const seeded: Article[] = [];

beforeAll(async () => {
  cloud = await startCloudFixture();
  // nashra.config.json: itemLimit 50, archivePageSize 25. 120 articles → archive pages 1..4.
  for (let i = 0; i < 120; i++) {
    const a = createTestArticle({ published: day(i), categories: [i % 2 ? 'اقتصاد' : 'سياسة'], authors: [] });
    await cloud.store.put(a);
    seeded.push(a);
  }
  ({ handler: render } = await import('../../lambda/handlers/render.ts'));
  ({ handler: rebuild } = await import('../../lambda/handlers/rebuild.ts'));
  await rebuild({});
}, 120_000);

afterAll(async () => {
  await cloud?.stop();
});

async function insertRecord(a: Article): Promise<DynamoDBRecord> {
  await cloud.store.put(a);
  const image = await cloud.articleImage(a.id);
  return streamRecord('INSERT', keysOf(image), { NewImage: image });
}

describe('render handler, incremental', () => {
  it('new articles at the top add an archive page; deleting old ones removes it; a rebuild then rewrites nothing', async () => {
    expect(await cloud.listKeys('feeds/all/archive/')).toEqual(
      ['1', '2', '3', '4'].flatMap((n) => ['atom', 'json', 'rss'].map((f) => `feeds/all/archive/${n}.${f}`)),
    );
    const fresh = Array.from({ length: 6 }, (_, i) => createTestArticle({ published: day(200 + i), categories: ['سياسة'], authors: [] }));
    const inserts: DynamoDBRecord[] = [];
    for (const a of fresh) inserts.push(await insertRecord(a));
    expect((await render({ Records: inserts })).batchItemFailures).toEqual([]);
    expect(await cloud.listKeys('feeds/all/archive/5.')).toEqual([
      'feeds/all/archive/5.atom',
      'feeds/all/archive/5.json',
      'feeds/all/archive/5.rss',
    ]);
    expect((await cloud.getObject('feeds/all/archive/4.atom')).body.toString('utf8')).toContain('/feeds/all/archive/5.atom"');

    // Deletes deep in the archive (page 1) and an edit moving an article from the top to the bottom.
    const records: DynamoDBRecord[] = [];
    for (const a of [seeded[119]!, seeded[118]!]) {
      const image = await cloud.articleImage(a.id);
      await cloud.store.delete(a.id);
      records.push(streamRecord('REMOVE', keysOf(image), { OldImage: image }));
    }
    const oldImage = await cloud.articleImage(fresh[5]!.id);
    await cloud.store.put(editTestArticle(fresh[5]!, { published: day(-8), title: 'خبر أعيد تأريخه' }));
    const newImage = await cloud.articleImage(fresh[5]!.id);
    records.push(streamRecord('MODIFY', keysOf(newImage), { OldImage: oldImage, NewImage: newImage }));
    expect((await render({ Records: records })).batchItemFailures).toEqual([]);
    expect(await cloud.listKeys('feeds/all/archive/5.')).toEqual([]);
    expect((await cloud.getObject('feeds/all/archive/1.rss')).body.toString('utf8')).toContain('خبر أعيد تأريخه');

    // The incremental renders left exactly what a full render gives: the rebuild writes and removes nothing.
    const result = await rebuild({});
    expect(result).toMatchObject({ written: 0, removed: 0 });
    expect(await cloud.listKeys('feeds/_site/')).toEqual(['feeds/_site/feed-summaries.json']);
  }, 120_000);
});
