// Per-article limits checked after validation: how many categories and authors, and whether a publication year is plausible. Pure.
import type { ArticleDate } from './article.ts';
import type { ArticleLimits } from './article-limits.ts';

/**
 * A message when the calendar year of `date` as read falls outside `limits.minYear` … (the clock's UTC year +
 * `limits.yearsAhead`), else undefined. The printed year is checked (not the resolved instant), so "0050" is refused
 * rather than stored as 1950.
 *
 * @example
 * publicationYearProblem(dateOf('0050-06-15'), { minYear: 1900, yearsAhead: 1 }, new Date('2026-12-05T00:00:00Z'))
 * //=> 'the year 50 is outside the accepted range 1900–2027'
 * publicationYearProblem(dateOf('2026-12-05'), { minYear: 1900, yearsAhead: 1 }, new Date('2026-12-05T00:00:00Z')) //=> undefined
 */
export function publicationYearProblem(
  date: ArticleDate,
  limits: Pick<ArticleLimits, 'minYear' | 'yearsAhead'>,
  now: Date,
): string | undefined {
  const maxYear = now.getUTCFullYear() + limits.yearsAhead;
  const year = Number(/^([+-]?\d+)/.exec(date.normalized.date)?.[1] ?? Number.NaN);
  if (year >= limits.minYear && year <= maxYear) return undefined;
  return `the year ${Number.isNaN(year) ? '(unreadable)' : year} is outside the accepted range ${limits.minYear}–${maxYear}`;
}

/**
 * A message when a list holds more items than its limit, else undefined.
 *
 * @example
 * tooManyItemsProblem('categories', 2000, 20) //=> '2000 categories given; one article may carry at most 20 (each one is a feed)'
 * tooManyItemsProblem('authors', 3, 20) //=> undefined
 */
export function tooManyItemsProblem(field: 'categories' | 'authors', count: number, max: number): string | undefined {
  if (count <= max) return undefined;
  return `${count} ${field} given; one article may carry at most ${max} (each one is a feed)`;
}
