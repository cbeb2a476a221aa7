// What the site service's parts share: the store, the config, the published-document ledger and the feed summaries. Pure: ports only.
import type { Article } from '../articles/article.ts';
import type { SiteConfig } from '../config/index.ts';
import type { ArticleStore } from '../../ports/article-store.ts';
import type { FeedSummaryBook } from './feed-summaries.ts';
import type { PublishedDocuments } from './published-documents.ts';
import { STORE_PAGE } from './store-page.ts';

export interface SiteContext {
  store: ArticleStore;
  config: SiteConfig;
  docs: PublishedDocuments;
  summaries: FeedSummaryBook;
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
