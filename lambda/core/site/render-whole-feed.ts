// Full render of one feed from all its articles (renderFeeds, renderAll): publish every page, prune what no longer exists. Pure: ports only.
import type { Article } from '../articles/article.ts';
import { feedPathOf, paginateFeed, renderFeedDocuments } from '../feeds/index.ts';
import type { FeedDocument } from '../feeds/feed-document.ts';
import { summaryOfPage } from './feed-summaries.ts';
import { pruneFeedPages } from './prune-feed-pages.ts';
import type { SiteContext } from './site-context.ts';

/**
 * Renders `key` from all of its `articles` (newest first) into `out`, then removes its stale pages; no articles
 * removes the feed.
 *
 * @example
 * await renderWholeFeed(ctx, 'all', await listWholeFeed(store, 'all'), out);
 * out.map((d) => d.path) //=> ['feeds/all.rss', 'feeds/all.atom', 'feeds/all.json', 'feeds/all/1.rss', …]
 */
export async function renderWholeFeed(ctx: SiteContext, key: string, articles: Article[], out: FeedDocument[]): Promise<void> {
  const { config, docs, summaries } = ctx;
  const before = docs.feedPaths.get(key) ?? new Set<string>();
  if (articles.length === 0) {
    docs.feedPaths.set(key, before);
    await pruneFeedPages(docs, key, { keepCurrent: false, archivesKept: 0 });
    docs.feedPaths.delete(key);
    summaries.delete(key);
    return;
  }
  const rendered = renderFeedDocuments(config, key, articles);
  const archivePrefix = feedPathOf(key, 'rss', 0).replace(/0\.rss$/, '');
  const archives = rendered.filter((d) => d.path.startsWith(archivePrefix) && d.path.endsWith('.rss')).length;
  const now = new Set<string>();
  for (const doc of rendered) {
    now.add(doc.path);
    out.push(await docs.put(doc));
  }
  // The pages this process published before, with the new ones, so pruning sees both.
  docs.feedPaths.set(key, new Set([...before, ...now]));
  await pruneFeedPages(docs, key, { keepCurrent: true, archivesKept: archives });
  docs.feedPaths.set(key, now);
  summaries.set(key, summaryOfPage(config, key, paginateFeed(config, key, articles)[0]));
}
