// The date grammar: reads folded tokens into date, time, zone, weekday and relative facts. Hand-written because no library reads Arabic (and Hijri) date lines correctly. Core: imports nothing but siblings.
import { CE_ERA, dateLexicon, HIJRI_ERA, MERIDIEM, NEXT_WORDS, PREVIOUS_WORDS, YEAR_LEAD_WORDS, type MonthEntry } from './date-lexicon.ts';
import { foldArabicText } from './fold-arabic-text.ts';
import { tokenizeDateText, type DateToken } from './tokenize-date-text.ts';
import type { DateErrorCode, NamingSystem } from './types.ts';
import { GREENWICH_WORDS, ZONE_ABBREVIATIONS, ZONE_PLACES, type PrintedZone } from './zones.ts';

/** A date read from the text, not yet checked against a calendar. */
export interface DateFact {
  calendar: 'gregorian' | 'hijri';
  /** 'iso' when printed as ISO 8601, 'numeric' for other numeric dates, else the month table. */
  system: NamingSystem | 'iso';
  year: number | null;
  month: number;
  day: number | null;
  /** "المقبل" → next, "الماضي" → previous. */
  direction: 'next' | 'previous' | null;
}

/** A clock time read from the text (24-hour). */
interface TimeFact {
  hour: number;
  minute: number;
  second: number | null;
}

export interface ParsedDateText {
  dates: DateFact[];
  time: TimeFact | null;
  zone: PrintedZone | null;
  /** A zone word the grammar did not know ("بتوقيت طوكيو"), kept for the error message. */
  unknownZone: string | null;
  weekdays: number[];
  /** Tokens no rule consumed, for the relative-form reader. */
  tokens: DateToken[];
}

/** A refusal raised while reading. */
export class DateGrammarError extends Error {
  constructor(
    readonly code: DateErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DateGrammarError';
  }
}

const DATE_SEPARATORS = new Set(['/', '-', '.', '\\']);
/** Separators a site prints between day, month name and year ("29-أبريل-2024", "29/أبريل/2024"). */
const AROUND_MONTH = new Set([',', '-', '/', '.', '\\']);
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
/** Signs some rules need (bits of a per-string summary, so a rule with nothing to read is skipped). */
const COLON = 1;
const SLASH = 2;
const DASH = 4;
const DOT = 8;
const BACKSLASH = 16;
let wordClasses: Map<string, number> | undefined;

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
export function parseArabicDate(text: string): ParsedDateText {
  const tokens = tokenizeDateText(foldArabicText(text));
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
      signs |= c === 58 ? COLON : c === 47 ? SLASH : c === 45 ? DASH : c === 46 ? DOT : c === 92 ? BACKSLASH : 0;
    }
  }
  const parsed: ParsedDateText = { dates: [], time: null, zone: null, unknownZone: null, weekdays: [], tokens };
  if (signs & DASH) readNegativeYears(tokens);
  if (signs & (SLASH | DASH | DOT | BACKSLASH)) readNumericDates(tokens, parsed);
  if (signs & COLON || words & (MERIDIEM_WORD | HOUR_WORD)) readTimes(tokens, parsed);
  if (words & ZONE_WORD) readZones(tokens, parsed);
  if (words & MONTH_WORD) readNamedMonths(tokens, parsed);
  if (signs & SLASH) readYearlessNumericDates(tokens, parsed);
  if (words & WEEKDAY_WORD) readWeekdays(tokens, parsed);
  return parsed;
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

