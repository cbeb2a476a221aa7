// Formats a date or instant as an Umm al-Qura Hijri date in Arabic (e.g. "٢٠ شوال ١٤٤٥ هـ"), the calendar named explicitly. Core: imports nothing.

const formatters = new Map<string, Intl.DateTimeFormat>();
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The Umm al-Qura Hijri date of a "YYYY-MM-DD" date, or of an instant in `timeZone`,
 * as Arabic text. Throws RangeError on an unreadable date or unknown zone.
 *
 * @example
 * formatHijriDate('2024-04-29', { numerals: 'arab', timeZone: 'Asia/Riyadh' })
 * //=> '٢٠ شوال ١٤٤٥ هـ'
 * formatHijriDate('2024-04-29T22:00:00Z', { numerals: 'latn', timeZone: 'Asia/Riyadh' })
 * //=> '21 شوال 1445 هـ'
 */
export function formatHijriDate(instantOrDate: string, options: { numerals: 'arab' | 'latn'; timeZone: string }): string {
  const day = ISO_DATE.exec(instantOrDate);
  const epochMs = day ? Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]), 12) : Date.parse(instantOrDate);
  if (Number.isNaN(epochMs)) throw new RangeError(`"${instantOrDate}" is not a YYYY-MM-DD date or an ISO instant`);
  const timeZone = day ? 'UTC' : options.timeZone;
  const key = `${options.numerals}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(`ar-u-ca-islamic-umalqura-nu-${options.numerals === 'arab' ? 'arab' : 'latn'}`, {
      timeZone,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    });
    formatters.set(key, formatter);
  }
  return formatter.format(epochMs);
}
