// Weekday names as data (0 = Sunday, as Date#getUTCDay). Core: imports nothing.

/** Each weekday's spellings; folded before matching, so hamza/ة variants need not be listed. */
export const WEEKDAYS: readonly (readonly string[])[] = [
  ['الأحد', 'sunday', 'sun', 'dimanche'],
  ['الإثنين', 'الاثنين', 'الأثنين', 'monday', 'mon', 'lundi'],
  ['الثلاثاء', 'الثلثاء', 'tuesday', 'tue', 'mardi'],
  ['الأربعاء', 'الاربعاء', 'wednesday', 'wed', 'mercredi'],
  ['الخميس', 'thursday', 'thu', 'jeudi'],
  ['الجمعة', 'friday', 'fri', 'vendredi'],
  ['السبت', 'saturday', 'sat', 'samedi'],
];

/** Canonical Arabic weekday names, for messages and formatting. */
export const WEEKDAY_NAMES: readonly string[] = WEEKDAYS.map((w) => w[0] as string);
