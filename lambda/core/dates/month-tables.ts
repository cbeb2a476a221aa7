// Month names, one table per naming system, as data (index 0 = first month). Core: imports nothing.
import type { NamingSystem } from './types.ts';

/** A month naming system's table: for each month, its spellings (first is the canonical form). */
export type MonthTable = readonly (readonly string[])[];

/** Egypt, Sudan, Libya, the Gulf states, Yemen (transliterated Latin names). */
export const MASHRIQ_MONTHS: MonthTable = [
  ['يناير'],
  ['فبراير', 'فبرير'],
  ['مارس'],
  ['أبريل', 'إبريل', 'ابريل'],
  ['مايو'],
  ['يونيو', 'يونيه', 'يونية'],
  ['يوليو', 'يوليه', 'يولية'],
  ['أغسطس', 'اغسطس', 'اغسطوس'],
  ['سبتمبر'],
  ['أكتوبر', 'اكتوبر'],
  ['نوفمبر'],
  ['ديسمبر'],
];

/** Syria, Lebanon, Jordan, Palestine, Iraq (Syriac names; مايس is Iraq's older name for May). */
export const SYRIAC_MONTHS: MonthTable = [
  ['كانون الثاني', 'كانون ثاني', 'كانون 2'],
  ['شباط'],
  ['آذار', 'اذار', 'أذار'],
  ['نيسان'],
  ['أيار', 'ايار', 'آيار', 'مايس'],
  ['حزيران'],
  ['تموز'],
  ['آب', 'اب'],
  ['أيلول', 'ايلول'],
  ['تشرين الأول', 'تشرين أول', 'تشرين 1'],
  ['تشرين الثاني', 'تشرين ثاني', 'تشرين 2'],
  ['كانون الأول', 'كانون أول', 'كانون 1'],
];

/** Algeria, Tunisia (French-derived names). */
export const MAGHREB_MONTHS: MonthTable = [
  ['جانفي', 'جانفييه'],
  ['فيفري'],
  ['مارس'],
  ['أفريل', 'افريل'],
  ['ماي'],
  ['جوان'],
  ['جويلية', 'جويليه'],
  ['أوت', 'اوت'],
  ['سبتمبر'],
  ['أكتوبر', 'اكتوبر'],
  ['نوفمبر'],
  ['ديسمبر'],
];

/** Morocco, Mauritania. */
export const MOROCCO_MONTHS: MonthTable = [
  ['يناير'],
  ['فبراير'],
  ['مارس'],
  ['أبريل', 'ابريل'],
  ['ماي'],
  ['يونيو'],
  ['يوليوز'],
  ['غشت'],
  ['شتنبر', 'شتمبر'],
  ['أكتوبر', 'اكتوبر'],
  ['نونبر', 'نوفمبر'],
  ['دجنبر', 'دجمبر'],
];

/** Hijri (lunar) months, every Muslim country. The lam-alef forms ("املحرم", "ذو احلجة", "األولى") are how text copied out of PDF editions spells them. */
export const HIJRI_MONTHS: MonthTable = [
  ['محرم', 'المحرم', 'املحرم'],
  ['صفر'],
  ['ربيع الأول', 'ربيع أول', 'ربيع الاول', 'ربيع األول'],
  ['ربيع الآخر', 'ربيع الثاني', 'ربيع ثاني', 'ربيع آخر', 'ربيع الاخر', 'ربيع اآلخر'],
  ['جمادى الأولى', 'جمادى الأول', 'جمادى أولى', 'جمادي الاولى', 'جماد الأول', 'جماد الأولى', 'جماد أول', 'جمادى أول', 'جمادى األولى'],
  [
    'جمادى الآخرة',
    'جمادى الثانية',
    'جمادى الآخر',
    'جمادى الثاني',
    'جمادى ثاني',
    'جمادى آخرة',
    'جماد الآخر',
    'جماد الآخرة',
    'جماد الثاني',
    'جماد الثانية',
    'جماد ثاني',
    'جمادى اآلخرة',
  ],
  ['رجب'],
  ['شعبان'],
  ['رمضان'],
  ['شوال'],
  ['ذو القعدة', 'ذي القعدة', 'ذوالقعدة', 'ذيالقعدة', 'ذو القعده'],
  ['ذو الحجة', 'ذي الحجة', 'ذوالحجة', 'ذيالحجة', 'ذو احلجة', 'ذي احلجة'],
];

/**
 * Coptic (Alexandrian) months, as Egyptian mastheads print them beside the Gregorian and Hijri dates ("٣ -توت - 1737");
 * the 13th is the five or six epagomenal days (النسيء). Read only to cross-check the other halves of the line.
 */
const COPTIC_MONTHS: MonthTable = [
  ['توت'],
  ['بابه', 'بابة'],
  ['هاتور', 'هتور'],
  ['كيهك', 'كياك'],
  ['طوبة', 'طوبه'],
  ['أمشير', 'امشير'],
  ['برمهات'],
  ['برمودة', 'برموده'],
  ['بشنس'],
  ['بؤونة', 'بؤونه', 'بؤنة', 'بئونة', 'بوونة'],
  ['أبيب', 'ابيب'],
  ['مسرى', 'مسري'],
  ['النسيء', 'نسيء', 'النسي', 'نسيئ', 'النسيئ'],
];

/** English names and abbreviations, as agency feeds and RFC 822 stamps print them (folded to lower case). */
const ENGLISH_MONTHS: MonthTable = [
  ['january', 'jan'],
  ['february', 'feb'],
  ['march', 'mar'],
  ['april', 'apr'],
  ['may'],
  ['june', 'jun'],
  ['july', 'jul'],
  ['august', 'aug'],
  ['september', 'sep', 'sept'],
  ['october', 'oct'],
  ['november', 'nov'],
  ['december', 'dec'],
];

/** French names, as Maghreb sites print them beside Arabic (accents folded: décembre → decembre). */
const FRENCH_MONTHS: MonthTable = [
  ['janvier', 'janv'],
  ['février', 'fevrier', 'févr', 'fevr'],
  ['mars'],
  ['avril', 'avr'],
  ['mai'],
  ['juin'],
  ['juillet', 'juil'],
  ['août', 'aout'],
  ['septembre'],
  ['octobre'],
  ['novembre'],
  ['décembre', 'decembre', 'déc'],
];

/** Every table, in the order a shared spelling is attributed (مارس reads as Mashriq first). */
export const MONTH_TABLES: ReadonlyArray<readonly [Exclude<NamingSystem, 'numeric'>, MonthTable]> = [
  ['mashriq', MASHRIQ_MONTHS],
  ['syriac', SYRIAC_MONTHS],
  ['maghreb', MAGHREB_MONTHS],
  ['morocco', MOROCCO_MONTHS],
  ['hijri', HIJRI_MONTHS],
  ['english', ENGLISH_MONTHS],
  ['french', FRENCH_MONTHS],
  ['coptic', COPTIC_MONTHS],
];

/** Words a site prints right after a Hijri month name, skipped when reading ("رمضان المبارك"). */
export const HIJRI_HONORIFICS: readonly string[] = [
  'المبارك',
  'المعظم',
  'الكريم',
  'الحرام',
  'الخير',
  'المرجب',
  'الفرد',
  'المكرم',
  'الاصب',
  'الانور',
];
