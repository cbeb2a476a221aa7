// Umm al-Qura month starts 1420–1470 AH checked against an independent source: @tabby_ai/hijri-converter (official Umm al-Qura tables, not ICU).
import { readFileSync } from 'node:fs';
import { hijriToGregorian } from '@tabby_ai/hijri-converter';
import { describe, expect, it } from 'vitest';
import { dayNumberOf, civilDateOf, formatIsoDate } from '../../../lambda/core/dates/civil-days.ts';
import { hijriMonthStart } from '../../../lambda/core/dates/hijri.ts';

interface Disagreement {
  hijri: string;
  icu: string;
  official: string;
}

/**
 * ICU's Umm al-Qura data (as shipped in Node 20) and the official tables disagree by one day on
 * some months after 1450 AH. The fixture lists them; a change on either side fails this test.
 */
const KNOWN: Disagreement[] = JSON.parse(readFileSync(new URL('./fixtures/icu-umalqura-disagreements.json', import.meta.url), 'utf8'));

function compare(fromYear: number, toYear: number): Disagreement[] {
  const out: Disagreement[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    for (let month = 1; month <= 12; month++) {
      const icu = hijriMonthStart(year, month);
      const g = hijriToGregorian({ year, month, day: 1 });
      const official = dayNumberOf(g.year, g.month, g.day);
      if (icu !== official) {
        out.push({
          hijri: `${year}-${String(month).padStart(2, '0')}`,
          icu: formatIsoDate(civilDateOf(icu)),
          official: formatIsoDate(civilDateOf(official)),
        });
      }
    }
  }
  return out;
}

describe('Umm al-Qura month starts against official tables', () => {
  it('agree on every month 1420–1450 AH', () => {
    expect(compare(1420, 1450)).toEqual([]);
  });

  it('1451–1470 AH: every month within one day, and only the known ICU disagreements', () => {
    const found = compare(1451, 1470);
    for (const d of found) {
      expect(Math.abs(Date.parse(d.icu) - Date.parse(d.official))).toBeLessThanOrEqual(86_400_000);
    }
    expect(found).toEqual(KNOWN);
  });
});
