// The date grammar: reads folded tokens into date, time, zone, weekday and relative facts. Hand-written because no library reads Arabic (and Hijri) date lines correctly. Core: imports nothing but siblings.
import { CE_ERA, dateLexicon, HIJRI_ERA, MERIDIEM, NEXT_WORDS, PREVIOUS_WORDS, YEAR_LEAD_WORDS, type MonthEntry } from './date-lexicon.ts';
import { dayNumberOf, weekdayOf } from './civil-days.ts';
import { foldArabicText, foldStableText } from './fold-arabic-text.ts';
import { PDF_DAMAGE, repairPdfText } from './repair-pdf-text.ts';
import { tokenizeDateText, type DateToken } from './tokenize-date-text.ts';
import type { DateErrorCode, NamingSystem, NumericDateOrder } from './types.ts';
import { GREENWICH_WORDS, ZONE_ABBREVIATIONS, ZONE_PLACES, type PrintedZone } from './zones.ts';

/** A date read from the text, not yet checked against a calendar. */
export interface DateFact {
  calendar: 'gregorian' | 'hijri' | 'coptic';
  /** 'iso' when printed as ISO 8601, 'numeric' for other numeric dates, else the month table. */
  system: NamingSystem | 'iso';
  year: number | null;
  month: number;
  day: number | null;
  /** "المقبل" → next, "الماضي" → previous. */
  direction: 'next' | 'previous' | null;
  /** Offset in the folded text where the fact starts (labels such as "نشر في" / "آخر تحديث" are found by position). */
  start: number;
}

/** A clock time read from the text (24-hour). */
interface TimeFact {
  hour: number;
  minute: number;
  second: number | null;
  /** Offset in the folded text where the time starts. */
  start: number;
}

/** A word that says what the date after it is: the publication ("نشر في") or a later update ("آخر تحديث"). */
export interface DateLabel {
  kind: 'published' | 'updated';
  /** Offset of the label word in the folded text. */
  start: number;
}

export interface ParsedDateText {
  dates: DateFact[];
  /** The first time read (the normalizer keeps the publication's when there are several). */
  time: TimeFact | null;
  /** Every time read, in text order. */
  times: TimeFact[];
  labels: DateLabel[];
  zone: PrintedZone | null;
  /** A zone word the grammar did not know ("بتوقيت طوكيو"), kept for the error message. */
  unknownZone: string | null;
  weekdays: number[];
  /** Coptic dates (a day and month, mostly with a year) printed beside the others, as Egyptian mastheads do: read only to cross-check them. */
  coptic: DateFact[];
  /** Tokens no rule consumed, for the relative-form reader. */
  tokens: DateToken[];
}

/** A refusal raised while reading. */
export class DateGrammarError extends Error {
  declare readonly code: DateErrorCode;
  constructor(code: DateErrorCode, message: string) {
    // A refusal is a value carried up to the caller, not a crash: no stack is captured (it was most of a refusal's cost).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.code = code;
    this.name = 'DateGrammarError';
  }
}

const DATE_SEPARATORS = new Set(['/', '-', '.', '\\', '_', '+', '|', ',']);
/** Separators a site prints between day, month name and year ("29-أبريل-2024", "29/أبريل/2024"). */
const AROUND_MONTH = new Set([',', '-', '/', '.', '\\', '_']);
const DUAL_SEPARATORS = new Set(['/', '-', '(', ')', ',', '|', '\\', '[', ']', '.']);
const GREENWICH = new Set(GREENWICH_WORDS);
const ABBREVIATIONS = new Map(Object.entries(ZONE_ABBREVIATIONS));
const ZONE_LEADS = new Set(['بتوقيت', 'توقيت', 'وقت', 'بتوقيتها']);
/** Word classes, so each word is hashed once per string instead of once per rule. */
const MONTH_WORD = 1;
const WEEKDAY_WORD = 2;
const ZONE_WORD = 4;
const HIJRI_ERA_WORD = 8;
const CE_ERA_WORD = 16;
const MERIDIEM_WORD = 32;
const NEXT_WORD = 64;
const PREVIOUS_WORD = 128;
const YEAR_LEAD_WORD = 256;
const HONORIFIC_WORD = 512;
const HOUR_WORD = 1024; // الساعة, before a bare hour
const ORDINAL_SUFFIX_WORD = 2048; // "5th", "1er": the suffix is dropped
const PUBLISHED_WORD = 4096;
const UPDATED_WORD = 8192;
const ISSUE_WORD = 32768; // العدد, before an issue number
/** Words a date part may sit beside and still be part of the date ("في", a range's "إلى"). */
const LINK_WORD = 16384;
/** Signs some rules need (bits of a per-string summary, so a rule with nothing to read is skipped). */
const COLON = 1;
const SLASH = 2;
const DASH = 4;
const DOT = 8;
const BACKSLASH = 16;
const OTHER_SEPARATOR = 32; // _ + | ،
let wordClasses: Map<string, number> | undefined;
/** Folded words that label the publication date, and a later update. */
const PUBLISHED_LABELS = ['نشر', 'نشرت', 'النشر', 'منشور', 'published', 'posted', 'publie'];
const UPDATED_LABELS = ['تحديث', 'التحديث', 'حدث', 'محدث', 'تعديل', 'التعديل', 'عدل', 'updated', 'modified'];
const LINK_WORDS = ['في', 'الي', 'حتي', 'لغايه', 'و', 'بين', 'يوم'];
/** Ordinal day words, folded: "الثالث من يونيو", "الحادي والعشرين من آذار". */
const UNIT_ORDINALS: ReadonlyMap<string, number> = new Map([
  ['الاول', 1],
  ['الحادي', 1],
  ['الثاني', 2],
  ['الثالث', 3],
  ['الرابع', 4],
  ['الخامس', 5],
  ['السادس', 6],
  ['السابع', 7],
  ['الثامن', 8],
  ['التاسع', 9],
  ['العاشر', 10],
]);
/** Hours written as feminine ordinals after الساعة, folded (ة → ه). */
const HOUR_WORDS: ReadonlyMap<string, number> = new Map([
  ['الواحده', 1],
  ['الحاديه', 1],
  ['الثانيه', 2],
  ['الثالثه', 3],
  ['الرابعه', 4],
  ['الخامسه', 5],
  ['السادسه', 6],
  ['السابعه', 7],
  ['الثامنه', 8],
  ['التاسعه', 9],
  ['العاشره', 10],
]);
const TEN_ORDINALS: ReadonlyMap<string, number> = new Map([
  ['العشرين', 20],
  ['العشرون', 20],
  ['الثلاثين', 30],
  ['الثلاثون', 30],
]);

