// Umm al-Qura Hijri ⇄ Gregorian conversion through ICU with the calendar named explicitly; tables built lazily. Core: imports nothing but siblings.
import { epochMsOf, type CivilDate } from './civil-days.ts';

/** First and last Hijri years ICU's Umm al-Qura data covers; outside it ICU falls back to arithmetic. */
export const HIJRI_MIN_YEAR = 1300;
export const HIJRI_MAX_YEAR = 1600;

let numericFormatter: Intl.DateTimeFormat | undefined;
/** Month starts already found, keyed by hijriYear * 12 + (month - 1); filled on demand, never at import. */
const monthStarts = new Map<number, number>();

function numeric(): Intl.DateTimeFormat {
  numericFormatter ??= new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  });
  return numericFormatter;
}

/**
 * The Umm al-Qura Hijri date of a Gregorian day number (days since 1970-01-01).
 *
 * @example
 * hijriDateOfDayNumber(dayNumberOf(2024, 4, 29))
 * //=> { year: 1445, month: 10, day: 20 }
 */
export function hijriDateOfDayNumber(dayNumber: number): CivilDate {
  let year = 0;
  let month = 0;
  let day = 0;
  for (const part of numeric().formatToParts(epochMsOf(dayNumber) + 43_200_000)) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
  }
  return { year, month, day };
}

/** Day number of the first day of a Hijri month (Umm al-Qura), found from an estimate and corrected. */
export function hijriMonthStart(year: number, month: number): number {
  const key = year * 12 + (month - 1);
  const cached = monthStarts.get(key);
  if (cached !== undefined) return cached;
  // Mean lunation from the civil epoch (1 Muharram 1 AH = day −492148), then correct with ICU.
  let guess = Math.round(-492148 + (key - 12) * 29.530588853) + 14;
  for (let i = 0; i < 8; i++) {
    const h = hijriDateOfDayNumber(guess);
    const delta = key - (h.year * 12 + (h.month - 1));
    if (delta === 0) {
      const start = guess - (h.day - 1);
      monthStarts.set(key, start);
      return start;
    }
    guess = guess - (h.day - 1) + Math.round(delta * 29.530588853) + 14;
  }
  throw new Error(`Umm al-Qura month start not found for ${year}-${month}`);
}

/** Days (29 or 30) of a Hijri month under Umm al-Qura. */
export function hijriMonthLength(year: number, month: number): number {
  const next = month === 12 ? hijriMonthStart(year + 1, 1) : hijriMonthStart(year, month + 1);
  return next - hijriMonthStart(year, month);
}

/** True when the Hijri year is inside the Umm al-Qura data range. */
export function isHijriYearSupported(year: number): boolean {
  return Number.isInteger(year) && year >= HIJRI_MIN_YEAR && year <= HIJRI_MAX_YEAR;
}

/** Day number of a Hijri date, or null when it does not exist under Umm al-Qura. */
export function dayNumberOfHijri(year: number, month: number, day: number): number | null {
  if (!isHijriYearSupported(year) || month < 1 || month > 12 || day < 1 || day > 30) return null;
  if (day > hijriMonthLength(year, month)) return null;
  return hijriMonthStart(year, month) + day - 1;
}
