// What a restart must remember: the pages the site removed (answered 410 Gone), and the config it rendered with (another base URL renders again).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileArticleStore } from '../../../lambda/adapters/file-article-store.ts';
import { FolderFeedPublisher } from '../../../lambda/adapters/folder-feed-publisher.ts';
import type { SiteConfig } from '../../../lambda/core/config/index.ts';
import { createSiteService } from '../../../lambda/core/site/site-service.ts';
import { siteConfig } from './site-fixtures.ts';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function open(dir: string, config: SiteConfig = siteConfig(5, 5)) {
  const store = new FileArticleStore({ directory: dir, clock: () => new Date(), durable: false });
  const publisher = new FolderFeedPublisher({ root: path.join(dir, 'site'), durable: false });
  const site = createSiteService({ store, publisher, config, clock: () => new Date('2026-12-05T00:00:00Z') });
  return { store, publisher, site };
}
const body = (title: string, category: string) =>
  JSON.stringify({
    url: `https://news.example.sa/g/${encodeURIComponent(title)}`,
    title,
    content: `<p>${title}</p>`,
    categories: [category],
    published: '2024-05-01T10:00:00Z',
  });

describe('removed documents', () => {
  it('a feed emptied by a delete, and the article page, are removed; the site knows they were published, also after a restart', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'nashra-removed-'));
    dirs.push(dir);
    const first = await open(dir);
    await first.site.resume();
    await first.site.ingest({ body: body('خبر يبقى', 'اقتصاد'), format: 'json' });
    const report = await first.site.ingest({ body: body('خبر يحذف', 'زراعة'), format: 'json' });
    const id = report.results[0]!.article.id;
    const feed = first.site.documentPaths().find((p) => /^feeds\/category-[^/]+\.rss$/.test(p) && p !== 'feeds/category-اقتصاد.rss')!;
    expect(feed).toBeDefined();
    expect(first.site.wasRemoved(feed)).toBe(false);

    await first.site.deleteArticle(id);
    expect(first.site.getDocument(feed)).toBeUndefined();
    expect(await first.publisher.get(feed)).toBeUndefined();
    for (const p of [feed, feed.replace(/\.rss$/, '.atom'), feed.replace(/\.rss$/, '.json'), `articles/${id}.html`]) {
      expect(first.site.wasRemoved(p), p).toBe(true);
    }
    expect(first.site.wasRemoved('feeds/category-never.rss')).toBe(false);
    expect(first.site.wasRemoved('feeds/all.rss')).toBe(false);
    expect(await first.site.markRendered()).toBe(true);

    const second = await open(dir);
    expect(second.site.wasRemoved(feed)).toBe(false);
    await second.site.resume();
    expect(second.site.wasRemoved(feed)).toBe(true);
    expect(second.site.wasRemoved(`articles/${id}.html`)).toBe(true);

    // Published again: no longer removed, and the next process does not think so either.
    await second.site.ingest({ body: body('خبر يحذف', 'زراعة'), format: 'json' });
    expect(second.site.wasRemoved(feed)).toBe(false);
    const third = await open(dir);
    await third.site.resume();
    expect(third.site.wasRemoved(feed)).toBe(false);
  });
});

describe('resume after a config change', () => {
  it('renders everything again when the config changed (another base URL), though the store did not', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'nashra-config-'));
    dirs.push(dir);
    const first = await open(dir);
    expect(await first.site.resume()).toEqual({ rendered: true });
    await first.site.ingest({ body: body('خبر', 'اقتصاد'), format: 'json' });
    expect(await first.site.markRendered()).toBe(true);

    expect(await (await open(dir)).site.resume()).toEqual({ rendered: false });
    const moved = { ...siteConfig(5, 5), baseUrl: 'https://example.org/news/' };
    const second = await open(dir, moved);
    expect(await second.site.resume()).toEqual({ rendered: true });
    const rss = new TextDecoder().decode((await second.publisher.get('feeds/all.rss'))!.body);
    expect(rss).toContain('https://example.org/news/feeds/all.rss');
  });
});