/** Folded word → its classes (first word of a month name, weekday, zone word, era, meridiem…); built on first use. */
function classesOfWords(): Map<string, number> {
  if (wordClasses) return wordClasses;
  const classes = new Map<string, number>();
  const add = (word: string, flag: number): void => {
    classes.set(word, (classes.get(word) ?? 0) | flag);
  };
  const { months, weekdays, honorifics } = dateLexicon();
  for (const word of months.keys()) add(word, MONTH_WORD);
  for (const word of weekdays.keys()) add(word, WEEKDAY_WORD);
  for (const word of [...ABBREVIATIONS.keys(), ...GREENWICH, ...ZONE_LEADS, 'ت']) add(word, ZONE_WORD);
  for (const word of HIJRI_ERA) add(word, HIJRI_ERA_WORD);
  for (const word of CE_ERA) add(word, CE_ERA_WORD);
  for (const word of MERIDIEM.keys()) add(word, MERIDIEM_WORD);
  for (const word of NEXT_WORDS) add(word, NEXT_WORD);
  for (const word of PREVIOUS_WORDS) add(word, PREVIOUS_WORD);
  for (const word of YEAR_LEAD_WORDS) add(word, YEAR_LEAD_WORD);
  for (const word of honorifics) add(word, HONORIFIC_WORD);
  add('الساعه', HOUR_WORD);
  add('العدد', ISSUE_WORD);
  for (const word of ['st', 'nd', 'rd', 'th', 'er']) add(word, ORDINAL_SUFFIX_WORD);
  for (const word of PUBLISHED_LABELS) {
    add(word, PUBLISHED_WORD);
    add(`و${word}`, PUBLISHED_WORD);
  }
  for (const word of UPDATED_LABELS) {
    add(word, UPDATED_WORD);
    add(`و${word}`, UPDATED_WORD);
  }
  for (const word of LINK_WORDS) add(word, LINK_WORD);
  wordClasses = classes;
  return classes;
}

let placeIndex: Map<string, string[][]> | undefined;
let placeZones: Map<string, string> | undefined;

/** Place names folded like the text (الجزائر → الجزاير), keyed by first word; built on first use. */
function places(): Map<string, string[][]> {
  if (placeIndex) return placeIndex;
  placeIndex = new Map();
  placeZones = new Map();
  for (const [raw, zone] of Object.entries(ZONE_PLACES)) {
    const name = foldArabicText(raw);
    placeZones.set(name, zone);
    const words = name.split(' ');
    const list = placeIndex.get(words[0] as string) ?? [];
    list.push(words);
    list.sort((a, b) => b.length - a.length);
    placeIndex.set(words[0] as string, list);
  }
  return placeIndex;
}

const isNum = (t: DateToken | undefined, minLen = 1, maxLen = 9): t is DateToken =>
  !!t && t.kind === 'num' && !t.used && t.text.length >= minLen && t.text.length <= maxLen;
const isSym = (t: DateToken | undefined, s: string): boolean => !!t && t.kind === 'sym' && t.text === s;
/** True when the token is a word of the class (the word sets above, as bits: one hash per word per string). */
const isClass = (t: DateToken | undefined, flag: number): boolean => t !== undefined && (t.flags & flag) !== 0;
const adjacent = (a: DateToken | undefined, b: DateToken | undefined): boolean => !!a && !!b && a.end === b.start;
/** tokens[i] for an index that may be negative: reading tokens[-1] is a slow named-property lookup in V8. */
const at = (tokens: DateToken[], i: number): DateToken | undefined => (i >= 0 ? tokens[i] : undefined);
const use = (tokens: DateToken[], from: number, to: number): void => {
  for (let i = from; i < to; i++) (tokens[i] as DateToken).used = true;
};

/**
 * Reads every date fact in a date line. Throws DateGrammarError for an impossible value
 * (the caller turns it into a result; it never escapes normalizeArabicDate).
 *
 * @example
 * parseArabicDate('الإثنين 29 أبريل 2024 10:30 م').dates[0]
 * //=> { calendar: 'gregorian', system: 'mashriq', year: 2024, month: 4, day: 29, direction: null }
 */
export function parseArabicDate(text: string, order?: NumericDateOrder): ParsedDateText {
  // Most lines hold only code units NFKC leaves alone, and none of PDF damage's: one pass folds them.
  const folded = foldStableText(text) ?? foldArabicText(PDF_DAMAGE.test(text) ? repairPdfText(text) : text);
  let tokens = tokenizeDateText(folded);
  const classes = classesOfWords();
  // One pass classifies every word and notes the signs present; a rule whose trigger words or signs are absent would read nothing, so it is skipped.
  let words = 0;
  let signs = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as DateToken;
    if (t.kind === 'word') {
      const flags = classes.get(t.text) ?? 0;
      t.flags = flags;
      words |= flags;
    } else if (t.kind === 'sym') {
      const c = t.text.charCodeAt(0);
      signs |=
        c === 58
          ? COLON
          : c === 47
            ? SLASH
            : c === 45
              ? DASH
              : c === 46
                ? DOT
                : c === 92
                  ? BACKSLASH
                  : c === 95 || c === 43 || c === 124 || c === 44
                    ? OTHER_SEPARATOR
                    : 0;
    }
  }
  if (words & ORDINAL_SUFFIX_WORD) tokens = dropOrdinalSuffixes(tokens);
  if (words & ISSUE_WORD) setIssueNumbersAside(tokens);
  const parsed: ParsedDateText = {
    dates: [],
    time: null,
    times: [],
    labels: [],
    zone: null,
    unknownZone: null,
    weekdays: [],
    coptic: [],
    tokens,
  };
  if (words & (PUBLISHED_WORD | UPDATED_WORD)) {
    for (let i = 0; i < tokens.length; i++) {
      const f = (tokens[i] as DateToken).flags;
      if (f & PUBLISHED_WORD) parsed.labels.push({ kind: 'published', start: (tokens[i] as DateToken).start });
      else if (f & UPDATED_WORD) parsed.labels.push({ kind: 'updated', start: (tokens[i] as DateToken).start });
    }
  }
  if (signs & DASH) readNegativeYears(tokens);
  if ((signs & ~COLON) !== 0 || (words & MONTH_WORD) === 0)
    readNumericDates(tokens, parsed, order, (signs & ~COLON) !== 0, (words & MONTH_WORD) === 0);
  if (signs & COLON || words & (MERIDIEM_WORD | HOUR_WORD)) readTimes(tokens, parsed);
  if (words & ZONE_WORD) readZones(tokens, parsed);
  if (words & MONTH_WORD) readNamedMonths(tokens, parsed);
  if (signs & SLASH) readYearlessNumericDates(tokens, parsed);
  if (signs & DASH) readYearMonths(tokens, parsed);
  if (words & WEEKDAY_WORD) readWeekdays(tokens, parsed);
  return parsed;
}

