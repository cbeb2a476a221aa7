// The instant a relative phrase names ("منذ يومين 4 ساعات"): whole days back on the zone's calendar (date-fns over TZDate), then the hours and minutes. Core: no clock reads.
import { TZDate } from '@date-fns/tz';
import { subDays } from 'date-fns';

/**
 * `now` moved back `days` calendar days in `timeZone` (the same wall-clock time, across any DST
 * change) and then `milliseconds` more.
 *
 * @example
 * new Date(relativeInstant(new Date('2024-04-30T12:00:00Z'), 'Asia/Riyadh', 2, 4 * 3_600_000)).toISOString()
 * //=> '2024-04-28T08:00:00.000Z'
 */
export function relativeInstant(now: Date, timeZone: string, days: number, milliseconds: number): number {
  if (days === 0) return now.getTime() - milliseconds;
  return subDays(new TZDate(now.getTime(), timeZone), days).getTime() - milliseconds;
}
