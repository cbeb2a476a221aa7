// An article date as Arabic text, Gregorian and Hijri together ("الجمعة ١٧ يوليو ٢٠٢٦ · ٢ محرم ١٤٤٨ هـ"), for browser views and article pages. Pure.
import type { ArticleDate } from '../articles/article.ts';
import { formatHijriDate } from '../dates/index.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Date lines by numerals, zone, clock shown and minute (bounded: cleared at 10,000). */
const LINES = new Map<string, { gregorian: string; hijri: string; line: string }>();

/** "arab" digits (٠١٢…) for Arabic-language text, Latin digits otherwise. */
export function numeralsOf(language: string): 'arab' | 'latn' {
  return /^ar(-|$)/i.test(language) ? 'arab' : 'latn';
}

function gregorianFormatter(numerals: 'arab' | 'latn', timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${numerals}|${timeZone}|${withTime}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(`ar-u-ca-gregory-nu-${numerals}`, {
      timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

/**
 * The Gregorian and the Umm al-Qura Hijri date of an article date, in Arabic, in the publisher's zone, separated
 * by " · ". The clock is shown only when the publisher printed one (precision minute or second). Digits are Arabic
 * for Arabic articles.
 *
 * @example
 * arabicDateLineOf({ instant: '2026-07-17T11:00:00.000Z', timeZone: 'Africa/Casablanca', normalized: { precision: 'day' } }, 'ar')
 * //=> 'الجمعة، ١٧ يوليو ٢٠٢٦ · ٣ صفر ١٤٤٨ هـ'
 */
export function arabicDateLineOf(
  date: Pick<ArticleDate, 'instant' | 'timeZone'> & { normalized: Pick<ArticleDate['normalized'], 'precision'> },
  language: string,
): { gregorian: string; hijri: string; line: string } {
  const numerals = numeralsOf(language);
  const withTime = date.normalized.precision === 'minute' || date.normalized.precision === 'second';
  // Intl formatting costs tens of µs per call, paid per item in a cold render; many items share an instant's minute.
  const key = `${numerals}|${date.timeZone}|${withTime}|${Math.floor(Date.parse(date.instant) / 60_000)}`;
  const known = LINES.get(key);
  if (known) return known;
  const gregorian = gregorianFormatter(numerals, date.timeZone, withTime).format(Date.parse(date.instant));
  const hijri = formatHijriDate(date.instant, { numerals, timeZone: date.timeZone });
  const line = { gregorian, hijri, line: `${gregorian} · ${hijri}` };
  if (LINES.size >= 10_000) LINES.clear();
  LINES.set(key, line);
  return line;
}
