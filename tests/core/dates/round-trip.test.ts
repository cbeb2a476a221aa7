// Round-trip properties: every day 2000–2035 in each Gregorian naming system, and every day 1400–1480 AH as ICU prints it, parses back to itself.
import { describe, expect, it } from 'vitest';
import { civilDateOf, dayNumberOf, formatIsoDate, weekdayOf } from '../../../lambda/core/dates/civil-days.ts';
import { MAGHREB_MONTHS, MASHRIQ_MONTHS, MOROCCO_MONTHS, SYRIAC_MONTHS, type MonthTable } from '../../../lambda/core/dates/month-tables.ts';
import { WEEKDAY_NAMES } from '../../../lambda/core/dates/weekdays.ts';
import { hijriMonthStart } from '../../../lambda/core/dates/hijri.ts';
import { LONG_AFTER, read, toDigits } from './support.ts';

const SYSTEMS: Array<[string, MonthTable]> = [
  ['mashriq', MASHRIQ_MONTHS],
  ['syriac', SYRIAC_MONTHS],
  ['maghreb', MAGHREB_MONTHS],
  ['morocco', MOROCCO_MONTHS],
];

describe('Gregorian round trip, every day 2000–2035', () => {
  const first = dayNumberOf(2000, 1, 1);
  const last = dayNumberOf(2035, 12, 31);
  for (const [system, table] of SYSTEMS) {
    for (const digits of ['latn', 'arab'] as const) {
      it(`${system} names, ${digits} digits`, () => {
        const failures: string[] = [];
        for (let n = first; n <= last; n++) {
          const { year, month, day } = civilDateOf(n);
          // Spellings rotate so every variant is exercised; the weekday is checked too.
          const spellings = table[month - 1] as readonly string[];
          const name = spellings[n % spellings.length] as string;
          const text = toDigits(`${WEEKDAY_NAMES[weekdayOf(n)]} ${day} ${name} ${year}`, digits);
          const r = read(text, 'Asia/Riyadh', LONG_AFTER);
          if (!r.ok || r.date !== formatIsoDate({ year, month, day }) || r.instant !== null)
            failures.push(`${text} → ${JSON.stringify(r)}`);
        }
        expect(failures.slice(0, 5)).toEqual([]);
        expect(last - first + 1).toBe(13_149);
      });
    }
  }
});

describe('Hijri round trip, every day 1400–1480 AH as ICU ar-u-ca-islamic-umalqura prints it', () => {
  const first = hijriMonthStart(1400, 1);
  const last = hijriMonthStart(1481, 1) - 1;
  for (const digits of ['latn', 'arab'] as const) {
    it(`${digits} digits`, () => {
      const format = new Intl.DateTimeFormat(`ar-u-ca-islamic-umalqura-nu-${digits}`, {
        timeZone: 'UTC',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
      });
      const failures: string[] = [];
      let count = 0;
      for (let n = first; n <= last; n++) {
        const text = format.format(n * 86_400_000 + 43_200_000);
        const r = read(text, 'Asia/Riyadh', LONG_AFTER);
        count++;
        if (!r.ok || r.date !== formatIsoDate(civilDateOf(n)) || r.calendar !== 'hijri') failures.push(`${text} → ${JSON.stringify(r)}`);
      }
      expect(failures.slice(0, 5)).toEqual([]);
      expect(count).toBeGreaterThan(80 * 354);
    });
  }
});
