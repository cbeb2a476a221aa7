// normalizeArabicDate: one Arabic date line → a checked calendar date (and instant), or a clear refusal. Never throws. Core: no clock reads, no I/O.
import { civilDateOf, dayNumberOf, formatDayNumber, formatInstant, formatIsoDate, isValidGregorian, weekdayOf } from './civil-days.ts';
import {
  dayNumberOfHijri,
  hijriDateOfDayNumber,
  hijriMonthLength,
  hijriMonthStart,
  isHijriYearSupported,
  HIJRI_MAX_YEAR,
  HIJRI_MIN_YEAR,
} from './hijri.ts';
import { DateGrammarError, parseArabicDate, type DateFact, type ParsedDateText } from './parse-arabic-date.ts';
import { readRelativeDate, RelativeDateError } from './relative.ts';
import type {
  DateCalendar,
  DateErrorCode,
  DateError,
  DatePrecision,
  NamingSystem,
  NormalizedDate,
  NormalizeOptions,
  NormalizeResult,
} from './types.ts';
import { WEEKDAY_NAMES } from './weekdays.ts';
import { isKnownTimeZone, wallTimeToEpochMs, zonedDateOf, type PrintedZone } from './zones.ts';

/** Longest input read; longer text is refused before any work is done. */
const MAX_DATE_TEXT_LENGTH = 1000;

const GREGORIAN_MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function fail(code: DateErrorCode, message: string): DateError {
  return { ok: false, error: { code, message } };
}

/** Internal refusal carried up to normalizeArabicDate. */
class RefusalError extends Error {
  constructor(
    readonly code: DateErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RefusalError';
  }
}

interface Resolved {
  dayNumber: number;
  precision: 'month' | 'day';
  calendar: DateCalendar;
  hijri?: string;
  system?: NamingSystem;
}

/**
 * Reads one Arabic date line (any naming system, Hijri or Gregorian, any digits, relative
 * forms, zones) into the printed calendar date and, when a time of day or a minute/hour offset
 * is fixed, the UTC instant. Never throws: bad input gives `{ ok: false, error }`.
 *
 * @example
 * normalizeArabicDate('الإثنين 29 أبريل / أبريل 2024', { timeZone: 'Asia/Riyadh', now: new Date('2024-04-30T12:00:00Z') })
 * //=> { ok: true, date: '2024-04-29', instant: null, precision: 'day', calendar: 'gregorian', system: 'mashriq' }
 * normalizeArabicDate('منذ ساعتين', { timeZone: 'Asia/Riyadh', now: new Date('2024-04-30T12:00:00Z') })
 * //=> { ok: true, date: '2024-04-30', instant: '2024-04-30T10:00:00.000Z', precision: 'minute', calendar: 'relative' }
 */
export function normalizeArabicDate(text: string, options: NormalizeOptions): NormalizeResult {
  try {
    return normalizeOrRefuse(text, options);
  } catch (error) {
    if (error instanceof DateGrammarError || error instanceof RefusalError) return fail(error.code, error.message);
    if (error instanceof RelativeDateError) return fail('NO_DATE', error.message);
    return fail('NO_DATE', `the text could not be read as a date (${error instanceof Error ? error.message : String(error)})`);
  }
}

function normalizeOrRefuse(text: string, options: NormalizeOptions): NormalizeResult {
  const timeZone = options?.timeZone;
  if (typeof timeZone !== 'string' || !isKnownTimeZone(timeZone)) {
    return fail('UNKNOWN_ZONE', `timeZone ${JSON.stringify(timeZone)} is not an IANA time zone name`);
  }
  const now = options.now;
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) return fail('NO_DATE', 'option "now" must be a valid Date');
  if (typeof text !== 'string') return fail('EMPTY', 'the date text must be a string');
  if (text.length > MAX_DATE_TEXT_LENGTH) {
    return fail('TOO_LONG', `the text is ${text.length} characters; a date line is at most ${MAX_DATE_TEXT_LENGTH}`);
  }
  const parsed = parseArabicDate(text);
  if (parsed.tokens.length === 0) return fail('EMPTY', 'the date text is empty (no letters, digits or signs)');

  const resolved = resolveAbsolute(parsed, now, timeZone);
  if (resolved) return finish(resolved, parsed, timeZone);

  const relative = readRelativeDate(parsed.tokens);
  if (relative) {
    if (relative.kind === 'offset') {
      const instant = now.getTime() - relative.milliseconds;
      const local = zonedDateOf(instant, timeZone);
      const dayNumber = dayNumberOf(local.year, local.month, local.day);
      checkWeekdays(parsed, dayNumber, false);
      return {
        ok: true,
        date: formatIsoDate(local),
        instant: formatInstant(instant),
        precision: relative.precision,
        calendar: 'relative',
      };
    }
    const today = zonedDateOf(now.getTime(), timeZone);
    const dayNumber = dayNumberOf(today.year, today.month, today.day) - relative.days;
    return finish({ dayNumber, precision: 'day', calendar: 'relative' }, parsed, timeZone);
  }
  if (parsed.time) return fail('NO_DATE', 'a time of day was found but no date');
  return fail('NO_DATE', 'no date was found in the text');
}