/** D/M/Y, Y-M-D (ISO), with - / . \ separators; a year 1300–1500 or an هـ marker makes it Hijri. */
function readNumericDates(tokens: DateToken[], parsed: ParsedDateText): void {
  for (let i = 0; i + 4 < tokens.length; i++) {
    const a = tokens[i];
    const s1 = tokens[i + 1];
    const b = tokens[i + 2];
    const s2 = tokens[i + 3];
    const c = tokens[i + 4];
    if (!isNum(a, 1, 4) || !isNum(b, 1, 2) || !isNum(c, 1, 4)) continue;
    if (!s1 || !s2 || s1.text !== s2.text || !DATE_SEPARATORS.has(s1.text)) continue;
    if (
      (isSym(at(tokens, i - 1), ':') && at(tokens, i - 2)?.kind === 'num') ||
      (isSym(tokens[i + 5], ':') && tokens[i + 6]?.kind === 'num')
    )
      continue;
    let year: number;
    let month: number;
    let day: number;
    let iso = false;
    if (a.text.length === 4 && c.text.length <= 2) {
      year = yearOf(a);
      month = b.value;
      day = c.value;
      const next = tokens[i + 5];
      iso = s1.text === '-' && b.text.length === 2 && c.text.length === 2 && (!next || next.text === 't' || next.kind === 'num');
      if (next?.text === 't') next.used = true;
    } else if (a.text.length <= 2 && (c.text.length === 4 || c.text.length === 2)) {
      day = a.value;
      month = b.value;
      year = yearOf(c);
    } else {
      continue;
    }
    use(tokens, i, i + 5);
    const era = eraAfter(tokens, a.text.length === 4 ? i : i + 4);
    const hijri = era === 'hijri' || (era !== 'ce' && year >= 1300 && year <= 1500);
    checkMonthAndDay(month, day, hijri);
    parsed.dates.push({
      calendar: hijri ? 'hijri' : 'gregorian',
      system: iso && !hijri ? 'iso' : 'numeric',
      year,
      month,
      day,
      direction: null,
    });
    i += 4;
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
    parsed.dates.push({ calendar: 'gregorian', system: 'numeric', year: null, month: b.value, day: a.value, direction: null });
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
    if (prev && (isSym(prev, '+') || isSym(prev, '-')) && adjacent(prev, h) && isSym(tokens[i + 1], ':')) continue; // an offset
    if (isNum(h, 1, 2) && isSym(tokens[i + 1], ':') && isNum(tokens[i + 2], 2, 2)) {
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
    let hour = h.value;
    const meridiem = isClass(tokens[end], MERIDIEM_WORD) ? MERIDIEM.get(tokens[end]!.text) : undefined;
    if (meridiem) {
      if (hour > 12) throw new DateGrammarError('INVALID_TIME', `hour ${hour} cannot be followed by ${tokens[end]!.text} (12-hour clock)`);
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
    if (!parsed.time) parsed.time = { hour, minute, second };
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
  if (attached && !adjacent(at(tokens, i - 1), t)) return null;
  const n = tokens[i + 1];
  if (!isNum(n, 1, 4) || !adjacent(t, n)) return null;
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
    let end = first.end;
    // Dual forms: more names of the same month, separated by / - ( ) ، |.
    for (;;) {
      let j = end;
      while (tokens[j]?.kind === 'sym' && DUAL_SEPARATORS.has(tokens[j]!.text)) j++;
      const other = matchMonth(tokens, j);
      if (!other || (other.entry.system === 'hijri') !== hijri) break;
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
    let yearToken: DateToken | null = null;
    let yearIndex = -1; // index of yearToken
    let p = i - 1;
    while (p >= 0 && tokens[p]!.kind === 'sym' && AROUND_MONTH.has(tokens[p]!.text) && !tokens[p]!.used) p--;
    if (p >= 1 && tokens[p]!.text === 'من' && isNum(tokens[p - 1])) p--;
    const before = p >= 0 && isNum(tokens[p]) ? tokens[p]! : null;
    let q = end;
    while (
      tokens[q] &&
      !tokens[q]!.used &&
      ((tokens[q]!.kind === 'sym' && AROUND_MONTH.has(tokens[q]!.text)) || (tokens[q]!.flags & YEAR_LEAD_WORD) !== 0)
    )
      q++;
    let after = isNum(tokens[q]) ? tokens[q]! : null;
    if (before && before.text.length <= 2) {
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
      while (tokens[r]?.kind === 'sym' && tokens[r]!.text === ',') r++;
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
    let direction: DateFact['direction'] = null;
    let k = yearToken ? yearIndex + 1 : end;
    if (isClass(tokens[k], NEXT_WORD)) direction = 'next';
    else if (isClass(tokens[k], PREVIOUS_WORD)) direction = 'previous';
    if (direction) tokens[k]!.used = true;
    if (!dayToken && !yearToken && !direction) continue; // a bare month word is not a date
    let year: number | null = null;
    let era: 'hijri' | 'ce' | null = null;
    if (yearToken) {
      if (yearToken.text.length === 3 || yearToken.text.length > 4 || yearToken.value === 0) {
        throw new DateGrammarError('INVALID_YEAR', `year "${yearToken.text}" is not a year`);
      }
      year = yearToken.text.length === 2 ? 2000 + yearToken.value : yearToken.value;
      yearToken.used = true;
      era = eraAfter(tokens, yearIndex);
      k = yearIndex + (era ? 2 : 1);
      if (!direction && isClass(tokens[k], NEXT_WORD)) direction = 'next';
    }
    if (era === 'hijri' && !hijri)
      throw new DateGrammarError('AMBIGUOUS', `a Gregorian month (${tokens[i]!.text}) is marked as a Hijri year`);
    const day = dayToken ? dayToken.value : null;
    if (dayToken) dayToken.used = true;
    use(tokens, i, end);
    if (day !== null) checkMonthAndDay(first.entry.month, day, hijri);
    parsed.dates.push({
      calendar: hijri ? 'hijri' : 'gregorian',
      system: first.entry.system,
      year,
      month: first.entry.month,
      day,
      direction,
    });
    i = end - 1;
  }
}

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
