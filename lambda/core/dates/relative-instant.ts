// The instant a relative phrase names ("منذ يومين 4 ساعات"): whole days back on the zone's calendar (date-fns over TZDate), then the hours and minutes. Core: no clock reads.
import { TZDate } from '@date-fns/tz';
import { subDays } from 'date-fns';

/**
 * `now` moved back whole days, per zone, `now` and count: a run reads every line against one `now`, and a TZDate
 * step (several Intl offset look-ups) cost about a tenth of `nashra dates` on a set of relative stamps
 * (docs/performance.md). Exact: the same arguments give the same instant.
 */
const daysBack = new Map<string, number>();

/**
 * `now` moved back `days` calendar days in `timeZone` (the same wall-clock time, across any DST
 * change) and then `milliseconds` more.
 *
 * @example
 * new Date(relativeInstant(new Date('2024-04-30T12:00:00Z'), 'Asia/Riyadh', 2, 4 * 3_600_000)).toISOString()
 * //=> '2024-04-28T08:00:00.000Z'
 */
export function relativeInstant(now: Date, timeZone: string, days: number, milliseconds: number): number {
  const nowMs = now.getTime();
  if (days === 0) return nowMs - milliseconds;
  const key = `${nowMs} ${days} ${timeZone}`;
  let back = daysBack.get(key);
  if (back === undefined) {
    back = subDays(new TZDate(nowMs, timeZone), days).getTime();
    if (daysBack.size >= 1000) daysBack.clear();
    daysBack.set(key, back);
  }
  return back - milliseconds;
}
