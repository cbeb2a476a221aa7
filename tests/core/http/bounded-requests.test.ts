// One request costs bounded memory: capped 422/207/400 bodies, depth refused with 400, prototype keys dropped,
// categories capped, and a Last-Modified never later than the clock. The real site service over the memory store.
import { describe, expect, it } from 'vitest';
import { MemoryArticleStore } from '../../../lambda/adapters/memory-article-store.ts';
import { fixedClock } from '../../../lambda/core/clock.ts';
import { parseSiteConfig } from '../../../lambda/core/config/index.ts';
import { createApp } from '../../../lambda/core/http/create-app.ts';
import { createSiteService } from '../../../lambda/core/site/site-service.ts';
import { createTestDocument } from '../../adapters/feed-document-factory.ts';

const clock = fixedClock('2026-12-05T12:00:00.500Z');
const config = parseSiteConfig({ title: 'نشرة', description: 'أخبار', baseUrl: 'https://news.example/', timeZone: 'Asia/Riyadh' });

function realApp() {
  const store = new MemoryArticleStore({ clock });
  const site = createSiteService({ store, config, clock });
  return { app: createApp({ site, config, auth: { token: 'a-long-enough-token' }, clock, onError: () => undefined }), store };
}
const post = (body: string) =>
  new Request('http://x/articles', {
    method: 'POST',
    body,
    headers: { authorization: 'Bearer a-long-enough-token', 'content-type': 'application/json' },
  });
const article = (n: number, extra: Record<string, unknown> = {}) => ({
  url: `https://e.com/${n}`,
  title: `عنوان ${n}`,
  published: '2026-04-29',
  ...extra,
});

describe('POST /articles: bounded answers', () => {
  it('answers 360 KB of [{},{},…] with a small 422: the first 100 errors and the count of the rest', async () => {
    // 120,000 items (a third of the 1 MiB limit, to keep the test short): 360,000 errors, about 30 MB of JSON uncapped.
    const n = 120_000;
    const { app } = realApp();
    const res = await app.fetch(post(`[${Array(n).fill('{}').join(',')}]`));
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(text.length).toBeLessThan(64 * 1024);
    const problem = JSON.parse(text);
    expect(problem.errors).toHaveLength(100);
    expect(problem.omittedErrors).toBe(n * 3 - 100);
    expect(problem.detail).toBe(`${n * 3} problems found (the first 100 are listed); nothing was stored.`);
  });

  it('answers a mixed batch with 207: every valid article stored, 100 errors listed and the rest counted', async () => {
    const { app, store } = realApp();
    const body = JSON.stringify([article(1), ...Array(400).fill({ title: 'بلا رابط' }), article(2)]);
    const res = await app.fetch(post(body));
    expect(res.status).toBe(207);
    const json = await res.json();
    expect(json.results.map((r: { index: number }) => r.index)).toEqual([0, 401]);
    expect(json.errors).toHaveLength(100);
    expect(json.omittedErrors).toBe(400 * 2 - 100);
    expect((await store.listFeed('all', { limit: 10 })).items).toHaveLength(2);
  });

  it('answers JSON nested 6,000 deep with 400 naming TOO_DEEP (not a 500 from a recursive walk)', async () => {
    const { app } = realApp();
    const deep = `${'['.repeat(6000)}${']'.repeat(6000)}`;
    const res = await app.fetch(post(`{"url":"https://e.com/a","title":"t","published":"2026-04-29","x":${deep}}`));
    expect(res.status).toBe(400);
    const problem = await res.json();
    expect(problem.errors.map((e: { code: string }) => e.code)).toEqual(['TOO_DEEP']);
    expect(problem.detail).toContain('more than 64 levels deep');
  });

  it('refuses 2,000 categories with 422 TOO_MANY_ITEMS and creates no feed', async () => {
    const { app, store } = realApp();
    const categories = Array.from({ length: 2000 }, (_, i) => `c${i}`);
    const res = await app.fetch(post(JSON.stringify(article(1, { categories }))));
    expect(res.status).toBe(422);
    expect((await res.json()).errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ['$.categories', 'TOO_MANY_ITEMS'],
    ]);
    expect((await store.listFeed('all', { limit: 10 })).items).toEqual([]);
    expect((await app.fetch(new Request('http://x/feeds/category/c0.rss'))).status).toBe(404);
  });

  it('does not let a __proto__ key supply the title', async () => {
    const { app } = realApp();
    const res = await app.fetch(post('{"url":"https://e.com/a","published":"2026-04-29","__proto__":{"title":"مدسوس"}}'));
    expect(res.status).toBe(422);
    expect((await res.json()).errors.map((e: { path: string }) => e.path)).toEqual(['$.title']);
  });
});

describe('Last-Modified is never later than the clock', () => {
  const site = (lastModified: string) => ({
    getDocument: (p: string) => (p === 'feeds/all.rss' ? createTestDocument('feeds/all.rss', '<rss/>', { lastModified }) : undefined),
    ingest: () => Promise.reject(new Error('read-only')),
  });

  it('sends the clock second for a document dated after it, and answers 304 to that value', async () => {
    const app = createApp({ site: site('2030-01-01T00:00:00Z'), config, clock });
    const res = await app.fetch(new Request('http://x/feeds/all.rss'));
    const lastModified = res.headers.get('last-modified')!;
    expect(lastModified).toBe('Sat, 05 Dec 2026 12:00:00 GMT');
    expect(Date.parse(lastModified)).toBeLessThanOrEqual(clock().getTime());
    const again = await app.fetch(new Request('http://x/feeds/all.rss', { headers: { 'if-modified-since': lastModified } }));
    expect(again.status).toBe(304);
  });

  it('never sends a five-digit year, with or without a clock, and keeps an earlier Last-Modified as it is', async () => {
    const far = createApp({ site: site('+010000-01-01T00:00:00.000Z'), config, clock });
    expect((await far.fetch(new Request('http://x/feeds/all.rss'))).headers.get('last-modified')).toBe('Sat, 05 Dec 2026 12:00:00 GMT');
    const noClock = createApp({ site: site('+010000-01-01T00:00:00.000Z'), config });
    expect((await noClock.fetch(new Request('http://x/feeds/all.rss'))).headers.get('last-modified')).toBeNull();
    const past = createApp({ site: site('2024-04-29T08:00:00Z'), config, clock });
    expect((await past.fetch(new Request('http://x/feeds/all.rss'))).headers.get('last-modified')).toBe('Mon, 29 Apr 2024 08:00:00 GMT');
  });
});