/** "5th", "1er": the suffix after a day number is dropped, so the day sits next to its month. */
function dropOrdinalSuffixes(tokens: DateToken[]): DateToken[] {
  return tokens.filter((t, i) => !((t.flags & ORDINAL_SUFFIX_WORD) !== 0 && isNum(at(tokens, i - 1), 1, 2)));
}

/**
 * "العدد 29، مارس 2021": a number of up to three digits after "العدد" ("the issue", also "العدد رقم", "العدد:") is
 * the issue number, never a day, so it is set aside before the date is read. ("عدد الخميس", "the Thursday issue", has
 * no number; a numeric date right after the word, "العدد 12/05/2024", is left to the date rules.)
 */
function setIssueNumbersAside(tokens: DateToken[]): void {
  for (let i = 0; i < tokens.length; i++) {
    if ((tokens[i]!.flags & ISSUE_WORD) === 0) continue;
    let j = i + 1;
    if (tokens[j]?.text === 'رقم') j++;
    if (isSym(tokens[j], ':')) j++;
    const n = tokens[j];
    if (!isNum(n, 1, 3)) continue; // a 4-digit number may be the year, moved there by a scrambled copy ("العدد2012مايو17")
    const sep = tokens[j + 1];
    if (sep?.kind === 'sym' && DATE_SEPARATORS.has(sep.text) && tokens[j + 2]?.kind === 'num') continue;
    n.used = true;
  }
}

/** "-0001-01-01" or a lone "-2024": a year before the common era. */
function readNegativeYears(tokens: DateToken[]): void {
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i + 1];
    if (isSym(tokens[i], '-') && adjacent(tokens[i], t) && isNum(t, 4, 4) && (i === 0 || tokens[i - 1]?.kind !== 'num')) {
      if (isSym(tokens[i + 2], '-') && isNum(tokens[i + 3], 1, 2)) {
        throw new DateGrammarError('INVALID_YEAR', `year -${t.text} is before year 1`);
      }
    }
  }
}

function yearOf(t: DateToken): number {
  if (t.text.length === 2) return 2000 + t.value;
  if (t.text.length !== 4 || t.value === 0)
    throw new DateGrammarError('INVALID_YEAR', `year "${t.text}" is not a year (expected 4 digits, or 2 for 20yy)`);
  return t.value;
}

/** Era marker right after a year token: 'hijri', 'ce' or null; marks it used. */
function eraAfter(tokens: DateToken[], i: number): 'hijri' | 'ce' | null {
  let j = i + 1;
  if (isSym(tokens[j], '.') || isSym(tokens[j], ',')) j++;
  const w = tokens[j];
  if (w?.kind !== 'word') return null;
  if ((w.flags & HIJRI_ERA_WORD) !== 0) {
    w.used = true;
    return 'hijri';
  }
  if ((w.flags & CE_ERA_WORD) !== 0) {
    w.used = true;
    return 'ce';
  }
  return null;
}

/** Day–month readings of an all-numeric date with the year last: "dmy" and "mdy" (and "ymd" for a two-digit first group). */
interface NumericReading {
  order: NumericDateOrder;
  year: number;
  month: number;
  day: number;
}

