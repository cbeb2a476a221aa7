// Acknowledged means published: a write the store accepted whose render failed is rendered by the next request, the client's retry (which finds it unchanged) included.
import { describe, expect, it } from 'vitest';
import { MemoryArticleStore } from '../../../lambda/adapters/memory-article-store.ts';
import { fixedClock } from '../../../lambda/core/clock.ts';
import { feedPathOf } from '../../../lambda/core/feeds/index.ts';
import { createSiteService } from '../../../lambda/core/site/site-service.ts';
import type { FeedPublisher } from '../../../lambda/ports/feed-publisher.ts';
import { PublishError } from '../../../lambda/ports/feed-publisher.ts';
import { siteConfig } from './site-fixtures.ts';
import { createMemoryPublisher } from './site-test-doubles.ts';

const articleBody = (n: number, category = 'اقتصاد') =>
  JSON.stringify({
    url: `https://news.example.sa/a/${n}`,
    title: `الخبر رقم ${n} عن افتتاح مشروع جديد`,
    content: `<p>تفاصيل الخبر رقم ${n}.</p>`,
    categories: [category],
    authors: ['ليلى حسن'],
    published: new Date(Date.UTC(2024, 3, 1) + n * 3_600_000).toISOString(),
  });

/** A publisher whose next `failures` publishes throw, as a full disk or an S3 outage would. */
function failingOnce(failures = 1) {
  const inner = createMemoryPublisher();
  let left = 0;
  const publisher: FeedPublisher & { get: (typeof inner.publisher)['get'] } = {
    get: (path) => inner.publisher.get(path),
    async publish(doc) {
      if (left > 0) {
        left--;
        throw new PublishError(`cannot write ${doc.path}: no space left on device`, 'UNAVAILABLE');
      }
      return inner.publisher.publish(doc);
    },
    remove: (path) => inner.publisher.remove(path),
  };
  return { publisher, files: inner.files, failNext: () => (left = failures) };
}

const text = (files: Map<string, { body: Uint8Array }>, path: string) =>
  new TextDecoder().decode(files.get(path)?.body ?? new Uint8Array());

function setup() {
  const clock = fixedClock('2024-05-01T00:00:00Z');
  const store = new MemoryArticleStore({ clock });
  const pub = failingOnce();
  const site = createSiteService({ store, publisher: pub.publisher, config: siteConfig(5, 5), clock });
  return { store, site, ...pub };
}

describe('acknowledged means published', () => {
  it("a client's retry after a failed render finds the article unchanged and still renders it", async () => {
    const { site, files, failNext } = setup();
    await site.ingest({ body: articleBody(1), format: 'json' });
    failNext();
    await expect(site.ingest({ body: articleBody(2), format: 'json' })).rejects.toThrow(/no space left/);
    expect(site.pendingWrites()).toBe(1);
    expect(text(files, 'feeds/all.rss')).not.toContain('الخبر رقم 2');
    const retry = await site.ingest({ body: articleBody(2), format: 'json' });
    expect(retry.results.map((r) => r.status)).toEqual(['unchanged']);
    expect(site.pendingWrites()).toBe(0);
    expect(text(files, 'feeds/all.rss')).toContain('الخبر رقم 2');
    expect(text(files, feedPathOf('category:اقتصاد', 'rss'))).toContain('الخبر رقم 2');
    expect(new TextDecoder().decode(site.getDocument('feeds/all.json')?.body)).toContain('الخبر رقم 2');
  });

  it('the next write of another article renders the failed one too, and renderPending alone does', async () => {
    const { site, files, failNext } = setup();
    failNext();
    await expect(site.ingest({ body: articleBody(1, 'رياضة'), format: 'json' })).rejects.toThrow(/no space left/);
    await site.ingest({ body: articleBody(2), format: 'json' });
    expect(text(files, 'feeds/all.rss')).toContain('الخبر رقم 1');
    expect(text(files, feedPathOf('category:رياضة', 'rss'))).toContain('الخبر رقم 1');
    failNext();
    await expect(site.ingest({ body: articleBody(3), format: 'json' })).rejects.toThrow(/no space left/);
    expect((await site.renderPending()).length).toBeGreaterThan(0);
    expect(site.pendingWrites()).toBe(0);
    expect(text(files, 'feeds/all.atom')).toContain('الخبر رقم 3');
  });

  it('a delete whose render failed is rendered by the next request', async () => {
    const { site, files, failNext } = setup();
    const created = await site.ingest({ body: articleBody(1, 'رياضة'), format: 'json' });
    await site.ingest({ body: articleBody(2), format: 'json' });
    failNext();
    const id = created.results[0]?.article.id ?? '';
    await expect(site.deleteArticle(id)).rejects.toThrow(/no space left/);
    expect(files.has(feedPathOf('category:رياضة', 'rss'))).toBe(true);
    await site.ingest({ body: articleBody(3), format: 'json' });
    expect(files.has(feedPathOf('category:رياضة', 'rss'))).toBe(false);
    expect(text(files, 'feeds/all.rss')).not.toContain('الخبر رقم 1');
  });
});
