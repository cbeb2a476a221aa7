// Start-up over a rendered site: a clean stop marks it rendered through the store's position, so the next start renders nothing; a write made while stopped (or a crash) makes it render everything.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileArticleStore } from '../../../lambda/adapters/file-article-store.ts';
import { FolderFeedPublisher } from '../../../lambda/adapters/folder-feed-publisher.ts';
import { createSiteService } from '../../../lambda/core/site/site-service.ts';
import { createTestArticle } from '../../support/article-factory.ts';
import { siteConfig } from './site-fixtures.ts';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function open(dir: string, retainDocuments = true) {
  const store = new FileArticleStore({ directory: dir, clock: () => new Date(), durable: false });
  const publisher = new FolderFeedPublisher({ root: path.join(dir, 'site'), durable: false });
  const site = createSiteService({
    store,
    publisher,
    config: siteConfig(5, 5),
    clock: () => new Date('2026-12-05T00:00:00Z'),
    retainDocuments,
  });
  return { store, publisher, site };
}
const body = (title: string) =>
  JSON.stringify({
    url: `https://news.example.sa/r/${encodeURIComponent(title)}`,
    title,
    content: `<p>${title}</p>`,
    categories: ['اقتصاد'],
    published: '2024-05-01T10:00:00Z',
  });

describe('resume', () => {
  it('renders nothing after a clean stop over an unchanged store, and everything after a write it did not render', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'nashra-resume-'));
    dirs.push(dir);
    const first = await open(dir);
    expect(await first.site.resume()).toEqual({ rendered: true });
    await first.site.ingest({ body: body('خبر قبل الإيقاف'), format: 'json' });
    expect(await first.site.markRendered()).toBe(true);

    const second = await open(dir);
    expect(await second.site.resume()).toEqual({ rendered: false });
    expect(second.site.feedSummaries().map((f) => f.key)).toContain('all');
    expect(new TextDecoder().decode((await second.publisher.get('feeds/all.rss'))?.body)).toContain('خبر قبل الإيقاف');

    // Another process writes to the store while this one does not render it: the stop is not marked rendered.
    await new FileArticleStore({ directory: dir, clock: () => new Date(), durable: false }).put(
      createTestArticle({ title: 'خبر من عملية أخرى' }),
    );
    expect(await second.site.markRendered()).toBe(false);
    const third = await open(dir, false);
    expect(await third.site.resume()).toEqual({ rendered: true });
    expect(new TextDecoder().decode((await third.publisher.get('feeds/all.rss'))?.body)).toContain('خبر من عملية أخرى');
  });
});
