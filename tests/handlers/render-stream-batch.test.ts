// renderStreamBatch on its own (site double): which records fail when one feed's render fails, and that each feed renders once.
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../lambda/core/articles/article.ts';
import { feedKeysOfChange, type ArticleChangeImages } from '../../lambda/core/site/site-service.ts';
import { changeOfRecord, feedKeysOfRecord, renderStreamBatch } from '../../lambda/handlers/render-stream-batch.ts';
import { createTestArticle } from '../support/article-factory.ts';
import { streamRecord } from './lambda-events.ts';

const byId = new Map<string, Article>();
function record(a: Article): DynamoDBRecord {
  byId.set(a.id, a);
  return streamRecord('INSERT', { PK: { S: a.id } }, { NewImage: { PK: { S: a.id } } });
}
const articleFromImage = (image?: Record<string, { S?: string }>) => (image?.PK?.S ? byId.get(image.PK.S) : undefined);

describe('renderStreamBatch', () => {
  it("renders every record's change in one call when nothing fails", async () => {
    const calls: Array<{ changes: ArticleChangeImages[]; only?: string[] }> = [];
    const a = createTestArticle({ categories: ['سياسة'] });
    const b = createTestArticle({ categories: ['اقتصاد'] });
    const records = [record(a), record(b)];
    const out = await renderStreamBatch(records, {
      site: {
        renderChanges: async (changes, options) => {
          calls.push({ changes: [...changes], ...(options?.only ? { only: [...options.only] } : {}) });
          return [];
        },
      },
      articleFromImage,
    });
    expect(calls).toEqual([{ changes: [{ after: a }, { after: b }] }]);
    expect(out.rendered).toEqual(expect.arrayContaining(['all', 'category:سياسه', 'category:اقتصاد']));
    expect(out.response.batchItemFailures).toEqual([]);
  });

  it('passes the old and the new image of a modify, and only the old one of a remove', async () => {
    const before = createTestArticle({ categories: ['سياسة'] });
    const after = { ...before, categories: ['رياضة'] };
    byId.set('old', before);
    byId.set('new', after);
    const modify = streamRecord('MODIFY', { PK: { S: before.id } }, { OldImage: { PK: { S: 'old' } }, NewImage: { PK: { S: 'new' } } });
    const remove = streamRecord('REMOVE', { PK: { S: before.id } }, { OldImage: { PK: { S: 'old' } } });
    expect(changeOfRecord(modify, articleFromImage)).toEqual({ before, after });
    expect(changeOfRecord(remove, articleFromImage)).toEqual({ before });
    expect(feedKeysOfRecord(modify, articleFromImage)).toEqual(expect.arrayContaining(['all', 'category:سياسه', 'category:رياضه']));
  });
  it('when one feed fails, only the records touching it fail; the other feeds still render', async () => {
    const ok = record(createTestArticle({ categories: ['سياسة'], source: 'أ', authors: [] }));
    const bad = record(createTestArticle({ categories: ['رياضة'], source: 'أ', authors: [] }));
    const rendered: string[] = [];
    const site = {
      async renderChanges(changes: Iterable<ArticleChangeImages>, options?: { only?: Iterable<string> }) {
        const list = options?.only ? [...options.only] : [...changes].flatMap(feedKeysOfChange);
        if (list.includes('category:رياضه')) throw new Error('S3 down for this key');
        rendered.push(...list);
        return [];
      },
    };
    const out = await renderStreamBatch([ok, bad], { site, articleFromImage });
    expect(out.response.batchItemFailures).toEqual([{ itemIdentifier: bad.dynamodb!.SequenceNumber }]);
    expect(rendered).toEqual(expect.arrayContaining(['all', 'category:سياسه', 'source:ا']));
    expect(out.rendered).not.toContain('category:رياضه');
  });
});
