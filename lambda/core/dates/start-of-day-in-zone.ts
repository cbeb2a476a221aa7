// The instant a calendar day starts in an IANA zone, via @date-fns/tz (never the host zone). Core: no I/O.
import { TZDate } from '@date-fns/tz';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The UTC instant ("…Z") of 00:00 (or the first existing minute) of a day in a zone.
 * Throws RangeError on a malformed date or unknown zone.
 *
 * @example
 * startOfDayInZone('2024-04-29', 'Asia/Riyadh')
 * //=> '2024-04-28T21:00:00.000Z'
 */
export function startOfDayInZone(date: string, timeZone: string): string {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`"${date}" is not a YYYY-MM-DD date`);
  new Intl.DateTimeFormat('en', { timeZone }); // throws RangeError on an unknown zone
  const ms = new TZDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 0, 0, 0, timeZone).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`"${date}" is not a real day`);
  return new Date(ms).toISOString();
}
