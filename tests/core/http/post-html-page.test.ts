// POST /articles with Content-Type: text/html: a real saved page goes in through the real site service and comes out in the feed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryArticleStore } from '../../../lambda/adapters/memory-article-store.ts';
import { createApp } from '../../../lambda/core/http/create-app.ts';
import { createSiteService } from '../../../lambda/core/site/site-service.ts';
import { siteConfig, steppingClock } from '../site/site-fixtures.ts';

const page = readFileSync(path.resolve(import.meta.dirname, '../../fixtures/real-pages/albayan-afghan-embassy.html'));

describe('POST /articles text/html', () => {
  it('stores a saved HTML page and renders it into the feed', async () => {
    const clock = steppingClock();
    const config = siteConfig(50, 50);
    const site = createSiteService({ store: new MemoryArticleStore({ clock }), config, clock });
    const app = createApp({ site, config });
    const res = await app.fetch(
      new Request('http://x/articles', { method: 'POST', headers: { 'content-type': 'text/html; charset=utf-8' }, body: page }),
    );
    expect(res.status).toBe(201);
    expect((await res.json()).results[0]).toMatchObject({
      status: 'created',
      from: { url: 'meta', title: 'text-line', published: 'json-ld', summary: 'body', content: 'body' },
    });
    const feed = await (await app.fetch(new Request('http://x/feeds/all.rss'))).text();
    expect(feed).toContain('القائم بأعمال السفارة الأفغانية يثمّن جهود الإمارات');
    expect(feed).toContain('Tue, 02 Jun 2020 23:01:00 GMT');
  });

  it('answers 400 for undeclared bytes that are not UTF-8, and 415 lists text/html among the accepted types', async () => {
    const clock = steppingClock();
    const config = siteConfig(50, 50);
    const app = createApp({ site: createSiteService({ store: new MemoryArticleStore({ clock }), config, clock }), config });
    const bad = await app.fetch(
      new Request('http://x/articles', {
        method: 'POST',
        headers: { 'content-type': 'text/html' },
        body: Uint8Array.from([0x3c, 0x68, 0x31, 0x3e, 0xc7, 0xe1]),
      }),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0]).toMatchObject({ code: 'INVALID_ENCODING' });
  });
});
