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
import { copticYearOf, dayNumberOfCoptic } from './coptic.ts';
import { DateGrammarError, parseArabicDate, type DateFact, type DateLabel, type ParsedDateText } from './parse-arabic-date.ts';
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
import { relativeInstant } from './relative-instant.ts';
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
  declare readonly code: DateErrorCode;
  constructor(code: DateErrorCode, message: string) {
    // A refusal is a value carried up to the caller, not a crash: no stack is captured (it was most of a refusal's cost).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.code = code;
    this.name = 'RefusalError';
  }
}

interface Resolved {
  dayNumber: number;
  precision: 'month' | 'day';
  calendar: DateCalendar;
  hijri?: string;
  system?: NamingSystem;
  /** The text printed no year: it was taken from `now`. */
  yearInferred?: true;
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
    if (error instanceof RelativeDateError) return fail(error.code, error.message);
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
  const tolerance = options.futureToleranceHours ?? DEFAULT_FUTURE_TOLERANCE_HOURS;
  if (typeof tolerance !== 'number' || Number.isNaN(tolerance) || tolerance < 0) {
    return fail('NO_DATE', 'option "futureToleranceHours" must be a number of hours, 0 or more');
  }
  const parsed = parseArabicDate(text, options.order);
  if (parsed.tokens.length === 0) return fail('EMPTY', 'the date text is empty (no letters, digits or signs)');
  if (parsed.labels.length > 0) {
    parsed.dates = keepPublication(parsed.dates, parsed.labels);
    parsed.times = keepPublication(parsed.times, parsed.labels);
  }
  parsed.time = oneTime(parsed);

  const future: FutureLimit = { limit: now.getTime() + tolerance * 3_600_000, now, hours: tolerance };
  const resolved = resolveAbsolute(parsed, now, timeZone);
  if (resolved) refuseLeftovers(parsed, resolved);
  if (parsed.coptic.length > 0) checkCoptic(parsed.coptic, resolved);
  const result = resolved ? finish(resolved, parsed, timeZone, future) : readRelative(parsed, now, timeZone, future);
  if (result && resolved && result.instant === null && result.precision === 'day') {
    // A date with a relative stamp beside it ("الخميس 24 أبريل 2025 | منذ ساعتين"): the stamp gives the time when it
    // falls on that date, and is a contradiction when it does not. "اليوم" is left to the explicit date (and is often a name: "مصر اليوم").
    let fact: ReturnType<typeof readRelativeDate> = null;
    try {
      fact = readRelativeDate(parsed.tokens);
    } catch (error) {
      if (!(error instanceof RelativeDateError)) throw error; // "منذ 7 أكتوبر": "since" a date, not a duration
    }
    const relative = fact && !(fact.kind === 'days' && fact.days === 0) ? readRelative(parsed, now, timeZone, future) : null;
    if (relative) {
      if (relative.date !== result.date) {
        throw new RefusalError('AMBIGUOUS', `the text holds the date ${result.date} and a relative stamp that falls on ${relative.date}`);
      }
      if (relative.instant !== null) return { ...result, instant: relative.instant, precision: relative.precision };
    }
  }
  if (result) return result;
  if (parsed.time) return fail('NO_DATE', 'a time of day was found but no date');
  return fail('NO_DATE', 'no date was found in the text');
}

/**
 * Numbers no rule read that still look like a date part refuse the line: another year (1900–2100, or
 * 1300–1500 AH), or a day after "يوم"/"يومي"/"و"/"إلى" ("يوم 25 بدلا من 27 مايو"). A year equal to the
 * date's own year in that calendar is the rest of a masthead and is let through, except a Gregorian year
 * beside a date read only from its Hijri half (the Gregorian half was there and could not be read).
 */
