// Weekday names as data (0 = Sunday, as Date#getUTCDay). Core: imports nothing.

/**
 * Each weekday's spellings; folded before matching, so hamza/ة variants need not be listed. The lam-alef
 * forms ("األحد", "اخلميس", "االثنني") are how text copied out of PDF editions spells them.
 */
export const WEEKDAYS: readonly (readonly string[])[] = [
  ['الأحد', 'sunday', 'sun', 'dimanche', 'األحد'],
  ['الإثنين', 'الاثنين', 'الأثنين', 'monday', 'mon', 'lundi', 'االثنين', 'االثنني', 'الاثنني'],
  ['الثلاثاء', 'الثلثاء', 'tuesday', 'tue', 'mardi', 'الثالثاء'],
  ['الأربعاء', 'الاربعاء', 'wednesday', 'wed', 'mercredi', 'األربعاء'],
  ['الخميس', 'thursday', 'thu', 'jeudi', 'اخلميس'],
  ['الجمعة', 'friday', 'fri', 'vendredi'],
  ['السبت', 'saturday', 'sat', 'samedi'],
];

/** Canonical Arabic weekday names, for messages and formatting. */
export const WEEKDAY_NAMES: readonly string[] = WEEKDAYS.map((w) => w[0] as string);