/** Adds the time of day (→ instant) and checks weekdays. */
function finish(resolved: Resolved, parsed: ParsedDateText, timeZone: string): NormalizedDate {
  const dayNumber = checkWeekdays(parsed, resolved.dayNumber, resolved.calendar === 'hijri' && resolved.precision === 'day');
  let instant: string | null = null;
  let precision: DatePrecision = resolved.precision;
  if (parsed.time && resolved.precision === 'day') {
    if (parsed.unknownZone !== null && !parsed.zone) {
      throw new RefusalError('UNKNOWN_ZONE', `the zone "${parsed.unknownZone}" named after the time is not known`);
    }
    const zone: PrintedZone = parsed.zone ?? { kind: 'iana', name: timeZone };
    const { hour, minute, second } = parsed.time;
    const date = civilDateOf(dayNumber);
    const ms = wallTimeToEpochMs(date.year, date.month, date.day, hour, minute, second ?? 0, zone);
    instant = formatInstant(ms);
    precision = second === null ? 'minute' : 'second';
  }
  const result: NormalizedDate = { ok: true, date: formatDayNumber(dayNumber), instant, precision, calendar: resolved.calendar };
  if (resolved.hijri !== undefined) result.hijri = resolved.hijri;
  if (resolved.system !== undefined) result.system = resolved.system;
  return result;
}

/**
 * Every weekday named must be the date's weekday. A Hijri-only date one day off the weekday
 * takes the day the weekday names (local moon sighting); returns the day number to use.
 */
function checkWeekdays(parsed: ParsedDateText, dayNumber: number, hijriOnly: boolean): number {
  if (parsed.weekdays.length === 0) return dayNumber;
  if (parsed.weekdays.length > 1) {
    throw new RefusalError('WEEKDAY_MISMATCH', `the text names two weekdays (${parsed.weekdays.map((d) => WEEKDAY_NAMES[d]).join('، ')})`);
  }
  const named = parsed.weekdays[0] as number;
  const actual = weekdayOf(dayNumber);
  if (named === actual) return dayNumber;
  if (hijriOnly) {
    if (weekdayOf(dayNumber + 1) === named) return dayNumber + 1;
    if (weekdayOf(dayNumber - 1) === named) return dayNumber - 1;
  }
  const iso = formatIsoDate(civilDateOf(dayNumber));
  throw new RefusalError('WEEKDAY_MISMATCH', `${iso} is a ${WEEKDAY_NAMES[actual]}, but the text says ${WEEKDAY_NAMES[named]}`);
}

const sameDate = (a: DateFact, b: DateFact): boolean =>
  a.calendar === b.calendar && a.year === b.year && a.month === b.month && a.day === b.day;

