// The one routine that removes a feed's stale pages (its current page when it emptied, archive pages past the last one kept). Pure: ports only.
import { FEED_FORMATS, feedPathOf } from '../feeds/index.ts';
import type { PublishedDocuments } from './published-documents.ts';

/** Upper bound on archive pages removed in one call (a guard against a publisher that always answers "exists"). */
const MAX_STALE_ARCHIVES = 10_000;

export interface PruneFeedPagesOptions {
  /** False when the feed has no articles left: its current page goes too. */
  keepCurrent: boolean;
  /** Archive pages 1..archivesKept stay; pages after them are removed while they exist. */
  archivesKept: number;
  /** Archive pages up to this number were published earlier in this render: removed even when nothing can be probed. */
  publishedUpTo?: number;
}

/**
 * Removes the pages of `key` that no longer exist. Archive pages are numbered from the oldest, so the stale ones are
 * `archivesKept + 1, + 2, …` up to the first gap: each is looked up in this process's ledger, then (only when needed)
 * in the publisher, so a fresh process also removes the pages an earlier one published.
 *
 * @example
 * // The feed shrank from 7 archive pages to 5: pages 6 and 7 go, in every format.
 * await pruneFeedPages(docs, 'all', { keepCurrent: true, archivesKept: 5 });
 * docs.get('feeds/all/6.rss') //=> undefined
 */
export async function pruneFeedPages(docs: PublishedDocuments, key: string, options: PruneFeedPagesOptions): Promise<void> {
  const known = docs.feedPaths.get(key);
  const dropPage = async (n: number | undefined) => {
    for (const f of FEED_FORMATS) {
      const path = feedPathOf(key, f, n);
      known?.delete(path);
      await docs.drop(path);
    }
  };
  if (!options.keepCurrent) await dropPage(undefined);
  const publishedUpTo = options.publishedUpTo ?? 0;
  for (let n = options.archivesKept + 1; n <= options.archivesKept + MAX_STALE_ARCHIVES; n++) {
    if (n > publishedUpTo && !(await docs.archivePageExists(key, n))) break;
    await dropPage(n);
  }
}
