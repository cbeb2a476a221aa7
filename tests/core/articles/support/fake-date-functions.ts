// A small stand-in for the date normalizer, for unit tests of single article functions only (the seed and samples use the real one).
import type { NormalizeResult } from '../../../../lambda/core/dates/types.ts';
import type { DateFunctions } from '../../../../lambda/core/articles/read-article-date.ts';

const MONTHS: Record<string, number> = {
  يناير: 1,
  فبراير: 2,
  مارس: 3,
  أبريل: 4,
  مايو: 5,
  يونيو: 6,
  يوليو: 7,
  أغسطس: 8,
  سبتمبر: 9,
  أكتوبر: 10,
  نوفمبر: 11,
  ديسمبر: 12,
};
const WEEKDAYS = ['الأحد', 'الإثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'];
const OFFSETS: Record<string, number> = { UTC: 0, 'Asia/Riyadh': 3, 'Africa/Cairo': 3 };

/** Reads ISO dates/instants and "[weekday] D <Mashriq month> YYYY" only; everything else is NO_DATE. */
export const fakeDateFunctions: DateFunctions = {
  normalizeArabicDate(text: string): NormalizeResult {
    const t = text.trim();
    if (t === '') return { ok: false, error: { code: 'EMPTY', message: 'empty' } };
    const iso = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/.exec(t);
    if (iso) {
      const d = new Date(iso[2] ? t : `${t}T00:00:00Z`);
      if (Number.isNaN(d.getTime())) return { ok: false, error: { code: 'INVALID_DAY', message: 'no such day' } };
      return { ok: true, date: iso[1]!, instant: iso[2] ? d.toISOString() : null, precision: iso[2] ? 'second' : 'day', calendar: 'iso' };
    }
    const m = /^(?:(\S+)\s+)?(\d{1,2})\s+(\S+)(?:\s*\/\s*\S+)?\s+(\d{4})$/u.exec(t);
    const month = m ? MONTHS[m[3]!] : undefined;
    if (!m || !month) return { ok: false, error: { code: 'NO_DATE', message: 'no date in the text' } };
    const date = `${m[4]}-${String(month).padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
    if (m[1] !== undefined) {
      const wd = WEEKDAYS.indexOf(m[1]);
      if (wd < 0) return { ok: false, error: { code: 'NO_DATE', message: 'no date in the text' } };
      if (new Date(`${date}T00:00:00Z`).getUTCDay() !== wd) {
        return { ok: false, error: { code: 'WEEKDAY_MISMATCH', message: `${m[1]} is not the weekday of ${date}` } };
      }
    }
    return { ok: true, date, instant: null, precision: 'day', calendar: 'gregorian', system: 'mashriq' };
  },
  noonOfDayInZone(date: string, timeZone: string): string {
    const offset = OFFSETS[timeZone] ?? 0;
    return new Date(Date.parse(`${date}T12:00:00Z`) - offset * 3_600_000).toISOString();
  },
};
