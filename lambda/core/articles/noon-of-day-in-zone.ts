// noonOfDayInZone: the instant of 12:00 on a calendar day in an IANA zone, the instant nashra gives a date printed without a time. Pure.
import { TZDate } from '@date-fns/tz';

/**
 * 12:00 local on `date` (YYYY-MM-DD) in `timeZone`, as an ISO instant. Noon keeps the printed day for
 * readers in every zone within 11 hours of the publisher's; midnight put it on the day before for
 * every reader west of the publisher.
 *
 * @example
 * noonOfDayInZone('2026-07-17', 'Africa/Casablanca') //=> '2026-07-17T11:00:00.000Z'
 */
export function noonOfDayInZone(date: string, timeZone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: "${date}"`);
  const noon = new TZDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12, 0, 0, timeZone);
  if (Number.isNaN(noon.getTime())) throw new RangeError(`unknown time zone: "${timeZone}"`);
  return new Date(noon.getTime()).toISOString();
}
