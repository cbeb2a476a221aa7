// fast-check fuzzing: random Unicode and Arabic-ish token soup never throw and never give an impossible date.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidGregorian } from '../../../lambda/core/dates/civil-days.ts';
import { normalizeArabicDate, type NormalizeResult } from '../../../lambda/core/dates/index.ts';

const ZONES = ['Asia/Riyadh', 'Africa/Cairo', 'Africa/Casablanca', 'UTC', 'Asia/Beirut'];
const CODES = new Set([
  'EMPTY',
  'NO_DATE',
  'INVALID_DAY',
  'INVALID_MONTH',
  'INVALID_YEAR',
  'INVALID_TIME',
  'WEEKDAY_MISMATCH',
  'MONTH_MISMATCH',
  'HIJRI_MISMATCH',
  'HIJRI_OUT_OF_RANGE',
  'UNKNOWN_ZONE',
  'AMBIGUOUS',
  'FUTURE_DATE',
  'TOO_LONG',
]);

function assertSound(r: NormalizeResult): void {
  if (!r.ok) {
    expect(CODES.has(r.error.code)).toBe(true);
    expect(r.error.message.length).toBeGreaterThan(0);
    return;
  }
  expect(r.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  const [y, m, d] = r.date.split('-').map(Number) as [number, number, number];
  expect(isValidGregorian(y, m, d)).toBe(true);
  if (r.instant !== null) {
    expect(r.instant).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Number.isNaN(Date.parse(r.instant))).toBe(false);
  }
  if (r.hijri !== undefined) expect(r.hijri).toMatch(/^\d{4}-\d{2}-\d{2}$/);
}

const TOKENS = [
  '29',
  '٢٩',
  '۲۹',
  '31',
  '30',
  '0',
  '13',
  '2024',
  '٢٠٢٤',
  '1445',
  '١٤٤٥',
  '24',
  '99',
  '/',
  '-',
  '.',
  ':',
  '\\',
  '+',
  '(',
  ')',
  '،',
  ',',
  '«',
  '»',
  'أبريل',
  'نيسان',
  'أفريل',
  'فبراير',
  'شباط',
  'كانون',
  'الثاني',
  'تشرين',
  'الأول',
  'تشرين2',
  'غشت',
  'دجنبر',
  'ماي',
  'جوان',
  'رمضان',
  'المبارك',
  'ذو',
  'ذي',
  'الحجة',
  'القعدة',
  'ربيع',
  'جمادى',
  'الآخرة',
  'شوال',
  'صفر',
  'هـ',
  'ه',
  'م',
  'ص',
  'مساءً',
  'صباحاً',
  'الإثنين',
  'الجمعة',
  'السبت',
  'الموافق',
  'نشر',
  'في',
  'بتاريخ',
  'آخر',
  'تحديث',
  'منذ',
  'قبل',
  'ساعتين',
  'دقائق',
  'دقيقة',
  'أربع',
  'يومين',
  'أمس',
  'أول',
  'اليوم',
  'الآن',
  'المقبل',
  'الماضي',
  'بتوقيت',
  'غرينتش',
  'القاهرة',
  'الرباط',
  'مكة',
  'المكرمة',
  'GMT',
  'GMT+3',
  'UTC',
  'T',
  'Z',
  '10:30',
  '23:59',
  '25:10',
  '12:00',
  '\u200f',
  '\u061c',
  'ـ',
  '\u00a0',
  'الساعة',
  'عام',
  'سنة',
];

const soup = fc
  .array(fc.constantFrom(...TOKENS), { maxLength: 14 })
  .chain((parts) =>
    fc
      .array(fc.constantFrom(' ', '', '  '), { minLength: parts.length, maxLength: parts.length })
      .map((gaps) => parts.map((p, i) => `${p}${gaps[i]}`).join('')),
  );

const options = fc.record({
  timeZone: fc.constantFrom(...ZONES),
  now: fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true }),
});

describe('normalizeArabicDate fuzzing', () => {
  it('random Unicode never throws and never gives an impossible date', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), options, (text, o) => {
        assertSound(normalizeArabicDate(text, o));
      }),
      { numRuns: 2000, seed: 20240430 },
    );
  });

  it('Arabic date-token soup never throws and never gives an impossible date', () => {
    fc.assert(
      fc.property(soup, options, (text, o) => {
        assertSound(normalizeArabicDate(text, o));
      }),
      { numRuns: 6000, seed: 1445 },
    );
  });

  it('random day/month/year numbers around month names are either a real day or a clear refusal', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.constantFrom('فبراير', 'أبريل', 'شباط', 'رمضان', 'ذو الحجة', 'أفريل', 'شتنبر'),
        fc.integer({ min: 0, max: 3000 }),
        options,
        (day, month, year, o) => {
          const r = normalizeArabicDate(`${day} ${month} ${year}`, o);
          assertSound(r);
          if (day === 0 || day > 31) expect(r.ok).toBe(false);
        },
      ),
      { numRuns: 3000, seed: 7 },
    );
  });
});
