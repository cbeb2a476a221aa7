// wallTimeToEpochMs and zonedDateOf agree with @date-fns/tz TZDate across DST and Ramadan-clock changes, in any host zone.
import { TZDate } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHijriDate, startOfDayInZone } from '../../../lambda/core/dates/index.ts';
import { wallTimeToEpochMs, zonedDateOf } from '../../../lambda/core/dates/zones.ts';

const ZONES = [
  'Africa/Cairo',
  'Asia/Beirut',
  'Africa/Casablanca',
  'Asia/Riyadh',
  'Asia/Amman',
  'Asia/Damascus',
  'Asia/Jerusalem',
  'Europe/London',
];

describe('zones', () => {
  it('wall time → instant matches TZDate for unambiguous times (2020–2026)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: 2020, max: 2026 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (zone, y, m, d, h, mi) => {
          const ours = wallTimeToEpochMs(y, m, d, h, mi, 0, { kind: 'iana', name: zone });
          const local = zonedDateOf(ours, zone);
          const tz = new TZDate(ours, zone);
          // The instant we chose shows the printed date in that zone, and TZDate agrees with the wall time when it exists.
          expect(local).toEqual({ year: tz.getFullYear(), month: tz.getMonth() + 1, day: tz.getDate() });
          if (tz.getHours() === h && tz.getMinutes() === mi) {
            expect(new TZDate(y, m - 1, d, h, mi, 0, zone).getTime()).toBe(ours);
          }
        },
      ),
      { numRuns: 3000, seed: 42 },
    );
  });

  it('reads DST and the Moroccan Ramadan clock from IANA data', () => {
    expect(new Date(wallTimeToEpochMs(2024, 1, 10, 10, 0, 0, { kind: 'iana', name: 'Africa/Cairo' })).toISOString()).toBe(
      '2024-01-10T08:00:00.000Z',
    );
    expect(new Date(wallTimeToEpochMs(2024, 7, 10, 10, 0, 0, { kind: 'iana', name: 'Africa/Cairo' })).toISOString()).toBe(
      '2024-07-10T07:00:00.000Z',
    );
    expect(new Date(wallTimeToEpochMs(2024, 3, 20, 12, 0, 0, { kind: 'iana', name: 'Africa/Casablanca' })).toISOString()).toBe(
      '2024-03-20T12:00:00.000Z',
    );
    expect(new Date(wallTimeToEpochMs(2024, 5, 20, 12, 0, 0, { kind: 'iana', name: 'Africa/Casablanca' })).toISOString()).toBe(
      '2024-05-20T11:00:00.000Z',
    );
  });

  it('startOfDayInZone gives the first instant of the day in the zone', () => {
    expect(startOfDayInZone('2024-04-29', 'Asia/Riyadh')).toBe('2024-04-28T21:00:00.000Z');
    expect(startOfDayInZone('2024-03-20', 'Africa/Casablanca')).toBe('2024-03-20T00:00:00.000Z');
    expect(startOfDayInZone('2024-07-01', 'Africa/Casablanca')).toBe('2024-06-30T23:00:00.000Z');
    expect(() => startOfDayInZone('2024-4-29', 'Asia/Riyadh')).toThrow(RangeError);
    expect(() => startOfDayInZone('2024-04-29', 'Mars/Olympus')).toThrow(RangeError);
  });

  it('formatHijriDate names the Umm al-Qura date in Arabic or Latin digits', () => {
    expect(formatHijriDate('2024-04-29', { numerals: 'arab', timeZone: 'Asia/Riyadh' })).toBe('٢٠ شوال ١٤٤٥ هـ');
    expect(formatHijriDate('2024-06-07', { numerals: 'latn', timeZone: 'UTC' })).toBe('1 ذو الحجة 1445 هـ');
    expect(formatHijriDate('2024-04-29T22:00:00Z', { numerals: 'latn', timeZone: 'Asia/Riyadh' })).toBe('21 شوال 1445 هـ');
    expect(formatHijriDate('2024-04-29T22:00:00Z', { numerals: 'latn', timeZone: 'UTC' })).toBe('20 شوال 1445 هـ');
    expect(() => formatHijriDate('not a date', { numerals: 'latn', timeZone: 'UTC' })).toThrow(RangeError);
  });
});