const fitsMonth = (month: number, day: number, hijri: boolean): boolean =>
  month >= 1 && month <= 12 && day >= 1 && day <= (hijri ? 30 : ([31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number));

/**
 * D/M/Y, M/D/Y, Y-M-D (ISO), with - / . \\ _ + | ، separators or spaces only ("2019 11 03"); a year 1300–1600
 * or an هـ marker makes it Hijri. A date whose day and month can be swapped is read in the site's
 * `order`, and refused as AMBIGUOUS without one.
 */
function readNumericDates(
  tokens: DateToken[],
  parsed: ParsedDateText,
  order: NumericDateOrder | undefined,
  withSigns: boolean,
  spacedToo: boolean,
): void {
  for (let i = 0; i + 2 < tokens.length; i++) {
    const a = tokens[i];
    let s1 = tokens[i + 1];
    let b = tokens[i + 2];
    let s2 = tokens[i + 3];
    let c = tokens[i + 4];
    let width = 5;
    if (!isNum(a, 1, 4)) continue;
    if (s1?.kind === 'num') {
      // Spaces only: three numbers in a row, one of them a 4-digit year at either end.
      if (!spacedToo) continue;
      c = tokens[i + 2];
      b = s1;
      s1 = undefined;
      s2 = undefined;
      width = 3;
      if (!isNum(b, 1, 2) || !isNum(c, 1, 4) || tokens[i + 3]?.kind === 'num' || at(tokens, i - 1)?.kind === 'num') continue;
      if (!((a.text.length === 4 && c.text.length <= 2) || (a.text.length <= 2 && c.text.length === 4))) continue;
      if (isSym(tokens[i + 3], ':') || isSym(at(tokens, i - 1), ':')) continue;
    } else {
      if (!withSigns || !isNum(b, 1, 2) || !isNum(c, 1, 4)) continue;
      if (!s1 || !s2 || s1.text !== s2.text || !DATE_SEPARATORS.has(s1.text)) continue;
      if (
        (isSym(at(tokens, i - 1), ':') && at(tokens, i - 2)?.kind === 'num') ||
        (isSym(tokens[i + 5], ':') && tokens[i + 6]?.kind === 'num')
      )
        continue;
      if ((s1.text === ',' || s1.text === '+' || s1.text === '|') && !(a.text.length === 4 || c.text.length === 4)) continue;
    }
    let readings: NumericReading[];
    let iso = false;
    const last = i + width - 1;
    if (a.text.length === 4 && c.text.length <= 2) {
      readings = [{ order: 'ymd', year: yearOf(a), month: b.value, day: c.value }];
      const next = tokens[i + width];
      iso = s1?.text === '-' && b.text.length === 2 && c.text.length === 2 && (!next || next.text === 't' || next.kind === 'num');
      if (next?.text === 't') next.used = true;
    } else if (a.text.length <= 2 && (c.text.length === 4 || c.text.length === 2)) {
      const year = yearOf(c);
      readings = [
        { order: 'dmy', year, month: b.value, day: a.value },
        { order: 'mdy', year, month: a.value, day: b.value },
      ];
      if (c.text.length === 2 && a.text.length === 2) readings.push({ order: 'ymd', year: 2000 + a.value, month: b.value, day: c.value });
    } else {
      continue;
    }
    use(tokens, i, i + width);
    const era = eraAfter(tokens, a.text.length === 4 ? i : last);
    const hijriOf = (year: number): boolean => era === 'hijri' || (era !== 'ce' && year >= 1300 && year <= 1600);
    const chosen = chooseNumericReading(readings, order, hijriOf, tokens, i, last);
    const hijri = hijriOf(chosen.year);
    parsed.dates.push({
      calendar: hijri ? 'hijri' : 'gregorian',
      system: iso && !hijri ? 'iso' : 'numeric',
      year: chosen.year,
      month: chosen.month,
      day: chosen.day,
      direction: null,
      start: a.start,
    });
    i = last;
  }
}

/** The one reading that fits the calendar (or the site's order among several); throws when none fits or two do. */
function chooseNumericReading(
  readings: NumericReading[],
  order: NumericDateOrder | undefined,
  hijriOf: (year: number) => boolean,
  tokens: DateToken[],
  from: number,
  to: number,
): NumericReading {
  const first = readings[0] as NumericReading;
  if (readings.length === 1) {
    checkMonthAndDay(first.month, first.day, hijriOf(first.year));
    return first;
  }
  // "ymd" with a two-digit year first is only read when the site says so.
  const fitting = readings.filter((r) => (r.order !== 'ymd' || order === 'ymd') && fitsMonth(r.month, r.day, hijriOf(r.year)));
  const distinct = fitting.filter((r, k) => fitting.findIndex((o) => o.year === r.year && o.month === r.month && o.day === r.day) === k);
  if (distinct.length === 0) {
    checkMonthAndDay(first.month, first.day, hijriOf(first.year)); // throws the day-first reading's error
    return first;
  }
  if (distinct.length === 1) return distinct[0] as NumericReading;
  const preferred = order ? distinct.find((r) => r.order === order) : undefined;
  if (preferred) return preferred;
  // A weekday printed on the line settles the order when only one reading falls on it ("الثلاثاء 11/8/2020").
  const weekday = lineWeekday(tokens);
  if (weekday !== null) {
    const onWeekday = distinct.filter((r) => !hijriOf(r.year) && weekdayOf(dayNumberOf(r.year, r.month, r.day)) === weekday);
    if (onWeekday.length === 1) return onWeekday[0] as NumericReading;
  }
  const text = tokens
    .slice(from, to + 1)
    .map((t) => t.text)
    .join('');
  const names = distinct.map((r) => `${r.year}-${TWO[r.month]}-${TWO[r.day]} (${r.order})`).join(' or ');
  throw new DateGrammarError(
    'AMBIGUOUS',
    `the numeric date "${text}" can be read as ${names}; give the site's date order: dmy, mdy or ymd (dateOrder in the site config, --order for nashra dates)`,
  );
}

const TWO = Array.from({ length: 32 }, (_, n) => String(n).padStart(2, '0'));

/** The one weekday named on the line (0 = Sunday), or null when there is none or more than one. */
function lineWeekday(tokens: DateToken[]): number | null {
  const { weekdays } = dateLexicon();
  let found: number | null = null;
  for (const t of tokens) {
    if ((t.flags & WEEKDAY_WORD) === 0) continue;
    const day = weekdays.get(t.text);
    if (day === undefined) continue;
    if (found !== null && found !== day) return null;
    found = day;
  }
  return found;
}

/** "2018-05": a year and month (ISO 8601 reduced precision), month precision. */
function readYearMonths(tokens: DateToken[], parsed: ParsedDateText): void {
  for (let i = 0; i + 2 < tokens.length; i++) {
    const y = tokens[i];
    const m = tokens[i + 2];
    if (!isNum(y, 4, 4) || !isSym(tokens[i + 1], '-') || !isNum(m, 2, 2) || m.value < 1 || m.value > 12) continue;
    const next = tokens[i + 3];
    const prev = at(tokens, i - 1);
    if ((next && (next.kind === 'num' || DATE_SEPARATORS.has(next.text) || next.text === ':')) || (prev && prev.kind !== 'word')) continue;
    use(tokens, i, i + 3);
    parsed.dates.push({ calendar: 'gregorian', system: 'iso', year: y.value, month: m.value, day: null, direction: null, start: y.start });
  }
}

/** D/M without a year ("31/04"): read after times, so "10:30" is never a date. */
function readYearlessNumericDates(tokens: DateToken[], parsed: ParsedDateText): void {
  for (let i = 0; i + 2 < tokens.length; i++) {
    const a = tokens[i];
    const b = tokens[i + 2];
    if (!isNum(a, 1, 2) || !isSym(tokens[i + 1], '/') || !isNum(b, 1, 2)) continue;
    const prev = at(tokens, i - 1);
    if (prev?.kind === 'sym' && DATE_SEPARATORS.has(prev.text)) continue;
    if (tokens[i + 3]?.kind === 'sym' && DATE_SEPARATORS.has(tokens[i + 3]!.text)) continue;
    use(tokens, i, i + 3);
    checkMonthAndDay(b.value, a.value, false);
    parsed.dates.push({
      calendar: 'gregorian',
      system: 'numeric',
      year: null,
      month: b.value,
      day: a.value,
      direction: null,
      start: a.start,
    });
  }
}

function checkMonthAndDay(month: number, day: number, hijri: boolean): void {
  if (month < 1 || month > 12) throw new DateGrammarError('INVALID_MONTH', `month ${month} does not exist (months are 1–12)`);
  const max = hijri ? 30 : [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  if (day < 1 || day > max) {
    throw new DateGrammarError('INVALID_DAY', `day ${day} does not exist in ${hijri ? 'Hijri ' : ''}month ${month}`);
  }
}

/** H:MM[:SS] with ص/م/صباحا/مساء/am/pm, and "الساعة 10 مساء". */
function readTimes(tokens: DateToken[], parsed: ParsedDateText): void {
  for (let i = 0; i < tokens.length; i++) {
    const h = tokens[i];
    let end: number;
    let minute = 0;
    let second: number | null = null;
    const prev = at(tokens, i - 1);
    let hourValue = h?.value ?? Number.NaN;
    if (prev && (isSym(prev, '+') || isSym(prev, '-')) && adjacent(prev, h) && isSym(tokens[i + 1], ':')) continue; // an offset
    if (prev?.text === 'الساعه' && h?.kind === 'word' && HOUR_WORDS.has(h.text)) {
      // "الساعة الثانية ظهرا", "الساعة الحادية عشرة مساء": the hour as a word needs its part of the day.
      hourValue = HOUR_WORDS.get(h.text) as number;
      end = i + 1;
      if (hourValue < 3 && (tokens[end]?.text === 'عشره' || tokens[end]?.text === 'عشر')) {
        hourValue += 10;
        end++;
      }
      if (tokens[end]?.text === 'من' && isClass(tokens[end + 1], MERIDIEM_WORD)) tokens[end++]!.used = true;
      if (!isClass(tokens[end], MERIDIEM_WORD)) {
        throw new DateGrammarError('AMBIGUOUS', `"الساعة ${h.text}" does not say morning or evening (ص/م), so the hour has two readings`);
      }
      prev.used = true;
    } else if (isNum(h, 1, 2) && prev?.text === 'الساعه' && isSym(tokens[i + 1], '.') && isNum(tokens[i + 2], 2, 2)) {
      minute = tokens[i + 2]!.value; // "السّاعة 16.30"
      end = i + 3;
      prev.used = true;
    } else if (isNum(h, 1, 2) && isSym(tokens[i + 1], ':') && isNum(tokens[i + 2], 2, 2)) {
      minute = tokens[i + 2]!.value;
      end = i + 3;
      if (isSym(tokens[end], ':') && isNum(tokens[end + 1], 2, 2)) {
        second = tokens[end + 1]!.value;
        end += 2;
        if (isSym(tokens[end], '.') && isNum(tokens[end + 1]) && adjacent(tokens[end], tokens[end + 1])) end += 2;
      }
    } else if (isNum(h, 1, 2) && prev?.text === 'الساعه' && !isSym(tokens[i + 1], '/')) {
      end = i + 1;
      tokens[i - 1]!.used = true;
    } else if (
      isNum(h, 1, 2) &&
      tokens[i + 1]?.kind === 'word' &&
      tokens[i + 1]!.text.length > 1 &&
      isClass(tokens[i + 1], MERIDIEM_WORD)
    ) {
      end = i + 1;
    } else {
      continue;
    }
    let hour = hourValue;
    let meridiem = isClass(tokens[end], MERIDIEM_WORD) ? MERIDIEM.get(tokens[end]!.text) : undefined;
    const after = tokens[end];
    if (!meridiem && hour <= 12 && after?.kind === 'word' && !after.used && after.text.length === 3 && after.text.endsWith('لا')) {
      // "1:55 ملا توجد تعليقات": ص/م glued to the word "لا" after it.
      if (after.text.length === 3 && after.text.endsWith('لا')) meridiem = after.text[0] === 'م' ? 'pm' : 'am';
      if (meridiem) {
        after.used = true;
        hour = meridiem === 'am' ? (hour === 12 ? 0 : hour) : hour === 12 ? 12 : hour + 12;
      }
    }
    if (meridiem && (hour > 12 || (hour === 0 && end > i + 1))) {
      // A 24-hour clock with a redundant marker ("21:15 PM"): the 24-hour reading wins when the marker agrees.
      const afternoon = hour >= 12;
      if ((meridiem === 'am' && afternoon) || (meridiem === 'pm' && !afternoon) || (meridiem === 'night' && hour > 12 && hour < 18)) {
        throw new DateGrammarError(
          'INVALID_TIME',
          `the 24-hour time ${h.text}:${String(minute).padStart(2, '0')} contradicts "${tokens[end]!.text}" after it`,
        );
      }
      end++;
    } else if (meridiem) {
      if (meridiem === 'am') hour = hour === 12 ? 0 : hour;
      else if (meridiem === 'pm') hour = hour === 12 ? 12 : hour + 12;
      else if (meridiem === 'noon') hour = hour === 12 || hour >= 11 ? hour : hour + 12;
      else hour = hour === 12 ? 0 : hour >= 6 ? hour + 12 : hour;
      end++;
    }
    if (hour > 23 || minute > 59 || (second !== null && second > 59)) {
      throw new DateGrammarError('INVALID_TIME', `time ${h.text}:${String(minute).padStart(2, '0')} does not exist`);
    }
    use(tokens, i, end);
    const time = { hour, minute, second, start: h.start };
    parsed.times.push(time);
    if (!parsed.time) parsed.time = time;
    const offset = readOffset(tokens, end, true);
    if (offset && !parsed.zone) parsed.zone = offset;
    i = end - 1;
  }
}

/** "+03:00", "+0300", "+3", "Z" at tokens[i] (attached to the previous token when `attached`). */
function readOffset(tokens: DateToken[], i: number, attached: boolean): PrintedZone | null {
  const t = tokens[i];
  if (!t) return null;
  if (t.text === 'z' && attached) {
    t.used = true;
    return { kind: 'offset', minutes: 0 };
  }
  if (!(isSym(t, '+') || isSym(t, '-'))) return null;
  const n = tokens[i + 1];
  if (!isNum(n, 1, 4) || !adjacent(t, n)) return null;
  if (attached && !adjacent(at(tokens, i - 1), t)) {
    // RFC 822 prints the offset after a space ("14:30:00 +0300"): only ±HHMM with a real offset is read so.
    if (n.text.length !== 4 || Math.floor(n.value / 100) > 14 || n.value % 100 > 59 || (n.value % 100) % 15 !== 0) return null;
  }
  let hours: number;
  let minutes = 0;
  let end = i + 2;
  if (n.text.length === 4) {
    hours = Math.floor(n.value / 100);
    minutes = n.value % 100;
  } else if (n.text.length <= 2) {
    hours = n.value;
    if (isSym(tokens[end], ':') && isNum(tokens[end + 1], 2, 2)) {
      minutes = tokens[end + 1]!.value;
      end += 2;
    } else if (attached && n.text.length !== 2) return null;
  } else return null;
  if (hours > 14 || minutes > 59) throw new DateGrammarError('INVALID_TIME', `offset ${t.text}${n.text} is not a UTC offset`);
  use(tokens, i, end);
  return { kind: 'offset', minutes: (t.text === '-' ? -1 : 1) * (hours * 60 + minutes) };
}

/** GMT/UTC/غرينتش [±h], ت.غ, GST, "بتوقيت <city>". */
function readZones(tokens: DateToken[], parsed: ParsedDateText): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as DateToken;
    if (t.used || (t.flags & ZONE_WORD) === 0) continue;
    const abbreviation = ABBREVIATIONS.get(t.text);
    if (!abbreviation && !GREENWICH.has(t.text) && !ZONE_LEADS.has(t.text) && t.text !== 'ت') continue;
    let zone: PrintedZone | null = null;
    if (GREENWICH.has(t.text) && t.text !== 'z') {
      t.used = true;
      zone = readOffset(tokens, i + 1, false) ?? { kind: 'offset', minutes: 0 };
      const lead = at(tokens, i - 1);
      if (lead && ZONE_LEADS.has(lead.text)) lead.used = true;
    } else if (t.text === 'ت' && isSym(tokens[i + 1], '.') && tokens[i + 2]?.text === 'غ') {
      use(tokens, i, i + 3);
      zone = readOffset(tokens, i + 3, false) ?? { kind: 'offset', minutes: 0 };
    } else if (abbreviation) {
      t.used = true;
      zone = { kind: 'iana', name: abbreviation };
    } else if (ZONE_LEADS.has(t.text)) {
      const next = tokens[i + 1];
      if (next?.kind !== 'word' || GREENWICH.has(next.text)) continue;
      const name = next.text.startsWith('ال') || places().has(next.text) ? next.text : null;
      const candidates = places().get(next.text) ?? [];
      const match = candidates.find((words) => words.every((w, k) => tokens[i + 1 + k]?.text === w));
      t.used = true;
      if (match) {
        use(tokens, i + 1, i + 1 + match.length);
        zone = { kind: 'iana', name: placeZones?.get(match.join(' ')) as string };
      } else {
        parsed.unknownZone ??= name ?? next.text;
      }
    }
    if (zone && !parsed.zone) parsed.zone = zone;
  }
}

