// Explicit zones printed beside Arabic dates (cities, GMT offsets) and wall time → instant via @date-fns/tz, never the host zone. Core: no I/O.
import { tzOffset } from '@date-fns/tz';
import { civilDateOf, utcEpochMsOf } from './civil-days.ts';

/** A zone named in the text: an IANA zone (its real offset on that date) or a fixed offset. */
export type PrintedZone = { kind: 'iana'; name: string } | { kind: 'offset'; minutes: number };

/**
 * City and country names read after "بتوقيت"/"توقيت", folded (bare alef, ه for ة), with their IANA zone.
 * "عمان" is read as Amman (Jordanian sites print "بتوقيت عمان"); Oman's sites print مسقط.
 */
export const ZONE_PLACES: Readonly<Record<string, string>> = {
  'مكه المكرمه': 'Asia/Riyadh',
  مكه: 'Asia/Riyadh',
  الرياض: 'Asia/Riyadh',
  السعوديه: 'Asia/Riyadh',
  جده: 'Asia/Riyadh',
  ابوظبي: 'Asia/Dubai',
  'ابو ظبي': 'Asia/Dubai',
  دبي: 'Asia/Dubai',
  الامارات: 'Asia/Dubai',
  القاهره: 'Africa/Cairo',
  مصر: 'Africa/Cairo',
  بيروت: 'Asia/Beirut',
  لبنان: 'Asia/Beirut',
  دمشق: 'Asia/Damascus',
  سوريا: 'Asia/Damascus',
  عمان: 'Asia/Amman',
  الاردن: 'Asia/Amman',
  بغداد: 'Asia/Baghdad',
  العراق: 'Asia/Baghdad',
  الدوحه: 'Asia/Qatar',
  قطر: 'Asia/Qatar',
  الكويت: 'Asia/Kuwait',
  المنامه: 'Asia/Bahrain',
  البحرين: 'Asia/Bahrain',
  مسقط: 'Asia/Muscat',
  السلطنه: 'Asia/Muscat',
  القدس: 'Asia/Jerusalem',
  فلسطين: 'Asia/Hebron',
  غزه: 'Asia/Gaza',
  'رام الله': 'Asia/Hebron',
  الرباط: 'Africa/Casablanca',
  'الدار البيضاء': 'Africa/Casablanca',
  المغرب: 'Africa/Casablanca',
  الجزائر: 'Africa/Algiers',
  تونس: 'Africa/Tunis',
  طرابلس: 'Africa/Tripoli',
  ليبيا: 'Africa/Tripoli',
  الخرطوم: 'Africa/Khartoum',
  السودان: 'Africa/Khartoum',
  صنعاء: 'Asia/Aden',
  اليمن: 'Asia/Aden',
  عدن: 'Asia/Aden',
  نواكشوط: 'Africa/Nouakchott',
  موريتانيا: 'Africa/Nouakchott',
  مقديشو: 'Africa/Mogadishu',
  جيبوتي: 'Africa/Djibouti',
};

/** Names of Greenwich time, folded. */
export const GREENWICH_WORDS: readonly string[] = ['gmt', 'utc', 'غرينتش', 'غرينيتش', 'جرينتش', 'جرينيتش', 'غرنتش', 'جرنتش', 'z'];

/** Abbreviations of a named zone. */
export const ZONE_ABBREVIATIONS: Readonly<Record<string, string>> = { gst: 'Asia/Dubai' };

const zoneValidity = new Map<string, boolean>();
let canonicalZones: Set<string> | undefined;

/**
 * True when Intl knows the IANA zone name.
 *
 * @example
 * isKnownTimeZone('Asia/Riyadh') //=> true
 * isKnownTimeZone('Mars/Olympus') //=> false
 */
export function isKnownTimeZone(timeZone: string): boolean {
  let known = zoneValidity.get(timeZone);
  if (known === undefined) {
    // Intl's list of canonical zones first: a set lookup costs ≈2 ms at start, the first Intl.DateTimeFormat tens of ms
    // (bench/cli-start.bench.ts). Aliases ("Asia/Calcutta") and other accepted spellings fall through to Intl.
    canonicalZones ??= new Set(Intl.supportedValuesOf('timeZone'));
    if (canonicalZones.has(timeZone)) {
      zoneValidity.set(timeZone, true);
      return true;
    }
    try {
      new Intl.DateTimeFormat('en', { timeZone });
      known = typeof timeZone === 'string' && timeZone.length > 0;
    } catch {
      known = false;
    }
    if (zoneValidity.size < 1000) zoneValidity.set(timeZone, known);
  }
  return known;
}

const MS_PER_DAY = 86_400_000;
/** Per zone and UTC day: the offset at its start and at its end (equal unless the zone's offset changes that day). */
const dayOffsets = new Map<string, Map<number, [number, number]>>();

/** UTC offset in minutes of an IANA zone at an instant (@date-fns/tz tzOffset), cached per zone and UTC day. */
function offsetMinutes(timeZone: string, epochMs: number): number {
  let days = dayOffsets.get(timeZone);
  if (!days) {
    days = new Map();
    dayOffsets.set(timeZone, days);
  }
  const day = Math.floor(epochMs / MS_PER_DAY);
  let pair = days.get(day);
  if (!pair) {
    pair = [tzOffset(timeZone, new Date(day * MS_PER_DAY)), tzOffset(timeZone, new Date((day + 1) * MS_PER_DAY - 1))];
    if (days.size >= 50_000) days.clear();
    days.set(day, pair);
  }
  return pair[0] === pair[1] ? pair[0] : tzOffset(timeZone, new Date(epochMs));
}

/**
 * Milliseconds since the epoch of a wall time (month 1–12) in a zone, from the zone's real
 * offset on that date (@date-fns/tz). A wall time skipped by a DST change is read with the
 * offset before the change (like TZDate); a repeated one takes its first occurrence.
 *
 * @example
 * new Date(wallTimeToEpochMs(2024, 4, 29, 23, 50, 0, { kind: 'iana', name: 'Africa/Cairo' })).toISOString()
 * //=> '2024-04-29T20:50:00.000Z'
 */
export function wallTimeToEpochMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  zone: PrintedZone,
): number {
  const wall = utcEpochMsOf(year, month, day, hour, minute, second);
  if (zone.kind === 'offset') return wall - zone.minutes * 60_000;
  const before = offsetMinutes(zone.name, wall - 86_400_000);
  const after = offsetMinutes(zone.name, wall + 86_400_000);
  // Try the later offset first so an ambiguous (repeated) hour takes its first occurrence.
  for (const offset of before === after ? [before] : [Math.max(before, after), Math.min(before, after)]) {
    const t = wall - offset * 60_000;
    if (offsetMinutes(zone.name, t) === offset) return t;
  }
  return wall - Math.min(before, after) * 60_000; // in a gap
}

/** The wall-clock calendar date (month 1–12) of an instant in an IANA zone. */
export function zonedDateOf(epochMs: number, timeZone: string): { year: number; month: number; day: number } {
  return civilDateOf(Math.floor((epochMs + offsetMinutes(timeZone, epochMs) * 60_000) / MS_PER_DAY));
}
