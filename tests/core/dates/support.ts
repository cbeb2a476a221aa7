// Shared helpers for the date tests: a fixed "now", a result shortcut, and digit conversion.
import { normalizeArabicDate, type NormalizeResult } from '../../../lambda/core/dates/index.ts';

/** Tuesday 2024-04-30 15:00 in Riyadh. */
export const NOW = new Date('2024-04-30T12:00:00Z');

/** A "now" after every absolute date the tables print, for rows where FUTURE_DATE is not what is tested. */
export const LONG_AFTER = new Date('2200-01-01T00:00:00Z');

export function read(text: string, timeZone = 'Asia/Riyadh', now = NOW): NormalizeResult {
  return normalizeArabicDate(text, { timeZone, now });
}

const ARABIC = '٠١٢٣٤٥٦٧٨٩';
const PERSIAN = '۰۱۲۳۴۵۶۷۸۹';

/** ASCII digits → Arabic-Indic ("arab") or Persian ("persian") digits. */
export function toDigits(text: string, digits: 'latn' | 'arab' | 'persian'): string {
  if (digits === 'latn') return text;
  const set = digits === 'arab' ? ARABIC : PERSIAN;
  return text.replace(/\d/g, (d) => set[Number(d)] as string);
}

export const pad = (n: number): string => String(n).padStart(2, '0');
