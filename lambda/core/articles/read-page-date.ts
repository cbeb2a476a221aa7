// readPageDate: a date line of a saved page through the normalizer, refusing a day whose year the page does not print. Pure.
import type { NormalizeOptions, NormalizeResult } from '../dates/types.ts';
import type { DateFunctions } from './read-article-date.ts';

/**
 * Reads `text` like the normalizer, but a date without a printed year is refused: the normalizer takes the year from
 * `now`, which is right for a live page and wrong for a saved one (a page saved years ago would get this year).
 *
 * @example
 * readPageDate(dates, 'يوم ٢٠ مايس', { timeZone: 'Asia/Baghdad', now }) //=> { ok: false, error: { code: 'NO_YEAR', … } }
 */
export function readPageDate(dates: DateFunctions, text: string, options: NormalizeOptions): NormalizeResult {
  const r = dates.normalizeArabicDate(text, options);
  if (r.ok && r.yearInferred) {
    return {
      ok: false,
      error: { code: 'NO_DATE', message: `"${text}" prints no year, and a saved page's year cannot be taken from the clock` },
    };
  }
  return r;
}
