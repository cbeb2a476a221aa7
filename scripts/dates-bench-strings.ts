// The bench's mixed set of realistic Arabic date lines, each with the date it denotes (deterministic), built from the month tables and ICU's Hijri format.
import { civilDateOf, dayNumberOf, formatIsoDate, weekdayOf } from '../lambda/core/dates/civil-days.ts';
import { MAGHREB_MONTHS, MASHRIQ_MONTHS, MOROCCO_MONTHS, SYRIAC_MONTHS } from '../lambda/core/dates/month-tables.ts';
import { WEEKDAY_NAMES } from '../lambda/core/dates/weekdays.ts';

/**
 * Deterministic pseudo-random numbers, so every run measures the same strings. The original generator (kept for the
 * in-process set, so its figures stay comparable) loses precision in floating point and soon repeats itself; the
 * varied set uses mulberry32 (32-bit integer arithmetic) instead.
 */
let seed = 1445;
let mulberry = false;
const rand = (n: number): number => {
  if (mulberry) {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % n;
  }
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};
const pick = <T>(xs: readonly T[]): T => xs[rand(xs.length)] as T;
const arab = (s: string): string => s.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)] as string);
const pad = (n: number): string => String(n).padStart(2, '0');

/** Minutes and hours as Arabic counts them: 3–10 take the plural, 11 and up the singular. */
const minutes = (m: number): string => (m <= 10 ? `${m} دقائق` : `${m} دقيقة`);
const hours = (h: number): string => (h <= 10 ? `${h} ساعات` : `${h} ساعة`);

/**
 * A relative stamp with varied counts (for the CLI bench, whose lines must be mostly distinct), read against the
 * bench's `now` (2024-04-30 15:00 in Riyadh): minutes, hours, hours and minutes, or days, hours and minutes (never past midnight).
 */
function variedRelative(): { text: string; expected: string } {
  const kind = rand(8); // the short forms have few spellings, so they come less often
  if (kind === 0) return { text: `منذ ${minutes(3 + rand(57))}`, expected: '2024-04-30' };
  if (kind === 1) return { text: `منذ ${hours(3 + rand(12))}`, expected: '2024-04-30' };
  if (kind <= 4) return { text: `منذ ${hours(3 + rand(8))} و${minutes(3 + rand(57))}`, expected: '2024-04-30' };
  const days = 3 + rand(8);
  return {
    text: `منذ ${days} أيام و${hours(3 + rand(12))} و${minutes(3 + rand(57))}`,
    expected: formatIsoDate(civilDateOf(dayNumberOf(2024, 4, 30) - days)),
  };
}

/**
 * A mixed set of date lines in the shapes news sites print, each with the date it denotes; the same `count` lines
 * on every call (the in-process bench uses 1,200; the CLI bench 100,000 with `varied`). `varied` (the CLI bench)
 * gives relative stamps varied counts and digits, and a clock to more lines, so that nearly every line is distinct
 * (no cache of repeated lines can flatter the figure); without it, the set is the one the in-process figures were
 * always measured on.
 *
 * @example
 * realisticStrings(3).length //=> 3
 */
export function realisticStrings(count = 1200, { varied = false } = {}): Array<{ text: string; expected: string }> {
  seed = 1445;
  mulberry = varied;
  const out: Array<{ text: string; expected: string }> = [];
  const tables = [MASHRIQ_MONTHS, SYRIAC_MONTHS, MAGHREB_MONTHS, MOROCCO_MONTHS];
  const prefixes = ['', 'نشر في: ', 'آخر تحديث: ', 'بتاريخ ', 'تاريخ النشر: ', 'القاهرة - ', 'بقلم: أحمد علي | '];
  const hijriFormat = new Intl.DateTimeFormat('ar-u-ca-islamic-umalqura-nu-latn', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const start = dayNumberOf(2019, 1, 1);
  for (let i = 0; i < count; i++) {
    const n = start + rand(1946); // 2019-01-01 … 2024-04-29: every date lies before the bench's "now" (2024-04-30)
    const { year, month, day } = civilDateOf(n);
    const expected = formatIsoDate({ year, month, day });
    const weekday = WEEKDAY_NAMES[weekdayOf(n)];
    const time = `${pad(1 + rand(12))}:${pad(rand(60))} ${pick(['ص', 'م', 'صباحاً', 'مساءً'])}`;
    const digits = rand(3) === 0 ? arab : (s: string) => s;
    const kind = i % 10;
    let text: string;
    if (kind <= 4) {
      const name = pick(pick(tables)[month - 1] as readonly string[]);
      text = pick([
        `${weekday} ${day} ${name} ${year}`,
        `${weekday}، ${day} ${name} ${year} - ${time}`,
        `${day} ${name} ${year}`,
        `${day} ${name}، ${year} ${time}`,
        ...(varied ? [`${weekday} ${day} ${name} ${year} ${time}`, `${time} ${day} ${name} ${year}`] : []),
      ]);
    } else if (kind === 5) {
      text = pick([
        `${pad(day)}/${pad(month)}/${year}`,
        `${day}/${month}/${year} - ${time}`,
        `${year}-${pad(month)}-${pad(day)}`,
        ...(varied ? [`${year}-${pad(month)}-${pad(day)} ${pad(rand(24))}:${pad(rand(60))}`] : []),
      ]);
    } else if (kind === 6) {
      text = `${weekday} ${hijriFormat.format(n * 86_400_000 + 43_200_000)}${varied && rand(2) === 0 ? ` - ${time}` : ''}`;
    } else if (kind === 7) {
      const h = hijriFormat.format(n * 86_400_000 + 43_200_000);
      text = `${weekday} ${h} الموافق ${day} ${pick(MASHRIQ_MONTHS[month - 1] as readonly string[])} ${year} م`;
    } else if (kind === 8) {
      text = `${year}-${pad(month)}-${pad(day)}T${pad(rand(24))}:${pad(rand(60))}:00+03:00`;
    } else if (varied) {
      const rel = variedRelative();
      out.push({ text: `${pick(['', 'نشر ', 'تاريخ النشر: '])}${digits(rel.text)}`, expected: rel.expected });
      continue;
    } else {
      const rel = pick([
        ['منذ ساعتين', '2024-04-30'],
        ['منذ 5 دقائق', '2024-04-30'],
        ['منذ أربع ساعات', '2024-04-30'],
        ['أمس', '2024-04-29'],
        ['أول أمس', '2024-04-28'],
        ['منذ يومين', '2024-04-28'],
        ['منذ أسبوعين', '2024-04-16'],
        ['منذ 3 أيام', '2024-04-27'],
      ] as const);
      out.push({ text: rel[0], expected: rel[1] });
      continue;
    }
    out.push({ text: `${pick(prefixes)}${digits(text)}`, expected });
  }
  return out;
}
