// Result and option types of the Arabic date normalizer. Pure types: imports nothing.

/** How much of the date the text fixed. */
export type DatePrecision = 'month' | 'day' | 'minute' | 'second';

/** Which calendar(s) the text was read in. */
export type DateCalendar = 'gregorian' | 'hijri' | 'gregorian+hijri' | 'relative' | 'iso';

/** The month naming system a month name came from (one table per system). */
export type NamingSystem = 'mashriq' | 'syriac' | 'maghreb' | 'morocco' | 'hijri' | 'english' | 'french' | 'coptic' | 'numeric';

/** Order of an all-numeric date whose day and month could be swapped ("04/05/2021"). */
export type NumericDateOrder = 'dmy' | 'mdy' | 'ymd';

export interface NormalizeOptions {
  /** IANA zone the wall time is read in when the text names none, e.g. "Asia/Riyadh". */
  timeZone: string;
  /** The injected clock: relative forms and year-less dates are read against it. */
  now: Date;
  /**
   * The site's order for all-numeric dates that have two readings ("04/05/2021" is 4 May or 5 April).
   * Unset: such a date is refused as AMBIGUOUS; a date with one reading ("27/03/2021", "03/27/2021") is always read.
   */
  order?: NumericDateOrder;
  /** How far after `now` a date may lie before it is refused as FUTURE_DATE, in hours (default 36; Infinity turns the check off). */
  futureToleranceHours?: number;
}

export interface NormalizedDate {
  ok: true;
  /** Calendar date as printed, in the publisher's frame (Gregorian, proleptic). */
  date: string;
  /** UTC instant ("…Z"), only when the text fixed a time of day or a minute/hour offset. */
  instant: string | null;
  precision: DatePrecision;
  calendar: DateCalendar;
  /**
   * The Hijri date "YYYY-MM-DD" as the text printed it (year inferred when omitted), when the text
   * had one; `date` is its Umm al-Qura equivalent, or the printed Gregorian date when both were given.
   */
  hijri?: string;
  /** Naming system of the month name read, when there was one. */
  system?: NamingSystem;
  /** Present when the text printed no year and the year was taken from `now` (the most recent such date). */
  yearInferred?: true;
}

export type DateErrorCode =
  | 'EMPTY'
  | 'NO_DATE'
  | 'INVALID_DAY'
  | 'INVALID_MONTH'
  | 'INVALID_YEAR'
  | 'INVALID_TIME'
  | 'WEEKDAY_MISMATCH'
  | 'MONTH_MISMATCH'
  | 'HIJRI_MISMATCH'
  | 'COPTIC_MISMATCH'
  | 'HIJRI_OUT_OF_RANGE'
  | 'UNKNOWN_ZONE'
  | 'AMBIGUOUS'
  | 'FUTURE_DATE'
  | 'TOO_LONG';

export interface DateError {
  ok: false;
  error: { code: DateErrorCode; message: string };
}

export type NormalizeResult = NormalizedDate | DateError;