function matchMonth(tokens: DateToken[], i: number): { entry: MonthEntry; end: number } | null {
  const t = tokens[i];
  if (!t || t.used || (t.flags & MONTH_WORD) === 0) return null;
  const list = dateLexicon().months.get(t.text);
  if (!list) return null;
  for (const entry of list) {
    const words = entry.words;
    let k = 1; // words[0] is t.text
    for (; k < words.length; k++) {
      const u = tokens[i + k];
      if (!u || u.used || u.text !== words[k]) break;
    }
    if (k === words.length) return { entry, end: i + k };
  }
  return null;
}

/** Day and year around a month name, dual names ("أبريل / نيسان"), honorifics, era and المقبل/الماضي. */
function readNamedMonths(tokens: DateToken[], parsed: ParsedDateText): void {
  for (let i = 0; i < tokens.length; i++) {
    const first = matchMonth(tokens, i);
    if (!first) continue;
    const hijri = first.entry.system === 'hijri';
    const coptic = first.entry.system === 'coptic';
    let end = first.end;
    // Dual forms: more names of the same month, separated by / - ( ) ، |.
    for (;;) {
      let j = end;
      while (tokens[j]?.kind === 'sym' && DUAL_SEPARATORS.has(tokens[j]!.text)) j++;
      const other = matchMonth(tokens, j);
      if (!other || calendarOf(other.entry.system) !== calendarOf(first.entry.system)) break;
      if (other.entry.month !== first.entry.month) {
        throw new DateGrammarError(
          'MONTH_MISMATCH',
          `"${tokens[i]!.text}" and "${tokens[j]!.text}" name different months (${first.entry.month} and ${other.entry.month})`,
        );
      }
      end = other.end;
      if (isSym(tokens[end], ')') || isSym(tokens[end], ']')) end++;
    }
    if (hijri && isClass(tokens[end], HONORIFIC_WORD)) end++;
    // Day before the name, year after it; or the scrambled/US orders "2024 أبريل 29", "أبريل 29، 2024".
    let dayToken: DateToken | null = null;
    let dayValue: number | null = null;
    let yearToken: DateToken | null = null;
    let yearIndex = -1; // index of yearToken
    let start = i;
    let p = i - 1;
    while (p >= 0 && tokens[p]!.kind === 'sym' && AROUND_MONTH.has(tokens[p]!.text) && !tokens[p]!.used) p--;
    let ordinal: { value: number; start: number } | null = null;
    if (p >= 1 && (tokens[p]!.text === 'شهر' || tokens[p]!.text === 'لشهر')) p--; // "23 من شهر يوليو"
    if (p >= 1 && tokens[p]!.text === 'من') {
      let d = p - 1;
      while (d > 0 && tokens[d]!.kind === 'sym' && AROUND_MONTH.has(tokens[d]!.text) && !tokens[d]!.used) d--; // "25 -من المحرم"
      if (isNum(tokens[d], 1, 2)) p = d;
      else if (isNum(tokens[p - 1])) p--;
      else ordinal = readOrdinalBefore(tokens, p - 1);
    }
    const before = !ordinal && p >= 0 && isNum(tokens[p]) ? tokens[p]! : null;
    let q = end;
    while (
      tokens[q] &&
      !tokens[q]!.used &&
      ((tokens[q]!.kind === 'sym' && AROUND_MONTH.has(tokens[q]!.text)) || (tokens[q]!.flags & YEAR_LEAD_WORD) !== 0)
    )
      q++;
    let after = isNum(tokens[q]) ? tokens[q]! : null;
    if (ordinal) {
      dayValue = ordinal.value;
      use(tokens, ordinal.start, i);
      start = ordinal.start;
      if (after && after.text.length !== 2) {
        yearToken = after;
        yearIndex = q;
      }
    } else if (before && before.text.length <= 2) {
      dayToken = before;
      if (after) {
        yearToken = after;
        yearIndex = q;
      }
    } else if (before && before.text.length === 4 && after && after.text.length <= 2) {
      yearToken = before;
      yearIndex = p;
      dayToken = after;
      after = null;
    } else if (after && after.text.length <= 2) {
      let r = q + 1;
      while (tokens[r]?.kind === 'sym' && AROUND_MONTH.has(tokens[r]!.text) && !tokens[r]!.used) r++; // "July 17, 2021", "July 17 th - 2021"
      if (isNum(tokens[r], 4, 4)) {
        dayToken = after;
        yearToken = tokens[r]!;
        yearIndex = r;
        q = r;
      }
    } else if (after) {
      yearToken = after;
      yearIndex = q;
    } else if (before && before.text.length === 4) {
      yearToken = before;
      yearIndex = p;
    }
    if (before && before.text.length > 2 && before !== yearToken) {
      if (before.text.length !== 4) throw new DateGrammarError('INVALID_DAY', `day ${before.text} does not exist`);
    }
    if (dayToken) dayToken.used = true;
    if (yearToken) yearToken.used = true;
    use(tokens, i, end);
    // Numbers copied out of order around the month (right-to-left widgets: "21 09:30 2024 جويلية") fill a missing
    // day or year when only one reading is possible; any other number left beside the date is a refusal.
    const loose = looseNumbersBeside(tokens, start, yearToken ? Math.max(yearIndex + 1, end) : end);
    if (loose.length > 0) {
      const shorts = loose.filter((t) => t.text.length <= 2);
      const fours = loose.filter((t) => t.text.length === 4);
      const monthText = tokens[i]!.text;
      if (dayToken === null && dayValue === null && yearToken !== null && loose.length === 1 && shorts.length === 1) {
        dayToken = shorts[0]!;
      } else if (
        dayToken === null &&
        dayValue === null &&
        yearToken === null &&
        loose.length === 2 &&
        shorts.length === 1 &&
        fours.length === 1
      ) {
        dayToken = shorts[0]!;
        yearToken = fours[0]!;
        yearIndex = tokens.indexOf(yearToken); // rare path (scrambled order)
      } else if ((dayToken !== null || dayValue !== null) && yearToken === null && loose.length === 1 && fours.length === 1) {
        yearToken = fours[0]!;
        yearIndex = tokens.indexOf(yearToken);
      } else {
        const read = `${dayToken?.text ?? dayValue ?? ''} ${monthText} ${yearToken?.text ?? ''}`.replace(/ +/g, ' ').trim();
        throw new DateGrammarError(
          'AMBIGUOUS',
          `the number${loose.length > 1 ? 's' : ''} ${loose.map((t) => t.text).join(', ')} beside "${read}" ${loose.length > 1 ? 'are' : 'is'} not part of one reading of the date (a second date, a range, or a scrambled order with two readings)`,
        );
      }
      if (dayToken) dayToken.used = true;
      yearToken.used = true;
    }
    let direction: DateFact['direction'] = null;
    let k = yearToken ? yearIndex + 1 : end;
    if (isClass(tokens[k], NEXT_WORD)) direction = 'next';
    else if (isClass(tokens[k], PREVIOUS_WORD)) direction = 'previous';
    if (direction) tokens[k]!.used = true;
    if (!dayToken && dayValue === null && !yearToken && !direction) {
      for (let u = i; u < end; u++) tokens[u]!.used = false;
      continue; // a bare month word is not a date
    }
    let year: number | null = null;
    let era: 'hijri' | 'ce' | null = null;
    if (yearToken) {
      if (yearToken.text.length === 3 || yearToken.text.length > 4 || yearToken.value === 0) {
        throw new DateGrammarError('INVALID_YEAR', `year "${yearToken.text}" is not a year`);
      }
      year = yearToken.text.length === 2 ? 2000 + yearToken.value : yearToken.value;
      era = eraAfter(tokens, yearIndex);
      k = yearIndex + (era ? 2 : 1);
      if (!direction && isClass(tokens[k], NEXT_WORD)) direction = 'next';
    }
    if (era === 'hijri' && !hijri)
      throw new DateGrammarError('AMBIGUOUS', `a Gregorian month (${tokens[i]!.text}) is marked as a Hijri year`);
    const day = dayToken ? dayToken.value : dayValue;
    if (coptic) {
      if (day === null) {
        for (let u = i; u < end; u++) tokens[u]!.used = false;
        if (yearToken) yearToken.used = false;
        continue; // a Coptic month without a day ("توت 1737") names no day to check
      }
      if (day > (first.entry.month === 13 ? 6 : 30)) {
        throw new DateGrammarError('INVALID_DAY', `day ${day} does not exist in Coptic month ${first.entry.month}`);
      }
      parsed.coptic.push({
        calendar: 'coptic',
        system: 'coptic',
        year,
        month: first.entry.month,
        day,
        direction: null,
        start: tokens[start]!.start,
      });
      i = end - 1;
      continue;
    }
    if (day !== null) checkMonthAndDay(first.entry.month, day, hijri);
    parsed.dates.push({
      calendar: hijri ? 'hijri' : 'gregorian',
      system: first.entry.system,
      year,
      month: first.entry.month,
      day,
      direction,
      start: Math.min(tokens[start]!.start, dayToken?.start ?? Number.POSITIVE_INFINITY, yearToken?.start ?? Number.POSITIVE_INFINITY),
    });
    i = end - 1;
  }
}

