// Property: any day 1900–2100 as ICU prints it in Arabic locales (Gregorian and Umm al-Qura, Latin and Arabic-Indic digits), then copied in any token order, reads back as that day or is refused — never another date.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilDateOf, dayNumberOf, formatIsoDate } from '../../../lambda/core/dates/civil-days.ts';
import { normalizeArabicDate } from '../../../lambda/core/dates/index.ts';
import { LONG_AFTER } from './support.ts';

/** Locales whose month names cover the naming systems: Mashriq (EG, SA), Maghreb (DZ, TN), Morocco (MA), Syriac (LB, IQ). */
const LOCALES = ['ar-EG', 'ar-SA', 'ar-DZ', 'ar-TN', 'ar-MA', 'ar-LB', 'ar-IQ'];
const CALENDARS = ['gregory', 'islamic-umalqura'] as const;
const NUMBERINGS = ['latn', 'arab'] as const;
const STYLES = ['long', 'long+weekday', 'short'] as const;
const FIRST = dayNumberOf(1900, 1, 1);
const LAST = dayNumberOf(2100, 12, 31);
const formatters = new Map<string, Intl.DateTimeFormat>();

function print(dayNumber: number, locale: string, calendar: string, numbering: string, style: (typeof STYLES)[number]): string {
  const key = `${locale}|${calendar}|${numbering}|${style}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      style === 'short'
        ? { dateStyle: 'short' }
        : { day: 'numeric', month: 'long', year: 'numeric', ...(style === 'long+weekday' ? { weekday: 'long' } : {}) };
    f = new Intl.DateTimeFormat(`${locale}-u-ca-${calendar}-nu-${numbering}`, { timeZone: 'UTC', ...options });
    formatters.set(key, f);
  }
  return f.format(dayNumber * 86_400_000 + 43_200_000);
}

const printed = fc.record({
  dayNumber: fc.integer({ min: FIRST, max: LAST }),
  locale: fc.constantFrom(...LOCALES),
  calendar: fc.constantFrom(...CALENDARS),
  numbering: fc.constantFrom(...NUMBERINGS),
  style: fc.constantFrom(...STYLES),
  clock: fc.option(fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })), { nil: null }),
});

const read = (text: string) => normalizeArabicDate(text, { timeZone: 'Asia/Riyadh', now: LONG_AFTER });

describe('ICU-printed dates, scrambled into any token order', () => {
  it('reads the printed long forms back to their day', () => {
    fc.assert(
      fc.property(printed, ({ dayNumber, locale, calendar, numbering, style }) => {
        if (style === 'short') return;
        const text = print(dayNumber, locale, calendar, numbering, style);
        const r = read(text);
        expect(r.ok ? r.date : r.error.message, text).toBe(formatIsoDate(civilDateOf(dayNumber)));
      }),
      { numRuns: 600, seed: 1900 },
    );
  });

  it('never answers another date, whatever the token order (a refusal is allowed)', () => {
    let answered = 0;
    fc.assert(
      fc.property(
        printed.chain((p) => {
          const clock = p.clock ? ` ${String(p.clock[0]).padStart(2, '0')}:${String(p.clock[1]).padStart(2, '0')}` : '';
          const tokens = `${print(p.dayNumber, p.locale, p.calendar, p.numbering, p.style)}${clock}`.split(/\s+/).filter(Boolean);
          return fc.tuple(fc.constant(p), fc.shuffledSubarray(tokens, { minLength: tokens.length, maxLength: tokens.length }));
        }),
        ([p, tokens]) => {
          const text = tokens.join(' ');
          const r = read(text);
          if (!r.ok) return;
          answered++;
          expect(r.date, `${text} (${p.locale} ${p.calendar} ${p.numbering} ${p.style})`).toBe(formatIsoDate(civilDateOf(p.dayNumber)));
        },
      ),
      { numRuns: 2000, seed: 2100 },
    );
    // The property is not met by refusing everything: most scrambled lines still have one reading.
    expect(answered).toBeGreaterThan(1000);
  });
});
