// What the site service's parts share: the store, the config, the clock, the published-document ledger, the feed summaries and the article pages. Pure: ports only.
import type { Article } from '../articles/article.ts';
import type { Clock } from '../clock.ts';
import type { SiteConfig } from '../config/index.ts';
import type { ArticleStore } from '../../ports/article-store.ts';
import type { ArticlePages } from './article-pages.ts';
import type { FeedSummaryBook } from './feed-summaries.ts';
import type { PublishedDocuments } from './published-documents.ts';
import { STORE_PAGE } from './store-page.ts';

export interface SiteContext {
  store: ArticleStore;
  config: SiteConfig;
  docs: PublishedDocuments;
  summaries: FeedSummaryBook;
  /** The article pages published beside the feeds. */
  articlePages: ArticlePages;
  /** Read only to mark when a full render or rebuild started (for the article pages written meanwhile). */
  clock: Clock;
  /** Writes (and feeds) a rebuild keeps in flight at once. Default 1: one after another. */
  concurrency?: number;
}

/**
 * Every article of a feed, newest first, read page by page.
 *
 * @example
 * (await listWholeFeed(store, 'all')).length //=> 1250
 */
export async function listWholeFeed(store: ArticleStore, key: string): Promise<Article[]> {
  const out: Article[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listFeed(key, { limit: STORE_PAGE, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return out;
}