/** The calendar a month naming system belongs to (dual names must share it: "أبريل / نيسان", not "مارس / برمهات"). */
const calendarOf = (system: MonthEntry['system']): DateFact['calendar'] =>
  system === 'hijri' ? 'hijri' : system === 'coptic' ? 'coptic' : 'gregorian';

/** An ordinal day word ending at tokens[e] ("الثالث", "الحادي عشر", "الحادي والعشرين"), or null. */
function readOrdinalBefore(tokens: DateToken[], e: number): { value: number; start: number } | null {
  const t = tokens[e];
  if (t?.kind !== 'word' || t.used) return null;
  const tens = TEN_ORDINALS.get(t.text) ?? (t.text.startsWith('و') ? TEN_ORDINALS.get(t.text.slice(1)) : undefined);
  if (tens !== undefined) {
    const joined = t.text.startsWith('و');
    const unitIndex = joined ? e - 1 : tokens[e - 1]?.text === 'و' ? e - 2 : -1;
    const unit = unitIndex >= 0 ? UNIT_ORDINALS.get(tokens[unitIndex]!.text) : undefined;
    if (unit !== undefined && unit < 10) return { value: tens + unit, start: unitIndex };
    return joined ? null : { value: tens, start: e };
  }
  if (t.text === 'عشر') {
    const unit = UNIT_ORDINALS.get(tokens[e - 1]?.text ?? '');
    return unit !== undefined && unit < 10 ? { value: 10 + unit, start: e - 1 } : null;
  }
  // "للخامس من كانون الثاني": the preposition ل joined to the ordinal.
  const unit = UNIT_ORDINALS.get(t.text) ?? (t.text.startsWith('لل') ? UNIT_ORDINALS.get(`ا${t.text.slice(1)}`) : undefined);
  return unit !== undefined && !t.text.endsWith('الحادي') ? { value: unit, start: e } : null;
}

