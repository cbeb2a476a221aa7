// The bench's mixed set of realistic Arabic date lines, each with the date it denotes (deterministic), built from the month tables and ICU's Hijri format.
import { civilDateOf, dayNumberOf, formatIsoDate, weekdayOf } from '../lambda/core/dates/civil-days.ts';
import { MAGHREB_MONTHS, MASHRIQ_MONTHS, MOROCCO_MONTHS, SYRIAC_MONTHS } from '../lambda/core/dates/month-tables.ts';
import { WEEKDAY_NAMES } from '../lambda/core/dates/weekdays.ts';

/** Deterministic pseudo-random numbers, so every run measures the same strings. */
let seed = 1445;
const rand = (n: number): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};
const pick = <T>(xs: readonly T[]): T => xs[rand(xs.length)] as T;
const arab = (s: string): string => s.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)] as string);
const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * A mixed set of date lines in the shapes news sites print, each with the date it denotes; the same `count` lines
 * on every call (the in-process bench uses 1,200; the CLI bench 100,000).
 *
 * @example
 * realisticStrings(3).length //=> 3
 */
export function realisticStrings(count = 1200): Array<{ text: string; expected: string }> {
  seed = 1445;
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
    const n = start + rand(2200);
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
      ]);
    } else if (kind === 5) {
      text = pick([`${pad(day)}/${pad(month)}/${year}`, `${day}/${month}/${year} - ${time}`, `${year}-${pad(month)}-${pad(day)}`]);
    } else if (kind === 6) {
      text = `${weekday} ${hijriFormat.format(n * 86_400_000 + 43_200_000)}`;
    } else if (kind === 7) {
      const h = hijriFormat.format(n * 86_400_000 + 43_200_000);
      text = `${weekday} ${h} الموافق ${day} ${pick(MASHRIQ_MONTHS[month - 1] as readonly string[])} ${year} م`;
    } else if (kind === 8) {
      text = `${year}-${pad(month)}-${pad(day)}T${pad(rand(24))}:${pad(rand(60))}:00+03:00`;
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
