// Coptic (Alexandrian) calendar arithmetic: a Coptic date → a day number, to cross-check the other halves of a masthead. Core: imports nothing.
// Written by hand because it is four lines of arithmetic; the tests check it against ICU's `coptic` calendar.

/** Day number (days since 1970-01-01) of 1 Thout 1 AM = 29 August 284 (Julian). */
const COPTIC_EPOCH = -615_558;

/** True for a Coptic leap year, whose 13th month (النسيء) has 6 days: the year before a Julian leap year. */
export const isCopticLeapYear = (year: number): boolean => year % 4 === 3;

/** Days of a Coptic month: 30 for months 1–12, 5 or 6 for the 13th. */
export function copticMonthLength(year: number, month: number): number {
  return month === 13 ? (isCopticLeapYear(year) ? 6 : 5) : 30;
}

/**
 * The Coptic year a day number (days since 1970-01-01) falls in.
 *
 * @example
 * copticYearOf(18516) // 2020-09-11, 1 Thout
 * //=> 1737
 */
export function copticYearOf(dayNumber: number): number {
  let year = Math.floor((dayNumber - COPTIC_EPOCH) / 365.25) + 1;
  while (startOfYear(year + 1) <= dayNumber) year++;
  while (startOfYear(year) > dayNumber) year--;
  return year;
}

/** Day number of 1 Thout of a Coptic year. */
const startOfYear = (year: number): number => COPTIC_EPOCH + 365 * (year - 1) + Math.floor(year / 4);

/**
 * Day number (days since 1970-01-01) of a Coptic date, or null when the date does not exist
 * (12 months of 30 days, then 5 epagomenal days, 6 in a leap year).
 *
 * @example
 * dayNumberOfCoptic(1737, 1, 3) // 3 Thout 1737
 * //=> 18518 (2020-09-13)
 */
export function dayNumberOfCoptic(year: number, month: number, day: number): number | null {
  if (!Number.isInteger(year) || year < 1 || month < 1 || month > 13 || day < 1 || day > copticMonthLength(year, month)) return null;
  return startOfYear(year) + 30 * (month - 1) + day - 1;
}
