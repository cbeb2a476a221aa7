// Day-number arithmetic agrees with the platform's UTC calendar for every day of years 1–9999 sampled, and round-trips.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  civilDateOf,
  dayNumberOf,
  formatInstant,
  isValidGregorian,
  utcEpochMsOf,
  weekdayOf,
} from '../../../lambda/core/dates/civil-days.ts';

describe('civil days', () => {
  it('matches Date.UTC and round-trips', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        fc.pre(isValidGregorian(y, m, d));
        const ref = new Date(0);
        ref.setUTCFullYear(y, m - 1, d);
        const n = dayNumberOf(y, m, d);
        expect(n * 86_400_000).toBe(ref.getTime());
        expect(civilDateOf(n)).toEqual({ year: y, month: m, day: d });
        expect(weekdayOf(n)).toBe(ref.getUTCDay());
      }),
      { numRuns: 5000, seed: 3 },
    );
  });

  it('formats instants exactly like Date#toISOString and builds UTC wall times like Date.UTC', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31) }), (ms) => {
        expect(formatInstant(ms)).toBe(new Date(ms).toISOString());
        const d = new Date(ms);
        expect(
          utcEpochMsOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()),
        ).toBe(ms - d.getUTCMilliseconds());
      }),
      { numRuns: 5000, seed: 5 },
    );
  });

  it('knows leap years', () => {
    expect(isValidGregorian(2024, 2, 29)).toBe(true);
    expect(isValidGregorian(2023, 2, 29)).toBe(false);
    expect(isValidGregorian(1900, 2, 29)).toBe(false);
    expect(isValidGregorian(2000, 2, 29)).toBe(true);
    expect(dayNumberOf(1970, 1, 1)).toBe(0);
  });
});
