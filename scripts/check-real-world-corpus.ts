// Checks tests/core/dates/real-world.jsonl on its own terms: shape of every line, counts by site and region, and every printed weekday against the expected date.
//
// Run: npx tsx scripts/check-real-world-corpus.ts [path]
// It deliberately imports nothing from lambda/: the corpus must stay an independent witness of nashra's date code.
// Weekdays are recomputed with Date.UTC on the expected civil date (a few lines of arithmetic; no library needed).
import { readFileSync } from 'node:fs';

const REGIONS = ['gulf', 'egypt', 'levant', 'iraq', 'maghreb', 'morocco', 'sudan', 'yemen', 'other'] as const;
const PRECISIONS = ['second', 'minute', 'hour', 'day', 'month', 'year'] as const;
const CALENDARS = ['gregorian', 'hijri', 'both'] as const;

type Region = (typeof REGIONS)[number];

/** One corpus line as the shared fixture format describes it. */
export interface CorpusLine {
  text: string;
  source: string;
  site: string;
  region: Region;
  now: string;
  tz: string;
  expect: { date: string; time?: string; precision: (typeof PRECISIONS)[number] } | { refuse: string };
  calendar: (typeof CALENDARS)[number];
  note?: string;
}

// Weekday words as Arabic, English and French pages print them (index 0 = Sunday, as Date#getUTCDay).
const WEEKDAY_WORDS: ReadonlyArray<readonly [number, string]> = [
  [0, 'الأحد'],
  [0, 'الاحد'],
  [0, 'الآحد'],
  [1, 'الإثنين'],
  [1, 'الاثنين'],
  [1, 'الأثنين'],
  [1, 'الاتنين'],
  [2, 'الثلاثاء'],
  [2, 'الثلثاء'],
  [2, 'الثلاتاء'],
  [3, 'الأربعاء'],
  [3, 'الاربعاء'],
  [3, 'الإربعاء'],
  [4, 'الخميس'],
  [5, 'الجمعة'],
  [5, 'الجمعه'],
  [6, 'السبت'],
  [0, 'Sunday'],
  [1, 'Monday'],
  [2, 'Tuesday'],
  [3, 'Wednesday'],
  [4, 'Thursday'],
  [5, 'Friday'],
  [6, 'Saturday'],
  [0, 'Sun'],
  [1, 'Mon'],
  [2, 'Tue'],
  [3, 'Wed'],
  [4, 'Thu'],
  [5, 'Fri'],
  [6, 'Sat'],
  [0, 'dimanche'],
  [1, 'lundi'],
  [2, 'mardi'],
  [3, 'mercredi'],
  [4, 'jeudi'],
  [5, 'vendredi'],
  [6, 'samedi'],
];

const ARABIC_LETTER = '\\u0621-\\u064A\\u0671-\\u06D3\\uFB50-\\uFDFF\\uFE70-\\uFEFF';
// A weekday followed by one of these words names another day ("الأحد المقبل" = next Sunday), not the date's own weekday.
const NOT_THE_DATE = /^\s*(المقبل|القادم|الماضي|الفائت|المنصرم)/;

/**
 * The weekdays a line prints, as day indexes (0 = Sunday), skipping "next/last <weekday>" phrases.
 * @example printedWeekdays('الخميس 28 مارس 2024') //=> [4]
 */
export function printedWeekdays(text: string): number[] {
  const found: number[] = [];
  for (const [day, word] of WEEKDAY_WORDS) {
    const latin = /^[A-Za-z]+$/.test(word);
    const pattern = latin
      ? new RegExp(`\\b${word}\\b`, word.length === 3 ? 'g' : 'gi')
      : new RegExp(`(?<![${ARABIC_LETTER}])${word}(?![${ARABIC_LETTER}])`, 'g');
    for (const match of text.matchAll(pattern)) {
      const after = text.slice((match.index ?? 0) + match[0].length);
      if (!NOT_THE_DATE.test(after)) found.push(day);
    }
  }
  return found;
}

/**
 * Day of the week (0 = Sunday) of a civil date written YYYY-MM-DD.
 * @example weekdayOf('2024-03-28') //=> 4
 */
