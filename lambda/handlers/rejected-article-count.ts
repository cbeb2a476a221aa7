// How many articles an ingest rejected: each distinct body position with an error (valid articles of a batch are stored).
import type { StoreArticlesReport } from '../core/site/store-articles.ts';

/**
 * Counts the rejected articles of an ingest: each distinct position with an error (`$[3].title` → position 3);
 * an error about the whole body (`$`, e.g. unreadable JSON) counts as one.
 *
 * @example
 * rejectedArticleCount({ errors: [{ path: '$[1].title' }, { path: '$[1].url' }, { path: '$[4].published' }] }) //=> 2
 */
export function rejectedArticleCount(report: { errors: Array<Pick<StoreArticlesReport['errors'][number], 'path'>> }): number {
  const positions = new Set<string>();
  for (const e of report.errors) positions.add(/^\$\[(\d+)\]/.exec(e.path)?.[1] ?? '$');
  return positions.size;
}
