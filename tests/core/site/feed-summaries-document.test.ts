// The feed summaries document: round trip, titles from the config, disabled kinds dropped, anything else refused.
import { describe, expect, it } from 'vitest';
import { parseSiteConfig } from '../../../lambda/core/config/index.ts';
import { FEED_SUMMARIES_PATH, parseFeedSummaries, renderFeedSummariesDocument } from '../../../lambda/core/site/feed-summaries-document.ts';

const config = (feeds: Record<string, unknown> = {}) =>
  parseSiteConfig({
    title: 'نشرة',
    description: 'أخبار',
    baseUrl: 'https://news.example/',
    timeZone: 'Asia/Riyadh',
    feeds: { titles: { all: 'كل الأخبار' }, ...feeds },
  });
const body = (text: string) => ({ body: new TextEncoder().encode(text) });

describe('feed summaries document', () => {
  const summaries = [
    { key: 'all', title: 'كل الأخبار', itemCount: 50, lastModified: '2024-05-01T08:00:00.000Z' },
    { key: 'author:سارة', title: 'نشرة — سارة', itemCount: 3, lastModified: '2024-04-01T00:00:00.000Z' },
    { key: 'category:سياسة', title: 'نشرة — سياسة', itemCount: 0 },
  ];

  it('round-trips, with titles taken from the config when read back', () => {
    const doc = renderFeedSummariesDocument(summaries);
    expect(doc.path).toBe(FEED_SUMMARIES_PATH);
    expect(doc.contentType).toBe('application/json; charset=utf-8');
    expect(new TextDecoder().decode(doc.body)).not.toContain('title');
    expect(parseFeedSummaries(config(), doc)).toEqual(summaries);
    expect(parseFeedSummaries(config({ titles: { all: 'عنوان جديد' } }), doc)![0]!.title).toBe('عنوان جديد');
  });

  it('drops feeds of kinds the config no longer publishes', () => {
    const doc = renderFeedSummariesDocument(summaries);
    expect(parseFeedSummaries(config({ author: false }), doc)!.map((f) => f.key)).toEqual(['all', 'category:سياسة']);
  });

  it('refuses what it did not write: then the caller reads the store', () => {
    for (const text of [
      '',
      'not json',
      '{}',
      '{"version":2,"feeds":[]}',
      '{"version":1,"feeds":[{"key":"all"}]}',
      '{"version":1,"feeds":[{"key":"all","itemCount":-1}]}',
      '{"version":1,"feeds":[{"key":"all","itemCount":1,"lastModified":"yesterday"}]}',
    ]) {
      expect(parseFeedSummaries(config(), body(text)), text).toBeUndefined();
    }
    expect(parseFeedSummaries(config(), { body: new Uint8Array([0xff, 0xfe]) })).toBeUndefined();
    expect(parseFeedSummaries(config(), body('{"version":1,"feeds":[]}'))).toEqual([]);
  });
});
