// Weekday names as data (0 = Sunday, as Date#getUTCDay). Core: imports nothing.

/** Each weekday's spellings; folded before matching, so hamza/ة variants need not be listed. */
export const WEEKDAYS: readonly (readonly string[])[] = [
  ['الأحد'],
  ['الإثنين', 'الاثنين', 'الأثنين'],
  ['الثلاثاء', 'الثلثاء'],
  ['الأربعاء', 'الاربعاء'],
  ['الخميس'],
  ['الجمعة'],
  ['السبت'],
];

/** Canonical Arabic weekday names, for messages and formatting. */
export const WEEKDAY_NAMES: readonly string[] = WEEKDAYS.map((w) => w[0] as string);
