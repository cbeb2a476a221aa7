// Public API of the Arabic date normalizer. Core: no AWS SDK, no node I/O, no process.env, no clock reads.
export { normalizeArabicDate } from './normalize-arabic-date.ts';
export { formatHijriDate } from './format-hijri-date.ts';
export { startOfDayInZone } from './start-of-day-in-zone.ts';
export { isKnownTimeZone } from './zones.ts';
export type * from './types.ts';
