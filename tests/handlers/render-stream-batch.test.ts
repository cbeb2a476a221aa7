// renderStreamBatch on its own (site double): which records fail when one feed's render fails, and that each feed renders once.
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../lambda/core/articles/article.ts';
import { renderStreamBatch } from '../../lambda/handlers/render-stream-batch.ts';
import { createTestArticle } from '../support/article-factory.ts';
import { streamRecord } from './lambda-events.ts';

const byId = new Map<string, Article>();
function record(a: Article): DynamoDBRecord {
  byId.set(a.id, a);
  return streamRecord('INSERT', { PK: { S: a.id } }, { NewImage: { PK: { S: a.id } } });
}
const articleFromImage = (image?: Record<string, { S?: string }>) => (image?.PK?.S ? byId.get(image.PK.S) : undefined);

describe('renderStreamBatch', () => {
  it('renders all touched feeds in one call when nothing fails', async () => {
    const calls: string[][] = [];
    const records = [record(createTestArticle({ categories: ['سياسة'] })), record(createTestArticle({ categories: ['اقتصاد'] }))];
    const out = await renderStreamBatch(records, {
      site: {
        renderFeeds: async (k) => {
          calls.push([...k]);
          return [];
        },
      },
      articleFromImage,
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toEqual(expect.arrayContaining(['all', 'category:سياسة', 'category:اقتصاد']));
    expect(out.response.batchItemFailures).toEqual([]);
  });
  it('when one feed fails, only the records touching it fail; the other feeds still render', async () => {
    const ok = record(createTestArticle({ categories: ['سياسة'], source: 'أ', authors: [] }));
    const bad = record(createTestArticle({ categories: ['رياضة'], source: 'أ', authors: [] }));
    const rendered: string[] = [];
    const site = {
      async renderFeeds(keys: Iterable<string>) {
        const list = [...keys];
        if (list.includes('category:رياضة')) throw new Error('S3 down for this key');
        rendered.push(...list);
        return [];
      },
    };
    const out = await renderStreamBatch([ok, bad], { site, articleFromImage });
    expect(out.response.batchItemFailures).toEqual([{ itemIdentifier: bad.dynamodb!.SequenceNumber }]);
    expect(rendered).toEqual(expect.arrayContaining(['all', 'category:سياسة', 'source:أ']));
    expect(out.rendered).not.toContain('category:رياضة');
  });
});