function resolveAbsolute(parsed: ParsedDateText, now: Date, timeZone: string): Resolved | null {
  if (parsed.dates.length === 0) return null;
  const single = parsed.dates.length === 1 ? (parsed.dates[0] as DateFact) : null;
  if (single && single.year !== null && single.day !== null) {
    // The common case: one complete date.
    if (single.calendar === 'gregorian') {
      return {
        dayNumber: gregorianDayNumber(single),
        precision: 'day',
        calendar: single.system === 'iso' ? 'iso' : 'gregorian',
        system: systemOf(single),
      };
    }
    return {
      dayNumber: hijriDayNumber(single.year, single.month, single.day),
      precision: 'day',
      calendar: 'hijri',
      hijri: formatIsoDate({ year: single.year, month: single.month, day: single.day }),
      system: systemOf(single),
    };
  }
  const complete = (f: DateFact) => f.year !== null && f.day !== null;
  const gregorian = parsed.dates.filter((f) => f.calendar === 'gregorian');
  const hijri = parsed.dates.filter((f) => f.calendar === 'hijri');
  const fullG = uniqueDates(gregorian.filter(complete));
  const fullH = uniqueDates(hijri.filter(complete));
  if (fullG.length > 1) throw new RefusalError('AMBIGUOUS', `the text holds two different dates (${fullG.map(describe).join(' and ')})`);
  if (fullH.length > 1)
    throw new RefusalError('AMBIGUOUS', `the text holds two different Hijri dates (${fullH.map(describe).join(' and ')})`);

  const g = fullG[0];
  if (g) {
    const dayNumber = gregorianDayNumber(g);
    const h = fullH[0] ?? hijri.find((f) => f.day !== null);
    if (!h) return { dayNumber, precision: 'day', calendar: g.system === 'iso' ? 'iso' : 'gregorian', system: systemOf(g) };
    // The printed Gregorian date is authoritative; the Hijri half must be within one day of it.
    const hYear = h.year ?? nearestHijriYear(h, dayNumber);
    const hijriNumber = lenientHijriDayNumber(hYear, h.month, h.day as number);
    if (Math.abs(hijriNumber - dayNumber) > 1) {
      throw new RefusalError(
        'HIJRI_MISMATCH',
        `${h.day} ${h.month}/${hYear} AH is ${formatIsoDate(civilDateOf(hijriNumber))} under Umm al-Qura, more than one day from the printed ${formatIsoDate(civilDateOf(dayNumber))}`,
      );
    }
    return {
      dayNumber,
      precision: 'day',
      calendar: 'gregorian+hijri',
      hijri: formatIsoDate({ year: hYear, month: h.month, day: h.day as number }),
      system: systemOf(g),
    };
  }
  const h = fullH[0];
  if (h) {
    const dayNumber = hijriDayNumber(h.year as number, h.month, h.day as number);
    return {
      dayNumber,
      precision: 'day',
      calendar: 'hijri',
      hijri: formatIsoDate({ year: h.year as number, month: h.month, day: h.day as number }),
      system: systemOf(h),
    };
  }
  // Partial dates: a day and month (nearest to now, or next/previous), or a month and year.
  const partial = parsed.dates[0] as DateFact;
  if (partial.year === null) {
    // A year printed where the grammar could not attach it must not be replaced by a guess.
    const stray = parsed.tokens.find((t) => t.kind === 'num' && !t.used && t.text.length === 4);
    if (stray) throw new RefusalError('AMBIGUOUS', `the date has no year attached, but the text also holds the number ${stray.text}`);
  }
  const today = zonedDateOf(now.getTime(), timeZone);
  const todayNumber = dayNumberOf(today.year, today.month, today.day);
  if (partial.calendar === 'gregorian') return resolveGregorianPartial(partial, todayNumber);
  return resolveHijriPartial(partial, todayNumber);
}

function uniqueDates(list: DateFact[]): DateFact[] {
  const out: DateFact[] = [];
  for (const f of list) if (!out.some((o) => sameDate(o, f))) out.push(f);
  return out;
}

function describe(f: DateFact): string {
  return `${f.year}-${f.month}-${f.day}${f.calendar === 'hijri' ? ' AH' : ''}`;
}

function systemOf(f: DateFact): NamingSystem | undefined {
  return f.system === 'iso' ? undefined : f.system;
}

function gregorianDayNumber(f: DateFact): number {
  const year = f.year as number;
  const day = f.day as number;
  if (year < 1 || year > 9999) throw new RefusalError('INVALID_YEAR', `year ${year} is out of range`);
  if (!isValidGregorian(year, f.month, day)) {
    throw new RefusalError('INVALID_DAY', `${GREGORIAN_MONTHS_EN[f.month - 1]} ${year} has no day ${day}`);
  }
  return dayNumberOf(year, f.month, day);
}

function checkHijriYear(year: number): void {
  if (!isHijriYearSupported(year)) {
    throw new RefusalError('HIJRI_OUT_OF_RANGE', `Hijri year ${year} is outside the Umm al-Qura range ${HIJRI_MIN_YEAR}–${HIJRI_MAX_YEAR}`);
  }
}

