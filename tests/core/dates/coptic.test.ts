// The Coptic calendar arithmetic, checked day by day against ICU's own `coptic` calendar (an independent implementation).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilDateOf, dayNumberOf, formatIsoDate } from '../../../lambda/core/dates/civil-days.ts';
import { normalizeArabicDate } from '../../../lambda/core/dates/index.ts';
import { copticMonthLength, copticYearOf, dayNumberOfCoptic, isCopticLeapYear } from '../../../lambda/core/dates/coptic.ts';

const icu = new Intl.DateTimeFormat('en-u-ca-coptic-nu-latn', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });

/** ICU's Coptic date of a day number (days since 1970-01-01). */
function icuCoptic(dayNumber: number): { year: number; month: number; day: number } {
  const parts = icu.formatToParts(new Date(dayNumber * 86_400_000 + 43_200_000));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

describe('dayNumberOfCoptic and copticYearOf', () => {
  it('agree with ICU on every day from 1900 to 2100', () => {
    const from = dayNumberOf(1900, 1, 1);
    const to = dayNumberOf(2100, 12, 31);
    let checked = 0;
    for (let n = from; n <= to; n++) {
      const c = icuCoptic(n);
      if (dayNumberOfCoptic(c.year, c.month, c.day) !== n || copticYearOf(n) !== c.year) {
        expect.fail(`ICU says day ${n} is ${c.day}/${c.month}/${c.year}, the arithmetic disagrees`);
      }
      checked++;
    }
    expect(checked).toBe(to - from + 1);
  });

  it.each([
    // Read off printed Egyptian mastheads and the Coptic feast days.
    [1737, 1, 3, '2020-09-13'],
    [1735, 11, 4, '2019-07-11'],
    [1736, 7, 2, '2020-03-11'],
    [1742, 4, 29, '2026-01-07'],
    [1739, 13, 6, '2023-09-11'],
  ])('%i-%i-%i is %s', (year, month, day, iso) => {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    expect(dayNumberOfCoptic(year, month, day)).toBe(dayNumberOf(y, m, d));
  });

  it.each([
    [1738, 13, 6, 'the 6th epagomenal day outside a leap year'],
    [1737, 1, 31, 'day 31'],
    [1737, 14, 1, 'month 14'],
    [1737, 0, 1, 'month 0'],
    [0, 1, 1, 'year 0'],
  ])('%i-%i-%i does not exist (%s)', (year, month, day) => {
    expect(dayNumberOfCoptic(year, month, day)).toBeNull();
  });

  it('has a 6-day 13th month exactly in the years before a Julian leap year', () => {
    expect([1736, 1737, 1738, 1739, 1740].map(isCopticLeapYear)).toEqual([false, false, false, true, false]);
    expect(copticMonthLength(1739, 13)).toBe(6);
    expect(copticMonthLength(1738, 13)).toBe(5);
    expect(copticMonthLength(1738, 5)).toBe(30);
  });
});

describe('a Coptic half printed by ICU beside the Gregorian date', () => {
  const gregorian = new Intl.DateTimeFormat('ar-EG-u-nu-arab', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const coptic = new Intl.DateTimeFormat('ar-EG-u-ca-coptic-nu-arab', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
  const at = (n: number): Date => new Date(n * 86_400_000 + 43_200_000);
  const read = (text: string) => normalizeArabicDate(text, { timeZone: 'Africa/Cairo', now: new Date('2200-01-01T00:00:00Z') });
  const days = fc.integer({ min: dayNumberOf(1900, 1, 1), max: dayNumberOf(2100, 12, 31) });

  it('reads the line back as its day when both halves name it', () => {
    fc.assert(
      fc.property(days, (n) => {
        const text = `${gregorian.format(at(n))} - ${coptic.format(at(n))}`;
        const r = read(text);
        expect(r.ok ? r.date : r.error.message, text).toBe(formatIsoDate(civilDateOf(n)));
      }),
      { numRuns: 400, seed: 284 },
    );
  });

  it('refuses the line as COPTIC_MISMATCH when the Coptic half names another day', () => {
    fc.assert(
      fc.property(
        days,
        fc.integer({ min: -400, max: 400 }).filter((d) => d !== 0),
        (n, shift) => {
          const text = `${gregorian.format(at(n))} - ${coptic.format(at(n + shift))}`;
          const r = read(text);
          expect(r.ok ? r.date : r.error.code, text).toBe('COPTIC_MISMATCH');
        },
      ),
      { numRuns: 400, seed: 1737 },
    );
  });
});