/**
 * Unread numbers that sit beside a date read from tokens[from, to): reached through signs, tokens
 * already read (a clock), and link words (في، إلى، و، من، عام). A number right next to an unknown
 * word is a count ("3 تعليقات", "العدد 15"), not part of the date, and ends the search.
 */
function looseNumbersBeside(tokens: DateToken[], from: number, to: number): DateToken[] {
  let loose = NO_TOKENS;
  for (let step = -1; step <= 1; step += 2) {
    for (let j = step < 0 ? from - 1 : to; j >= 0 && j < tokens.length; j += step) {
      const t = tokens[j] as DateToken;
      if (t.kind === 'num' && !t.used) {
        if (isUnknownWord(wordBeside(tokens, j, -1)) || isUnknownWord(wordBeside(tokens, j, 1))) break;
        if (step > 0 && startsNamedDate(tokens, j)) break; // "2020م 25 -من المحرم": the day of the next date, read and checked with it
        if (!(t.text.length <= 2 ? t.value >= 1 && t.value <= 31 : t.text.length === 4)) break;
        if (loose === NO_TOKENS) loose = [];
        loose.push(t);
        continue;
      }
      if (!isPassable(t)) break;
    }
  }
  return loose;
}

const NO_TOKENS: DateToken[] = [];

