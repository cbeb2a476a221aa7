// Writes tests/core/dates/fixtures/icu-umalqura-disagreements.json: months 1451–1470 AH where ICU's Umm al-Qura start differs from the official tables.
import { writeFileSync } from 'node:fs';
import { hijriToGregorian } from '@tabby_ai/hijri-converter';
import { civilDateOf, dayNumberOf, formatIsoDate } from '../lambda/core/dates/civil-days.ts';
import { hijriMonthStart } from '../lambda/core/dates/hijri.ts';

const out: Array<{ hijri: string; icu: string; official: string }> = [];
for (let year = 1451; year <= 1470; year++) {
  for (let month = 1; month <= 12; month++) {
    const icu = hijriMonthStart(year, month);
    const g = hijriToGregorian({ year, month, day: 1 });
    const official = dayNumberOf(g.year, g.month, g.day);
    if (icu !== official)
      out.push({
        hijri: `${year}-${String(month).padStart(2, '0')}`,
        icu: formatIsoDate(civilDateOf(icu)),
        official: formatIsoDate(civilDateOf(official)),
      });
  }
}
writeFileSync(
  new URL('../tests/core/dates/fixtures/icu-umalqura-disagreements.json', import.meta.url),
  `${JSON.stringify(out, null, 1)}\n`,
);
process.stdout.write(`${out.length} months differ\n`);
