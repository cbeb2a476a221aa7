// Adds errors to a report up to a cap and counts the rest, so a body of a million bad items yields a small report. Pure: types only.
import type { ArticleError } from './article-error.ts';

/** A report whose `errors` are capped; `omittedErrors` counts the errors found beyond the cap. */
export interface CappedErrors {
  errors: ArticleError[];
  omittedErrors: number;
}

/**
 * Appends `errors` to `report.errors` while it holds fewer than `max`, and counts the others in `report.omittedErrors`.
 *
 * @example
 * const r = { errors: [], omittedErrors: 0 };
 * pushCappedErrors(r, [e1, e2, e3], 2);
 * r //=> { errors: [e1, e2], omittedErrors: 1 }
 */
export function pushCappedErrors(report: CappedErrors, errors: readonly ArticleError[], max: number): void {
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
