// Proleptic Gregorian day arithmetic on UTC day numbers (days since 1970-01-01), host-zone free. Core: imports nothing.

/** A calendar date; month is 1–12. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

const MS_PER_DAY = 86_400_000;

/** Days in a Gregorian month (1–12) of a year. */
export function daysInGregorianMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True when year/month/day names a real Gregorian day (years 1–9999). */
export function isValidGregorian(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) && year >= 1 && year <= 9999 &&
    Number.isInteger(month) && month >= 1 && month <= 12 &&
    Number.isInteger(day) && day >= 1 && day <= daysInGregorianMonth(year, month)
  );
}

/** Day number (days since 1970-01-01) of a Gregorian date. */
export function dayNumberOf(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.round(d.getTime() / MS_PER_DAY);
}

/** The Gregorian date of a day number. */
export function civilDateOf(dayNumber: number): CivilDate {
  const d = new Date(dayNumber * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Weekday of a day number, 0 = Sunday. */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** "YYYY-MM-DD" of a Gregorian date. */
export function formatIsoDate(date: CivilDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** Milliseconds of the UTC midnight that starts a day number. */
export function epochMsOf(dayNumber: number): number {
  return dayNumber * MS_PER_DAY;
}