function refuseLeftovers(parsed: ParsedDateText, resolved: Resolved): void {
  const tokens = parsed.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as (typeof tokens)[number];
    if (t.kind !== 'num' || t.used) continue;
    const v = t.value;
    if (t.text.length === 4 && ((v >= 1900 && v <= 2100) || (v >= 1300 && v <= 1500))) {
      const gregorianYear = v >= 1900;
      const sameYear = gregorianYear
        ? resolved.calendar !== 'hijri' && civilDateOf(resolved.dayNumber).year === v
        : resolved.calendar !== 'hijri' && resolved.precision === 'day' && hijriDateOfDayNumber(resolved.dayNumber).year === v;
      if (!sameYear) {
        throw new RefusalError(
          'AMBIGUOUS',
          `the text holds the year ${t.text} that is not part of the date read; it may belong to another date`,
        );
      }
    }
    const before = tokens[i - 1]?.text;
    if (t.text.length <= 2 && v >= 1 && v <= 31 && (before === 'يوم' || before === 'يومي' || before === 'و' || before === 'الي')) {
      throw new RefusalError('AMBIGUOUS', `"${before} ${t.text}" names another day beside the date read`);
    }
  }
}

/**
 * A Coptic date printed beside the date read (Egyptian mastheads) must name the same day; it is never read on
 * its own, since the line then holds nothing to check it against and no news site dates by it alone.
 */
function checkCoptic(coptic: DateFact[], resolved: Resolved | null): void {
  for (const c of coptic) {
    const printed = `${c.day} ${c.month}/${c.year ?? '(no year)'} (Coptic)`;
    if (resolved?.precision !== 'day') {
      throw new RefusalError('NO_DATE', `the Coptic date ${printed} is read only beside a Gregorian or Hijri date, and the text has none`);
    }
    // Without a year ("3 توت"), the Coptic year of the date read is taken: the day and month must still match.
    const year = c.year ?? copticYearOf(resolved.dayNumber);
    const n = dayNumberOfCoptic(year, c.month, c.day as number);
    if (n !== resolved.dayNumber) {
      throw new RefusalError(
        'COPTIC_MISMATCH',
        `${printed} is ${n === null ? 'not a Coptic date' : formatDayNumber(n)}, not the ${formatDayNumber(resolved.dayNumber)} the rest of the text names`,
      );
    }
  }
}

/** The latest instant a date may start at (now + tolerance), and what the refusal names. */
interface FutureLimit {
  limit: number;
  now: Date;
  hours: number;
}

/** How far after "now" a date may lie by default (a site in a zone ahead, a clock set a little fast), in hours. */
const DEFAULT_FUTURE_TOLERANCE_HOURS = 36;

