// How many articles an ingest rejected: each distinct body position with an error (valid articles of a batch are stored).
import type { StoreArticlesReport } from '../core/site/store-articles.ts';

/**
 * Counts the rejected articles of an ingest: the parser's own count when the report has one (it goes on past the
 * error cap), else each distinct position with an error (`$[3].title` → position 3); an error about the whole body
 * (`$`, e.g. unreadable JSON) counts as one.
 *
 * @example
 * rejectedArticleCount({ errors: [{ path: '$[1].title' }, { path: '$[1].url' }, { path: '$[4].published' }] }) //=> 2
 * rejectedArticleCount({ errors: [{ path: '$[0].url' }], rejectedArticles: 349_524 }) //=> 349524
 */
export function rejectedArticleCount(report: {
  errors: Array<Pick<StoreArticlesReport['errors'][number], 'path'>>;
  rejectedArticles?: number;
}): number {
  if (report.rejectedArticles !== undefined) return report.rejectedArticles;
  const positions = new Set<string>();
  for (const e of report.errors) positions.add(/^\$\[(\d+)\]/.exec(e.path)?.[1] ?? '$');
  return positions.size;
}
