// The site config's dateOrder reaches the date normalizer: an all-numeric date with two readings is refused without it, read in the site's order with it.
import { describe, expect, it } from 'vitest';
import { MemoryArticleStore } from '../../../lambda/adapters/memory-article-store.ts';
import { fixedClock } from '../../../lambda/core/clock.ts';
import { parseSiteConfig } from '../../../lambda/core/config/index.ts';
import { storeArticles } from '../../../lambda/core/site/store-articles.ts';

const clock = fixedClock('2026-12-05T12:00:00Z');
const config = (extra: Record<string, unknown> = {}) =>
  parseSiteConfig({ title: 'نشرة', description: 'أخبار', baseUrl: 'https://news.example/', timeZone: 'Asia/Riyadh', ...extra });
const article = (published: string) =>
  JSON.stringify({ url: 'https://news.example/a/1', title: 'افتتاح مشروع جديد', content: '<p>تفاصيل.</p>', published });
const page = 'url: https://news.example/a/2\n\nافتتاح مشروع جديد في المدينة\n\n04/05/2021\n\nتفاصيل الخبر كاملة في هذه الفقرة الطويلة.';

describe('storeArticles with the site config dateOrder', () => {
  it('refuses "04/05/2021" when the config gives no order, naming both readings', async () => {
    const r = await storeArticles(
      { body: article('04/05/2021'), format: 'json' },
      { store: new MemoryArticleStore({ clock }), config: config(), clock },
    );
    expect(r.results).toEqual([]);
    expect(r.errors.map((e) => [e.path, e.code])).toEqual([['$.published', 'AMBIGUOUS']]);
    expect(r.errors[0]!.message).toContain('2021-05-04 (dmy) or 2021-04-05 (mdy)');
  });

  it.each([
    ['dmy', '2021-05-04'],
    ['mdy', '2021-04-05'],
  ])('reads "04/05/2021" in the order "%s" → %s (JSON fields and page text alike)', async (dateOrder, date) => {
    const options = { store: new MemoryArticleStore({ clock }), config: config({ dateOrder }), clock };
    const json = await storeArticles({ body: article('04/05/2021'), format: 'json' }, options);
    expect(json.errors).toEqual([]);
    expect(json.results[0]!.article.published.normalized.date).toBe(date);
    const text = await storeArticles({ body: page, format: 'text', name: 'a-2.txt' }, options);
    expect(text.errors).toEqual([]);
    expect(text.results[0]!.article.published.normalized.date).toBe(date);
  });

  it('still reads a date with one reading without the order, and refuses an order the config does not know', async () => {
    const r = await storeArticles(
      { body: article('27/03/2021'), format: 'json' },
      { store: new MemoryArticleStore({ clock }), config: config(), clock },
    );
    expect(r.results[0]!.article.published.normalized.date).toBe('2021-03-27');
    expect(() => config({ dateOrder: 'dym' })).toThrow(/\$\.dateOrder/);
  });
});