export function weekdayOf(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

function isRealDate(isoDate: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return false;
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

function isZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The civil date of an instant in a zone, YYYY-MM-DD. */
function civilDateIn(instant: Date, tz: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Every problem found in one parsed line; an empty list means the line is well formed. */
export function problemsOf(line: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const str = (key: string): string | undefined => (typeof line[key] === 'string' ? (line[key] as string) : undefined);
  for (const key of ['text', 'source', 'site', 'region', 'now', 'tz', 'calendar']) {
    if (!str(key)) problems.push(`field "${key}" is missing or not a non-empty string`);
  }
  const known = new Set(['text', 'source', 'site', 'region', 'now', 'tz', 'expect', 'calendar', 'note']);
  for (const key of Object.keys(line)) if (!known.has(key)) problems.push(`unknown field "${key}"`);
  const text = str('text') ?? '';
  if (text !== text.trim()) problems.push('text has leading or trailing white space');
  const source = str('source');
  if (source) {
    try {
      const host = new URL(source).hostname.replace(/^www\./, '').replace(/\.$/, '');
      if (str('site') && host !== str('site')) problems.push(`site "${str('site')}" is not the host of source (${host})`);
    } catch {
      problems.push(`source "${source}" is not a URL`);
    }
  }
  const region = str('region');
  if (region && !(REGIONS as readonly string[]).includes(region)) problems.push(`region "${region}" is not one of ${REGIONS.join('|')}`);
  const calendar = str('calendar');
  if (calendar && !(CALENDARS as readonly string[]).includes(calendar))
    problems.push(`calendar "${calendar}" is not one of ${CALENDARS.join('|')}`);
  const tz = str('tz');
  if (tz && !isZone(tz)) problems.push(`tz "${tz}" is not an IANA zone`);
  const nowText = str('now');
  const now = nowText ? new Date(nowText) : undefined;
  if (nowText && (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(nowText) || Number.isNaN(now?.getTime())))
    problems.push(`now "${nowText}" is not an ISO instant with a zone`);
  const expect = line.expect as Record<string, unknown> | undefined;
  if (!expect || typeof expect !== 'object') {
    problems.push('field "expect" is missing');
    return problems;
  }
  if ('refuse' in expect) {
    if (typeof expect.refuse !== 'string' || !expect.refuse.trim()) problems.push('expect.refuse must say why');
    if (Object.keys(expect).length !== 1) problems.push('expect.refuse must stand alone');
    return problems;
  }
  const date = expect.date;
  if (typeof date !== 'string' || !isRealDate(date)) {
    problems.push(`expect.date ${JSON.stringify(date)} is not a real YYYY-MM-DD date`);
    return problems;
  }
  const precision = expect.precision;
  if (typeof precision !== 'string' || !(PRECISIONS as readonly string[]).includes(precision))
    problems.push(`expect.precision ${JSON.stringify(precision)} is not one of ${PRECISIONS.join('|')}`);
  const time = expect.time;
  if (time !== undefined && (typeof time !== 'string' || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)))
    problems.push(`expect.time ${JSON.stringify(time)} is not HH:MM`);
  if ((precision === 'minute' || precision === 'second' || precision === 'hour') && time === undefined)
    problems.push(`precision ${precision} needs expect.time`);
  if (time !== undefined && (precision === 'day' || precision === 'month' || precision === 'year'))
    problems.push(`expect.time given with precision ${precision}`);
  if (now && tz && isZone(tz) && !Number.isNaN(now.getTime()) && civilDateIn(now, tz) < date)
    problems.push(`now ${nowText} is before the expected date ${date} in ${tz}`);
  const expected = weekdayOf(date);
  for (const printed of new Set(printedWeekdays(text))) {
    if (printed !== expected)
      problems.push(`prints ${DAY_NAMES[printed]} but ${date} is a ${DAY_NAMES[expected]} (a contradicting weekday must be expect.refuse)`);
  }
  return problems;
}

function main(path: string): number {
  const lines = readFileSync(path, 'utf8').split('\n');
  let errors = 0;
  const parsed: CorpusLine[] = [];
  const seen = new Map<string, number>();
  lines.forEach((raw, i) => {
    if (raw.trim() === '') {
      if (i !== lines.length - 1) {
        console.error(`line ${i + 1}: blank line`);
        errors++;
      }
      return;
    }
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(raw) as Record<string, unknown>;
    } catch (error) {
      console.error(`line ${i + 1}: not JSON (${(error as Error).message})`);
      errors++;
      return;
    }
    for (const problem of problemsOf(line)) {
      console.error(`line ${i + 1}: ${problem}`);
      errors++;
    }
    const key = `${line.source}\u0000${line.text}`;
    if (seen.has(key)) {
      console.error(`line ${i + 1}: same text and source as line ${seen.get(key)}`);
      errors++;
    } else seen.set(key, i + 1);
    parsed.push(line as unknown as CorpusLine);
  });

  const sitesByRegion = new Map<string, Map<string, number>>();
  for (const line of parsed) {
    const sites = sitesByRegion.get(line.region) ?? new Map<string, number>();
    sites.set(line.site, (sites.get(line.site) ?? 0) + 1);
    sitesByRegion.set(line.region, sites);
  }
  const refusals = parsed.filter((l) => 'refuse' in l.expect).length;
  const weekdayLines = parsed.filter((l) => 'date' in l.expect && printedWeekdays(l.text).length > 0).length;
  const sites = new Set(parsed.map((l) => l.site));
  console.log(`${parsed.length} lines, ${sites.size} sites, ${refusals} refusals, ${weekdayLines} lines whose printed weekday was checked`);
  console.log('region    lines  sites');
  for (const region of REGIONS) {
    const bySite = sitesByRegion.get(region);
    const count = bySite ? [...bySite.values()].reduce((a, b) => a + b, 0) : 0;
    console.log(`${region.padEnd(9)} ${String(count).padStart(5)}  ${String(bySite?.size ?? 0).padStart(5)}`);
  }
  const calendars = new Map<string, number>();
  for (const line of parsed) calendars.set(line.calendar, (calendars.get(line.calendar) ?? 0) + 1);
  console.log(`calendars: ${[...calendars].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (errors > 0) console.error(`${errors} problem(s)`);
  return errors > 0 ? 1 : 0;
}

process.exitCode = main(process.argv[2] ?? 'tests/core/dates/real-world.jsonl');
