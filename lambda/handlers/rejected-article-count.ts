// How many articles a rejected ingest body held: every article in it (a body is all-or-nothing).
import type { IngestReport } from '../core/site/site-service.ts';

/**
 * Counts the articles of a rejected body: the valid ones plus each distinct position with an error
 * (`$[3].title` → position 3; a whole-body error such as `$` counts as one).
 *
 * @example
 * rejectedArticleCount({ valid: [{ index: 0, id: 'a' }], errors: [{ path: '$[1].title' }, { path: '$[1].url' }] }) //=> 2
 */
export function rejectedArticleCount(report: Pick<IngestReport, 'valid' | 'errors'>): number {
  const positions = new Set<string>();
  for (const e of report.errors) positions.add(/^\$\[(\d+)\]/.exec(e.path)?.[1] ?? '$');
  for (const v of report.valid) positions.add(String(v.index));
  return Math.max(positions.size, report.errors.length > 0 ? 1 : 0);
}