/** The first token beside tokens[j] in a direction, past signs ("16 -أبيب": the word after the dash). */
function wordBeside(tokens: DateToken[], j: number, step: number): DateToken | undefined {
  let k = j + step;
  while (k >= 0 && k < tokens.length && tokens[k]!.kind === 'sym' && !tokens[k]!.used) k += step;
  return k >= 0 ? tokens[k] : undefined;
}
/** True when the number at tokens[j] is the day of a month name after it ("25 -من المحرم", "3 -توت"). */
function startsNamedDate(tokens: DateToken[], j: number): boolean {
  let k = j + 1;
  while (tokens[k]?.kind === 'sym' && !tokens[k]!.used) k++;
  if (tokens[k]?.text === 'من') k++;
  if (tokens[k]?.text === 'شهر') k++;
  return isClass(tokens[k], MONTH_WORD) && !tokens[k]!.used;
}
const PASSABLE_WORDS = LINK_WORD | YEAR_LEAD_WORD | HIJRI_ERA_WORD | CE_ERA_WORD | MERIDIEM_WORD;
const isPassable = (t: DateToken): boolean => t.used || t.kind === 'sym' || (t.flags & PASSABLE_WORDS) !== 0;
/** A word that makes a number next to it a count ("3 تعليقات", "العدد 15"); a weekday does not ("الجمعة 22"). */
const isUnknownWord = (t: DateToken | undefined): boolean =>
  t !== undefined && t.kind === 'word' && !t.used && (t.flags & (PASSABLE_WORDS | WEEKDAY_WORD)) === 0;

function readWeekdays(tokens: DateToken[], parsed: ParsedDateText): void {
  const { weekdays } = dateLexicon();
  for (const t of tokens) {
    if (t.used || (t.flags & WEEKDAY_WORD) === 0) continue;
    const day = weekdays.get(t.text);
    if (day !== undefined) {
      t.used = true;
      if (!parsed.weekdays.includes(day)) parsed.weekdays.push(day);
    }
  }
}