function hijriDayNumber(year: number, month: number, day: number): number {
  checkHijriYear(year);
  const n = dayNumberOfHijri(year, month, day);
  if (n === null)
    throw new RefusalError(
      'INVALID_DAY',
      `Hijri month ${month}/${year} has ${hijriMonthLength(year, month)} days under Umm al-Qura, not ${day}`,
    );
  return n;
}

/** Like hijriDayNumber, but a day 30 Umm al-Qura lacks is read as the day after the 29th (local sighting). */
function lenientHijriDayNumber(year: number, month: number, day: number): number {
  checkHijriYear(year);
  return hijriMonthStart(year, month) + day - 1;
}

function nearestHijriYear(f: DateFact, dayNumber: number): number {
  const base = hijriDateOfDayNumber(dayNumber).year;
  let best = base;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const y of [base - 1, base, base + 1]) {
    if (!isHijriYearSupported(y)) continue;
    const d = Math.abs(hijriMonthStart(y, f.month) + (f.day ?? 1) - 1 - dayNumber);
    if (d < bestDistance) {
      best = y;
      bestDistance = d;
    }
  }
  return best;
}

function resolveGregorianPartial(f: DateFact, todayNumber: number): Resolved {
  const today = civilDateOf(todayNumber);
  const system = systemOf(f);
  if (f.day === null) {
    let year = f.year;
    if (year === null) {
      // "مايو المقبل" / "مايو الماضي": the next or previous such month.
      year =
        f.direction === 'previous'
          ? f.month < today.month
            ? today.year
            : today.year - 1
          : f.month > today.month
            ? today.year
            : today.year + 1;
    }
    if (year < 1 || year > 9999) throw new RefusalError('INVALID_YEAR', `year ${year} is out of range`);
    return { dayNumber: dayNumberOf(year, f.month, 1), precision: 'month', calendar: 'gregorian', system };
  }
  if (f.year !== null) return { dayNumber: gregorianDayNumber(f), precision: 'day', calendar: 'gregorian', system };
  const candidates = [today.year - 1, today.year, today.year + 1]
    .filter((y) => isValidGregorian(y, f.month, f.day as number))
    .map((y) => dayNumberOf(y, f.month, f.day as number));
  const dayNumber = pickOccurrence(candidates, todayNumber, f.direction);
  if (dayNumber === null)
    throw new RefusalError('INVALID_DAY', `${GREGORIAN_MONTHS_EN[f.month - 1]} has no day ${f.day} near the current date`);
  return { dayNumber, precision: 'day', calendar: 'gregorian', system };
}

function resolveHijriPartial(f: DateFact, todayNumber: number): Resolved {
  const system = systemOf(f);
  if (f.day === null) {
    let year = f.year;
    if (year === null) {
      const h = hijriDateOfDayNumber(todayNumber);
      year = f.direction === 'previous' ? (f.month < h.month ? h.year : h.year - 1) : f.month > h.month ? h.year : h.year + 1;
    }
    checkHijriYear(year);
    return {
      dayNumber: hijriMonthStart(year, f.month),
      precision: 'month',
      calendar: 'hijri',
      hijri: formatIsoDate({ year, month: f.month, day: 1 }),
      system,
    };
  }
  const base = hijriDateOfDayNumber(todayNumber).year;
  const years = [base - 1, base, base + 1].filter(isHijriYearSupported);
  const candidates: Array<[number, number]> = [];
  for (const y of years) {
    const n = dayNumberOfHijri(y, f.month, f.day);
    if (n !== null) candidates.push([n, y]);
  }
  const dayNumber = pickOccurrence(
    candidates.map(([n]) => n),
    todayNumber,
    f.direction,
  );
  if (dayNumber === null) throw new RefusalError('INVALID_DAY', `Hijri month ${f.month} has no day ${f.day} near the current date`);
  const year = (candidates.find(([n]) => n === dayNumber) as [number, number])[1];
  return { dayNumber, precision: 'day', calendar: 'hijri', hijri: formatIsoDate({ year, month: f.month, day: f.day }), system };
}

/** The candidate nearest to today, or the first after / last before it for next / previous. */
function pickOccurrence(candidates: number[], todayNumber: number, direction: DateFact['direction']): number | null {
  let pool = candidates;
  if (direction === 'next') pool = candidates.filter((n) => n > todayNumber);
  if (direction === 'previous') pool = candidates.filter((n) => n < todayNumber);
  let best: number | null = null;
  for (const n of pool) if (best === null || Math.abs(n - todayNumber) < Math.abs(best - todayNumber)) best = n;
  return best;
}
