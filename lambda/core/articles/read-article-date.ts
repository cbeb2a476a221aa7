// Reads a raw date (ISO or Arabic text) into an ArticleDate through the injected date normalizer. Pure.
import type { NormalizeOptions, NormalizeResult } from '../dates/types.ts';
import type { ArticleDate } from './article.ts';

/** The date functions articles need; the real ones come from `lambda/core/dates/`. */
export interface DateFunctions {
  normalizeArabicDate(text: string, options: NormalizeOptions): NormalizeResult;
  /** 12:00 of a calendar day in a zone, the instant of a date printed without a time. */
  noonOfDayInZone(date: string, timeZone: string): string;
}

export type ReadDateResult = { ok: true; date: ArticleDate } | { ok: false; code: string; message: string };

/**
 * Normalizes `raw` in `timeZone` and resolves the instant used downstream: the normalized instant
 * when the text fixed a time, else 12:00 of the printed day (or the month's first day) in `timeZone`,
 * so every reader within 11 hours of the publisher files it on the printed day.
 *
 * @example
 * readArticleDate('الإثنين 29 أبريل 2024', { timeZone: 'Asia/Riyadh', now }, dates)
 * //=> { ok: true, date: { raw: '…', timeZone: 'Asia/Riyadh', normalized: { date: '2024-04-29', … }, instant: '2024-04-29T09:00:00.000Z' } }
 */
export function readArticleDate(raw: string, options: NormalizeOptions, dates: DateFunctions): ReadDateResult {
  const result = dates.normalizeArabicDate(raw, options);
  if (!result.ok) return { ok: false, code: result.error.code, message: result.error.message };
  const normalized = result;
  let instant = normalized.instant;
  if (instant === null) {
    const day = /^\d{4}-\d{2}$/.test(normalized.date) ? `${normalized.date}-01` : normalized.date;
    instant = dates.noonOfDayInZone(day, options.timeZone);
  }
  return { ok: true, date: { raw, timeZone: options.timeZone, normalized, instant } };
}

/** Zone validation comes from the dates module (one source of truth for what a zone is). */
export { isKnownTimeZone } from '../dates/zones.ts';
