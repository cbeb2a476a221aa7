// Adds errors to a report up to a cap and counts the rest, so a body of a million bad items yields a small report. Pure: types only.
import type { ArticleError } from './article-error.ts';

/** A report whose `errors` are capped; `omittedErrors` counts the errors found beyond the cap. */
export interface CappedErrors {
  errors: ArticleError[];
  omittedErrors: number;
  /** Articles (or whole bodies) rejected: one per non-empty push, listed or not. */
  rejectedArticles: number;
}

/**
 * Appends the errors of one rejected article (or of the whole body) to `report.errors` while it holds fewer than
 * `max`, counts the others in `report.omittedErrors`, and counts the article in `report.rejectedArticles`.
 *
 * @example
 * const r = { errors: [], omittedErrors: 0, rejectedArticles: 0 };
 * pushCappedErrors(r, [e1, e2, e3], 2);
 * r //=> { errors: [e1, e2], omittedErrors: 1, rejectedArticles: 1 }
 */
export function pushCappedErrors(report: CappedErrors, errors: readonly ArticleError[], max: number): void {
  if (errors.length > 0) report.rejectedArticles++;
  const room = Math.max(0, max - report.errors.length);
  for (let i = 0; i < errors.length && i < room; i++) report.errors.push(errors[i] as ArticleError);
  report.omittedErrors += Math.max(0, errors.length - room);
}

/**
 * Words for the count of errors a capped report did not list, or "" when none were left out.
 *
 * @example
 * omittedErrorsNote(2_400) //=> '2400 more errors were found and not listed'
 * omittedErrorsNote(1) //=> '1 more error was found and not listed'
 * omittedErrorsNote(0) //=> ''
 */
export function omittedErrorsNote(omitted: number): string {
  if (omitted <= 0) return '';
  return `${omitted} more error${omitted === 1 ? ' was' : 's were'} found and not listed`;
}