/** A relative phrase ("منذ ساعتين", "أمس") read against now, or null when the text has none. */
function readRelative(parsed: ParsedDateText, now: Date, timeZone: string, future: FutureLimit): NormalizedDate | null {
  const relative = readRelativeDate(parsed.tokens);
  if (!relative) return null;
  if (relative.kind === 'offset') {
    const instant = relativeInstant(now, timeZone, relative.days, relative.milliseconds);
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
  return finish({ dayNumber, precision: 'day', calendar: 'relative' }, parsed, timeZone, future);
}

/** Zone offsets lie within −12 h … +14 h: a day surely starts by its UTC midnight + 12 h. */
const LATEST_DAY_START_MS = 12 * 3_600_000;

/**
 * A date more than the tolerance after now is refused: news is dated in the past. A day (or month)
 * counts from its first minute in the zone; an instant counts as itself.
 */
function refuseFuture(dayNumber: number, instantMs: number | null, precision: DatePrecision, timeZone: string, future: FutureLimit): void {
  let start = instantMs;
  if (start === null) {
    if (dayNumber * MS_PER_DAY + LATEST_DAY_START_MS <= future.limit) return; // clearly past: no zone lookup
    const date = civilDateOf(dayNumber);
    start = wallTimeToEpochMs(date.year, date.month, date.day, 0, 0, 0, { kind: 'iana', name: timeZone });
  }
  if (start <= future.limit) return;
  const what =
    instantMs !== null
      ? formatInstant(instantMs)
      : precision === 'month'
        ? formatDayNumber(dayNumber).slice(0, 7)
        : formatDayNumber(dayNumber);
  throw new RefusalError(
    'FUTURE_DATE',
    `${what} is more than ${future.hours} hours after now (${formatInstant(future.now.getTime())}); a news date lies in the past`,
  );
}

const MS_PER_DAY = 86_400_000;

/** The kind of the nearest label before a token index ("نشر في" → published, "آخر تحديث" → updated). */
function labelBefore(labels: DateLabel[], start: number): DateLabel['kind'] | null {
  let kind: DateLabel['kind'] | null = null;
  for (const label of labels) if (label.start < start) kind = label.kind;
  return kind;
}

/** Facts under an update label are dropped; when some sit under a publication label, only those are kept. */
function keepPublication<T extends { start: number }>(facts: T[], labels: DateLabel[]): T[] {
  if (facts.length < 2) return facts;
  const kept = facts.filter((f) => labelBefore(labels, f.start) !== 'updated');
  const published = kept.filter((f) => labelBefore(labels, f.start) === 'published');
  if (published.length > 0) return published;
  return kept.length > 0 ? kept : facts;
}

/** The one time of day in the text; two different ones (without labels telling them apart) are refused. */
function oneTime(parsed: ParsedDateText): ParsedDateText['time'] {
  const times = parsed.times;
  const first = times[0];
  if (first === undefined || times.length === 1) return first ?? null;
  const other = times.find((t) => t.hour !== first.hour || t.minute !== first.minute);
  if (other) {
    const hhmm = (t: typeof first): string => `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
    throw new RefusalError(
      'AMBIGUOUS',
      `the text holds two different times (${hhmm(first)} and ${hhmm(other)}) and no label says which is the publication`,
    );
  }
  return first;
}

/** Adds the time of day (→ instant) and checks weekdays. */
function finish(resolved: Resolved, parsed: ParsedDateText, timeZone: string, future: FutureLimit): NormalizedDate {
  if (resolved.precision === 'month' && (parsed.weekdays.length > 0 || parsed.time)) {
    throw new RefusalError('AMBIGUOUS', `the text names ${parsed.time ? 'a time of day' : 'a weekday'} but no day of the month`);
  }
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
    refuseFuture(dayNumber, ms, precision, timeZone, future);
    instant = formatInstant(ms);
    precision = second === null ? 'minute' : 'second';
  } else {
    refuseFuture(dayNumber, null, precision, timeZone, future);
  }
  const result: NormalizedDate = { ok: true, date: formatDayNumber(dayNumber), instant, precision, calendar: resolved.calendar };
  if (resolved.hijri !== undefined) result.hijri = resolved.hijri;
  if (resolved.system !== undefined) result.system = resolved.system;
  if (resolved.yearInferred) result.yearInferred = true;
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
  const h0 = fullH[0];
  // Every other date fact must be a part of the date chosen ("من 3 مايو إلى 5 يونيو 2024" is a range).
  for (const [chosen, list] of [
    [g, gregorian],
    [h0, hijri],
  ] as const) {
    if (!chosen) continue;
    const other = list.find(
      (f) => f.month !== chosen.month || (f.year !== null && f.year !== chosen.year) || (f.day !== null && f.day !== chosen.day),
    );
    if (other) throw new RefusalError('AMBIGUOUS', `the text holds two different dates (${describe(chosen)} and ${describe(other)})`);
  }
  if (!g && !h0) {
    const distinct = uniqueDates(parsed.dates);
    if (distinct.length > 1)
      throw new RefusalError('AMBIGUOUS', `the text holds two different dates (${distinct.slice(0, 2).map(describe).join(' and ')})`);
  }
  if (g) {
    const dayNumber = gregorianDayNumber(g);
    const h = fullH[0] ?? hijri.find((f) => f.day !== null);
    const monthOnly = hijri.find((f) => f.day === null);
    if (monthOnly) {
      // "… 22 مارس 2023 … رمضان 1444": the Hijri month named must hold the Gregorian day.
      const y = monthOnly.year ?? nearestHijriYear(monthOnly, dayNumber);
      const start = hijriMonthStart(y, monthOnly.month);
      if (dayNumber < start || dayNumber >= start + hijriMonthLength(y, monthOnly.month)) {
        throw new RefusalError(
          'HIJRI_MISMATCH',
          `${formatIsoDate(civilDateOf(dayNumber))} is not in Hijri month ${monthOnly.month}/${y} (Umm al-Qura), which the text also names`,
        );
      }
    }
    if (!h) return { dayNumber, precision: 'day', calendar: g.system === 'iso' ? 'iso' : 'gregorian', system: systemOf(g) };
    // The two halves must name the same day under Umm al-Qura; a site whose own Hijri calendar runs a day off
    // prints halves a reader cannot reconcile without knowing that calendar, so the line is refused.
    const hYear = h.year ?? nearestHijriYear(h, dayNumber);
    const hijriNumber = lenientHijriDayNumber(hYear, h.month, h.day as number);
    if (hijriNumber !== dayNumber) {
      throw new RefusalError(
        'HIJRI_MISMATCH',
        `${h.day} ${h.month}/${hYear} AH is ${formatIsoDate(civilDateOf(hijriNumber))} under Umm al-Qura, not the printed ${formatIsoDate(civilDateOf(dayNumber))}`,
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
  const today = zonedDateOf(now.getTime(), timeZone);
  const todayNumber = dayNumberOf(today.year, today.month, today.day);
  const read = partial.calendar === 'gregorian' ? resolveGregorianPartial(partial, todayNumber) : resolveHijriPartial(partial, todayNumber);
  if (partial.year === null) {
    // A year printed where the grammar could not attach it must not be replaced by a guess, unless it is the very
    // year the guess gives ("ألعاب 2022 يوم 9 جانفي" read in January 2022): then both readings are the same date.
    const year = read.calendar === 'hijri' ? Number(read.hijri?.slice(0, 4)) : civilDateOf(read.dayNumber).year;
    const stray = parsed.tokens.find((t) => t.kind === 'num' && !t.used && t.text.length === 4 && t.value !== year);
    if (stray) {
      throw new RefusalError('AMBIGUOUS', `the date has no year attached, but the text also holds the number ${stray.text}`);
    }
  }
  return read;
}

function uniqueDates(list: DateFact[]): DateFact[] {
  const out: DateFact[] = [];
  for (const f of list) if (!out.some((o) => sameDate(o, f))) out.push(f);
  return out;
}

function describe(f: DateFact): string {
  const parts = [f.year ?? '(no year)', f.month, f.day ?? '(no day)'];
  return `${parts.join('-')}${f.calendar === 'hijri' ? ' AH' : ''}`;
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
    return {
      dayNumber: dayNumberOf(year, f.month, 1),
      precision: 'month',
      calendar: 'gregorian',
      system,
      ...(f.year === null && { yearInferred: true as const }),
    };
  }
  if (f.year !== null) return { dayNumber: gregorianDayNumber(f), precision: 'day', calendar: 'gregorian', system };
  const candidates = [today.year - 4, today.year - 3, today.year - 2, today.year - 1, today.year, today.year + 1]
    .filter((y) => isValidGregorian(y, f.month, f.day as number))
    .map((y) => dayNumberOf(y, f.month, f.day as number));
  const dayNumber = pickOccurrence(candidates, todayNumber, f.direction);
  if (dayNumber === null)
    throw new RefusalError('INVALID_DAY', `${GREGORIAN_MONTHS_EN[f.month - 1]} has no day ${f.day} near the current date`);
  return { dayNumber, precision: 'day', calendar: 'gregorian', system, yearInferred: true };
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
      ...(f.year === null && { yearInferred: true as const }),
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
  return {
    dayNumber,
    precision: 'day',
    calendar: 'hijri',
    hijri: formatIsoDate({ year, month: f.month, day: f.day }),
    system,
    yearInferred: true,
  };
}

/**
 * A year-less date is the most recent such day on or before today (news is dated in the past; a
 * weekday, if printed, must then agree), or the first after / last before today for next / previous.
 */
function pickOccurrence(candidates: number[], todayNumber: number, direction: DateFact['direction']): number | null {
  if (direction === 'next') {
    const after = candidates.filter((n) => n > todayNumber);
    return after.length > 0 ? Math.min(...after) : null;
  }
  const pool = candidates.filter((n) => (direction === 'previous' ? n < todayNumber : n <= todayNumber));
  return pool.length > 0 ? Math.max(...pool) : null;
}
