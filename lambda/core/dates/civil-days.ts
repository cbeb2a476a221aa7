// Proleptic Gregorian day arithmetic on UTC day numbers (days since 1970-01-01), host-zone free. Core: imports nothing.

/** A calendar date; month is 1–12. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

const MS_PER_DAY = 86_400_000;

/** Days in a Gregorian month (1–12) of a year. */
function daysInGregorianMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True when year/month/day names a real Gregorian day (years 1–9999). */
export function isValidGregorian(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    year >= 1 &&
    year <= 9999 &&
    Number.isInteger(month) &&
    month >= 1 &&
    month <= 12 &&
    Number.isInteger(day) &&
    day >= 1 &&
    day <= daysInGregorianMonth(year, month)
  );
}

/** Day number (days since 1970-01-01) of a Gregorian date. */
export function dayNumberOf(year: number, month: number, day: number): number {
  // Days from civil (proleptic Gregorian), integer arithmetic in 400-year eras; valid for any year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The Gregorian date of a day number. */
export function civilDateOf(dayNumber: number): CivilDate {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Weekday of a day number, 0 = Sunday. */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** "YYYY-MM-DD" of a Gregorian date. */
const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

/** Formatted dates of recent day numbers (1900–2100), filled on use. */
const FORMATTED_FROM = -25_567; // 1900-01-01
const formatted: Array<string | undefined> = [];

/** "YYYY-MM-DD" of a day number, cached for 1900–2100. */
export function formatDayNumber(dayNumber: number): string {
  const i = dayNumber - FORMATTED_FROM;
  if (i >= 0 && i < 73_415) {
    formatted[i] ??= formatIsoDate(civilDateOf(dayNumber));
    return formatted[i];
  }
  return formatIsoDate(civilDateOf(dayNumber));
}

export function formatIsoDate(date: CivilDate): string {
  const y = date.year;
  const year = y >= 1000 && y <= 9999 ? String(y) : String(y).padStart(4, '0');
  return `${year}-${TWO_DIGITS[date.month]}-${TWO_DIGITS[date.day]}`;
}

/** Milliseconds of the UTC midnight that starts a day number. */
export function epochMsOf(dayNumber: number): number {
  return dayNumber * MS_PER_DAY;
}

/**
 * ISO 8601 UTC text of an instant ("…Z"), like Date#toISOString for years 1000–9999, without a Date.
 *
 * @example
 * formatInstant(Date.UTC(2024, 3, 29, 20, 50)) //=> '2024-04-29T20:50:00.000Z'
 */
export function formatInstant(epochMs: number): string {
  const dayNumber = Math.floor(epochMs / MS_PER_DAY);
  let rest = epochMs - dayNumber * MS_PER_DAY;
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const ms = rest - second * 1000;
  const msText = ms < 10 ? `00${ms}` : ms < 100 ? `0${ms}` : String(ms);
  return `${formatDayNumber(dayNumber)}T${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}.${msText}Z`;
}

/** Milliseconds since the epoch of a UTC wall time (month 1–12). */
export function utcEpochMsOf(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  return dayNumberOf(year, month, day) * MS_PER_DAY + hour * 3_600_000 + minute * 60_000 + second * 1000;
}
