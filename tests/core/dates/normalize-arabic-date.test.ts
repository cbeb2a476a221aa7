// Table-driven tests of normalizeArabicDate: the shapes real Arabic sites print, per naming system, calendar, digits, zone, relative form and error code.
import { hijriToGregorian } from '@tabby_ai/hijri-converter';
import { describe, expect, it } from 'vitest';
import { HIJRI_MONTHS, MAGHREB_MONTHS, MASHRIQ_MONTHS, MOROCCO_MONTHS, SYRIAC_MONTHS } from '../../../lambda/core/dates/month-tables.ts';
import type { DateErrorCode, NormalizedDate } from '../../../lambda/core/dates/index.ts';
import { LONG_AFTER, NOW, pad, read, toDigits } from './support.ts';

type Expect = Partial<Omit<NormalizedDate, 'ok'>>;
type Row = [input: string, expected: Expect | DateErrorCode, timeZone?: string, now?: string];

function check([input, expected, timeZone, now]: Row, defaultNow: Date): void {
  const result = read(input, timeZone ?? 'Asia/Riyadh', now ? new Date(now) : defaultNow);
  if (typeof expected === 'string') {
    expect(result.ok, JSON.stringify(result)).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(expected);
      expect(result.error.message.length).toBeGreaterThan(10);
    }
  } else {
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expect(result).toMatchObject(expected);
    if (expected.instant === undefined && result.ok && expected.precision === undefined) {
      expect(result.instant).toBeNull();
    }
  }
}

const d = (date: string, more: Expect = {}): Expect => ({ date, ...more });

const GREGORIAN_SHAPES: Row[] = [
  ['الإثنين 29 أبريل / أبريل 2024', d('2024-04-29', { precision: 'day', calendar: 'gregorian', system: 'mashriq', instant: null })],
  ['الثلاثاء ٣٠ إبريل ٢٠٢٤', d('2024-04-30')],
  ['۲۹ أبريل ۲۰۲۴', d('2024-04-29')],
  ['2٩ أبريل ۲0٢4', d('2024-04-29')],
  ['5 يونية 2023', d('2023-06-05')],
  ['5 يونيه 2023', d('2023-06-05')],
  ['17 يوليه 2022', d('2022-07-17')],
  ['17 يولية 2022', d('2022-07-17')],
  ['1 اغسطس 2021', d('2021-08-01')],
  ['1 أغسطس 2021', d('2021-08-01')],
  ['القاهرة - 12 أكتوبر 2023 - بوابة الأهرام', d('2023-10-12')],
  ['نشر في: 29 أبريل 2024', d('2024-04-29')],
  ['بقلم: محمد علي | 29 أبريل 2024 | الجزيرة نت', d('2024-04-29')],
  ['أبريـــل 29، 2024', d('2024-04-29')],
  ['29 أَبْرِيل 2024', d('2024-04-29')],
  ['\u200f29\u200f أبريل\u200e 2024\u061c', d('2024-04-29')],
  ['\u202b29 أبريل 2024\u202c', d('2024-04-29')],
  ['\u206729 أبريل 2024\u2069', d('2024-04-29')],
  ['29\u00a0أبريل\u00a02024', d('2024-04-29')],
  ['«29 أبريل 2024»', d('2024-04-29')],
  ['21يوليو 2023', d('2023-07-21')],
  ['21يوليو2023', d('2023-07-21')],
  ['2024 أبريل 29', d('2024-04-29')],
  ['نُشر في 29 - أبريل - 2020', d('2020-04-29')],
  ['29-أبريل-2020', d('2020-04-29')],
  ['29/أبريل/2020', d('2020-04-29')],
  ['29.أبريل.2020', d('2020-04-29')],
  ['أبريل - 2020', d('2020-04-01', { precision: 'month' })],
  ['الأحد، 28 أبريل 2024 - 11:05 م بتوقيت مكة المكرمة', d('2024-04-28', { instant: '2024-04-28T20:05:00.000Z' }), 'UTC'],
  ['الخميس 2 مايو 2024 | 12:00 ص', d('2024-05-02', { instant: '2024-05-01T21:00:00.000Z' })],
  ['الأحد 28 نيسان 2024 الساعة 10:30 بتوقيت بيروت', d('2024-04-28', { instant: '2024-04-28T07:30:00.000Z' })],
  ['مصر اليوم - 29 أبريل 2020', d('2020-04-29', { calendar: 'gregorian' })],
  ['الاثنين 29 ابريل 2024 - 20 شوال 1445', d('2024-04-29', { calendar: 'gregorian+hijri', hijri: '1445-10-20' })],
  ['2024/04/29 10:30:00', d('2024-04-29', { instant: '2024-04-29T07:30:00.000Z', precision: 'second' })],
  ['2024-04-29 10:30:00 +0300', d('2024-04-29', { instant: '2024-04-29T07:30:00.000Z' })],
  ['2024 أبريل 29 الإثنين', d('2024-04-29')],
  ['أبريل 29, 2024', d('2024-04-29')],
  ['29 من أبريل 2024', d('2024-04-29')],
  ['29 أبريل من عام 2024', d('2024-04-29')],
  ['29 أبريل 2024 م', d('2024-04-29')],
  ['29 أبريل 2024 ميلادي', d('2024-04-29')],
  ['15 كانون الثاني 2024', d('2024-01-15', { system: 'syriac' })],
  ['15 كانون ثاني 2024', d('2024-01-15')],
  ['الأحد 7 كانون الثاني 2024', d('2024-01-07')],
  ['1 شباط 2024', d('2024-02-01')],
  ['10 آذار 2023', d('2023-03-10')],
  ['10 اذار 2023', d('2023-03-10')],
  ['9 نيسان 2024', d('2024-04-09')],
  ['20 أيار 2024', d('2024-05-20')],
  ['20 ايار 2024', d('2024-05-20')],
  ['6 حزيران 2024', d('2024-06-06')],
  ['14 تموز 2024', d('2024-07-14')],
  ['3 آب 2024', d('2024-08-03')],
  ['3 اب 2024', d('2024-08-03')],
  ['11 أيلول 2024', d('2024-09-11')],
  ['11 ايلول 2024', d('2024-09-11')],
  ['6 تشرين الأول 2023', d('2023-10-06')],
  ['6 تشرين الاول 2023', d('2023-10-06')],
  ['6 تشرين1 2023', d('2023-10-06')],
  ['15 تشرين2 2023', d('2023-11-15')],
  ['15 تشرين الثاني 2023', d('2023-11-15')],
  ['25 كانون الأول 2023', d('2023-12-25')],
  ['25 كانون1 2023', d('2023-12-25')],
  ['3 كانون2 2024', d('2024-01-03')],
  ['15 جانفي 2024', d('2024-01-15', { system: 'maghreb' })],
  ['15 فيفري 2024', d('2024-02-15')],
  ['3 أفريل 2024', d('2024-04-03')],
  ['3 افريل 2024', d('2024-04-03')],
  ['8 ماي 2024', d('2024-05-08')],
  ['12 جوان 2024', d('2024-06-12')],
  ['الأربعاء 10 جويلية 2024', d('2024-07-10')],
  ['5 جويليه 2024', d('2024-07-05')],
  ['15 أوت 2024', d('2024-08-15')],
  ['15 اوت 2024', d('2024-08-15')],
  ['10 يوليوز 2024', d('2024-07-10', { system: 'morocco' })],
  ['20 غشت 2024', d('2024-08-20')],
  ['12 شتنبر 2023', d('2023-09-12')],
  ['12 شتمبر 2023', d('2023-09-12')],
  ['18 نونبر 2023', d('2023-11-18')],
  ['31 دجنبر 2023', d('2023-12-31')],
  ['31 دجمبر 2023', d('2023-12-31')],
];

const DUAL_FORMS: Row[] = [
  ['29 أبريل / نيسان 2024', d('2024-04-29')],
  ['5 فبراير/ شباط 2024', d('2024-02-05')],
  ['5 فبراير /شباط 2024', d('2024-02-05')],
  ['يناير-كانون الثاني 2024', d('2024-01-01', { precision: 'month' })],
  ['10 يناير-كانون الثاني 2024', d('2024-01-10')],
  ['5 حزيران (يونيو) 2024', d('2024-06-05')],
  ['حزيران (يونيو) 5، 2024', d('2024-06-05')],
  ['الأحد 1 أيلول/سبتمبر 2024', d('2024-09-01')],
  ['1 تشرين الأول/أكتوبر 2024', d('2024-10-01')],
  ['1 آب - أغسطس 2024', d('2024-08-01')],
  ['5 أبريل / مايو 2024', 'MONTH_MISMATCH'],
  ['1 آذار (أبريل) 2024', 'MONTH_MISMATCH'],
  ['1 كانون الثاني / فبراير 2024', 'MONTH_MISMATCH'],
];

const NUMERIC: Row[] = [
  ['27/3/2024', d('2024-03-27', { system: 'numeric', calendar: 'gregorian' })],
  ['7/3/2024', 'AMBIGUOUS'],
  ['07/03/2024', 'AMBIGUOUS'],
  ['07/07/2024', d('2024-07-07')],
  ['٢٧/٣/٢٠٢٤', d('2024-03-27')],
  ['۲۷/۳/۲۰۲۴', d('2024-03-27')],
  ['29.04.2024', d('2024-04-29')],
  ['29-04-2024', d('2024-04-29')],
  ['29 - 04 - 2024', d('2024-04-29')],
  ['29 / 04 / 2024', d('2024-04-29')],
  ['29\\04\\2024', d('2024-04-29')],
  ['7/3/24', 'AMBIGUOUS'],
  ['27/3/24', d('2024-03-27')],
  ['2024/4/29', d('2024-04-29')],
  ['2024.04.29', d('2024-04-29')],
  ['بتاريخ 23/5/2024', d('2024-05-23')],
  ['تاريخ النشر: 29/04/2024', d('2024-04-29')],
  ['آخر تحديث: 2024/04/29 - 09:15 ص', d('2024-04-29', { instant: '2024-04-29T06:15:00.000Z' })],
  ['20/10/1445 هـ', d('2024-04-29', { calendar: 'hijri', hijri: '1445-10-20' })],
  ['1445/10/20', d('2024-04-29', { calendar: 'hijri' })],
  ['1445-10-20 هـ', d('2024-04-29', { calendar: 'hijri' })],
  ['٢٠/١٠/١٤٤٥هـ', d('2024-04-29', { calendar: 'hijri' })],
  ['29/13/2024', 'INVALID_MONTH'],
  ['2024-13-01', 'INVALID_MONTH'],
  ['00/04/2024', 'INVALID_DAY'],
  ['31/04/2024', 'INVALID_DAY'],
  ['31/04', 'INVALID_DAY'],
  ['29/02/2023', 'INVALID_DAY'],
  ['29/02/2024', d('2024-02-29')],
  ['15/04', d('2024-04-15'), 'Asia/Riyadh', NOW.toISOString()],
];

const ISO: Row[] = [
  ['2024-04-29', d('2024-04-29', { calendar: 'iso', precision: 'day' })],
  ['2024-04-29T10:00:00Z', d('2024-04-29', { calendar: 'iso', instant: '2024-04-29T10:00:00.000Z', precision: 'second' })],
  ['2024-04-29T23:50:00+03:00', d('2024-04-29', { instant: '2024-04-29T20:50:00.000Z' })],
  ['2024-04-29T23:50:00.123+03:00', d('2024-04-29', { instant: '2024-04-29T20:50:00.000Z' })],
  ['2024-04-29T01:00:00-05:00', d('2024-04-29', { instant: '2024-04-29T06:00:00.000Z' })],
  ['2024-04-29T01:00:00+0530', d('2024-04-29', { instant: '2024-04-28T19:30:00.000Z' })],
  ['2024-04-29T22:30Z', d('2024-04-29', { instant: '2024-04-29T22:30:00.000Z', precision: 'minute' })],
  ['2024-04-29 10:00', d('2024-04-29', { instant: '2024-04-29T07:00:00.000Z' })],
  ['٢٠٢٤-٠٤-٢٩T١٠:٠٠:٠٠Z', d('2024-04-29', { instant: '2024-04-29T10:00:00.000Z' })],
  ['-0001-01-01', 'INVALID_YEAR'],
  ['2024-02-30T10:00:00Z', 'INVALID_DAY'],
  ['2024-04-29T24:00:00Z', 'INVALID_TIME'],
  ['2024-04-29T10:00:00+15:00', 'INVALID_TIME'],
];

const TIMES: Row[] = [
  ['29 أبريل 2024 10:30 ص', d('2024-04-29', { instant: '2024-04-29T07:30:00.000Z', precision: 'minute' })],
  ['29 أبريل 2024 10:30 صباحاً', d('2024-04-29', { instant: '2024-04-29T07:30:00.000Z' })],
  ['29 أبريل 2024 10:30 مساءً', d('2024-04-29', { instant: '2024-04-29T19:30:00.000Z' })],
  ['29 أبريل 2024 10:30 م', d('2024-04-29', { instant: '2024-04-29T19:30:00.000Z' })],
  ['29 أبريل 2024 م 10:30 م', d('2024-04-29', { instant: '2024-04-29T19:30:00.000Z' })],
  ['29 أبريل 2024 12:05 ص', d('2024-04-29', { instant: '2024-04-28T21:05:00.000Z' })],
  ['29 أبريل 2024 12:05 م', d('2024-04-29', { instant: '2024-04-29T09:05:00.000Z' })],
  ['29 أبريل 2024 10:30 PM', d('2024-04-29', { instant: '2024-04-29T19:30:00.000Z' })],
  ['29 أبريل 2024 - 22:15', d('2024-04-29', { instant: '2024-04-29T19:15:00.000Z' })],
  ['29 أبريل 2024 22:15:30', d('2024-04-29', { instant: '2024-04-29T19:15:30.000Z', precision: 'second' })],
  ['١٠:٣٠ م ٢٩ أبريل ٢٠٢٤', d('2024-04-29', { instant: '2024-04-29T19:30:00.000Z' })],
  ['الساعة 10 مساءً 29 أبريل 2024', d('2024-04-29', { instant: '2024-04-29T19:00:00.000Z' })],
  ['29 أبريل 2024 الساعة 9 صباحا', d('2024-04-29', { instant: '2024-04-29T06:00:00.000Z' })],
  ['نشر في: الخميس، ٢١ مارس ٢٠٢٤ - ١٠:٣٠ م', d('2024-03-21', { instant: '2024-03-21T19:30:00.000Z' })],
  ['29 أبريل 2024 25:10', 'INVALID_TIME'],
  ['29 أبريل 2024 10:60', 'INVALID_TIME'],
  ['29 أبريل 2024 13:00 م', d('2024-04-29', { instant: '2024-04-29T10:00:00.000Z' })],
  ['29 أبريل 2024 13:00 ص', 'INVALID_TIME'],
  ['25:10', 'INVALID_TIME'],
  ['10:30', 'NO_DATE'],
];

const ZONES: Row[] = [
  ['29 أبريل 2024 23:50 بتوقيت غرينتش', d('2024-04-29', { instant: '2024-04-29T23:50:00.000Z' })],
  ['29 أبريل 2024 23:50 بتوقيت غرينيتش', d('2024-04-29', { instant: '2024-04-29T23:50:00.000Z' })],
  ['29 أبريل 2024 23:50 بتوقيت جرينتش', d('2024-04-29', { instant: '2024-04-29T23:50:00.000Z' })],
  ['29 أبريل 2024 23:50 GMT', d('2024-04-29', { instant: '2024-04-29T23:50:00.000Z' })],
  ['29 أبريل 2024 23:50 UTC', d('2024-04-29', { instant: '2024-04-29T23:50:00.000Z' })],
  ['29 أبريل 2024 02:00 ت.غ', d('2024-04-29', { instant: '2024-04-29T02:00:00.000Z' })],
  ['30 أبريل 2024 01:30 GMT', d('2024-04-30', { instant: '2024-04-30T01:30:00.000Z' }), 'America/New_York'],
  ['29 أبريل 2024 10:00 GMT+3', d('2024-04-29', { instant: '2024-04-29T07:00:00.000Z' })],
  ['29 أبريل 2024 10:00 GMT+03:00', d('2024-04-29', { instant: '2024-04-29T07:00:00.000Z' })],
  ['29 أبريل 2024 10:00 UTC-4', d('2024-04-29', { instant: '2024-04-29T14:00:00.000Z' })],
  ['29 أبريل 2024 10:00 بتوقيت مكة المكرمة', d('2024-04-29', { instant: '2024-04-29T07:00:00.000Z' }), 'UTC'],
  ['29 أبريل 2024 10:00 بتوقيت مكة', d('2024-04-29', { instant: '2024-04-29T07:00:00.000Z' }), 'UTC'],
  ['29 أبريل 2024 10:00 GST', d('2024-04-29', { instant: '2024-04-29T06:00:00.000Z' })],
  ['29 أبريل 2024 10:00 بتوقيت أبوظبي', d('2024-04-29', { instant: '2024-04-29T06:00:00.000Z' })],
  ['29 أبريل 2024 10:00 بتوقيت الدوحة', d('2024-04-29', { instant: '2024-04-29T07:00:00.000Z' }), 'UTC'],
  ['29 أبريل 2024 10:00 بتوقيت بغداد', d('2024-04-29', { instant: '2024-04-29T07:00:00.000Z' }), 'UTC'],
  ['29 أبريل 2024 10:00 بتوقيت مسقط', d('2024-04-29', { instant: '2024-04-29T06:00:00.000Z' })],
  ['29 أبريل 2024 10:00 بتوقيت تونس', d('2024-04-29', { instant: '2024-04-29T09:00:00.000Z' })],
  ['29 أبريل 2024 10:00 بتوقيت الجزائر', d('2024-04-29', { instant: '2024-04-29T09:00:00.000Z' })],
  ['29 أبريل 2024 10:00 بتوقيت طرابلس', d('2024-04-29', { instant: '2024-04-29T08:00:00.000Z' })],
  ['29 أبريل 2024 10:00 بتوقيت الخرطوم', d('2024-04-29', { instant: '2024-04-29T08:00:00.000Z' })],
  // Cairo: EET (+2) in winter, EEST (+3) from the last Friday of April 2024.
  ['10 يناير 2024 10:00 بتوقيت القاهرة', d('2024-01-10', { instant: '2024-01-10T08:00:00.000Z' })],
  ['29 أبريل 2024 10:00 بتوقيت القاهرة', d('2024-04-29', { instant: '2024-04-29T07:00:00.000Z' })],
  ['25 أبريل 2024 10:00 بتوقيت القاهرة', d('2024-04-25', { instant: '2024-04-25T08:00:00.000Z' })],
  ['10 يناير 2024 10:00', d('2024-01-10', { instant: '2024-01-10T08:00:00.000Z' }), 'Africa/Cairo'],
  ['10 يوليو 2024 10:00', d('2024-07-10', { instant: '2024-07-10T07:00:00.000Z' }), 'Africa/Cairo'],
  // Beirut: +2 in winter, +3 in summer.
  ['10 كانون الثاني 2024 10:00 بتوقيت بيروت', d('2024-01-10', { instant: '2024-01-10T08:00:00.000Z' })],
  ['10 تموز 2024 10:00 بتوقيت بيروت', d('2024-07-10', { instant: '2024-07-10T07:00:00.000Z' })],
  ['10 تموز 2024 10:00', d('2024-07-10', { instant: '2024-07-10T07:00:00.000Z' }), 'Asia/Beirut'],
  ['10 كانون الثاني 2024 10:00', d('2024-01-10', { instant: '2024-01-10T08:00:00.000Z' }), 'Asia/Beirut'],
  // Morocco: +01 all year except the Ramadan clock (+00), from IANA data.
  ['20 مارس 2024 12:00 بتوقيت الرباط', d('2024-03-20', { instant: '2024-03-20T12:00:00.000Z' })],
  ['20 ماي 2024 12:00 بتوقيت الرباط', d('2024-05-20', { instant: '2024-05-20T11:00:00.000Z' })],
  ['20 ماي 2024 12:00 بتوقيت الدار البيضاء', d('2024-05-20', { instant: '2024-05-20T11:00:00.000Z' })],
  ['10 رمضان 1445 12:00 بتوقيت الرباط', d('2024-03-20', { instant: '2024-03-20T12:00:00.000Z' })],
  ['20 مارس 2024 12:00', d('2024-03-20', { instant: '2024-03-20T12:00:00.000Z' }), 'Africa/Casablanca'],
  ['20 يونيو 2024 12:00', d('2024-06-20', { instant: '2024-06-20T11:00:00.000Z' }), 'Africa/Casablanca'],
  ['29 أبريل 2024 10:00 بتوقيت طوكيو', 'UNKNOWN_ZONE'],
  ['29 أبريل 2024', 'UNKNOWN_ZONE', 'Mars/Olympus'],
  ['29 أبريل 2024', 'UNKNOWN_ZONE', ''],
];

const HIJRI: Row[] = [
  ['20 شوال 1445 هـ', d('2024-04-29', { calendar: 'hijri', hijri: '1445-10-20', system: 'hijri' })],
  ['٢٠ شوال ١٤٤٥ هـ', d('2024-04-29')],
  ['20 شوال 1445 ه', d('2024-04-29')],
  ['20 شوال 1445 هجري', d('2024-04-29')],
  ['20 شوال 1445 هجرية', d('2024-04-29')],
  ['20 شوال 1445هـ', d('2024-04-29')],
  ['1 ذو الحجة 1445', d('2024-06-07')],
  ['1 ذي الحجة 1445', d('2024-06-07')],
  ['1 ذوالحجة 1445', d('2024-06-07')],
  ['1 رمضان المبارك 1445 هـ', d('2024-03-11')],
  ['1 رمضان المعظم 1445', d('2024-03-11')],
  ['30 رمضان 1444', 'INVALID_DAY'],
  ['31 رمضان 1445', 'INVALID_DAY'],
  ['1 رمضان 1200 هـ', 'HIJRI_OUT_OF_RANGE'],
  ['13/9/1299 هـ', 'HIJRI_OUT_OF_RANGE'],
  ['رمضان المبارك 1445', d('2024-03-11', { precision: 'month', hijri: '1445-09-01' })],
  ['الجمعة 1 ذو الحجة 1445 هـ الموافق 7 يونيو 2024 م', d('2024-06-07', { calendar: 'gregorian+hijri', hijri: '1445-12-01' })],
  ['الموافق 7 يونيو 2024 م - 1 ذو الحجة 1445 هـ', d('2024-06-07', { calendar: 'gregorian+hijri' })],
  ['2 ذو الحجة 1445 الموافق 7 يونيو 2024', 'HIJRI_MISMATCH'],
  ['30 ذو القعدة 1445 الموافق 7 يونيو 2024', d('2024-06-07', { calendar: 'gregorian+hijri' })],
  ['1 ذو الحجة الموافق 7 يونيو 2024', d('2024-06-07', { calendar: 'gregorian+hijri', hijri: '1445-12-01' })],
  ['5 ذو الحجة 1445 الموافق 7 يونيو 2024', 'HIJRI_MISMATCH'],
  ['1 ذو الحجة 1444 الموافق 7 يونيو 2024', 'HIJRI_MISMATCH'],
  ['السبت 1 ذو الحجة 1445', d('2024-06-08')],
  ['الخميس 1 ذو الحجة 1445', d('2024-06-06')],
  ['الجمعة 1 ذو الحجة 1445', d('2024-06-07')],
  ['الثلاثاء 1 ذو الحجة 1445', 'WEEKDAY_MISMATCH'],
  ['الخميس 1 ذو الحجة 1445 الموافق 7 يونيو 2024', 'WEEKDAY_MISMATCH'],
  ['15 رمضان', d('2024-03-25', { calendar: 'hijri', hijri: '1445-09-15' }), 'Asia/Riyadh', NOW.toISOString()],
];

const RELATIVE: Row[] = [
  ['الآن', d('2024-04-30', { instant: '2024-04-30T12:00:00.000Z', calendar: 'relative' })],
  ['منذ لحظات', d('2024-04-30', { instant: '2024-04-30T12:00:00.000Z' })],
  ['منذ ثوان', d('2024-04-30', { instant: '2024-04-30T12:00:00.000Z', precision: 'second' })],
  ['منذ 30 ثانية', d('2024-04-30', { instant: '2024-04-30T11:59:30.000Z' })],
  ['منذ دقيقة', d('2024-04-30', { instant: '2024-04-30T11:59:00.000Z', precision: 'minute' })],
  ['منذ دقيقتين', d('2024-04-30', { instant: '2024-04-30T11:58:00.000Z' })],
  ['منذ 7 دقائق', d('2024-04-30', { instant: '2024-04-30T11:53:00.000Z' })],
  ['منذ ٧ دقائق', d('2024-04-30', { instant: '2024-04-30T11:53:00.000Z' })],
  ['منذ سبع دقائق', d('2024-04-30', { instant: '2024-04-30T11:53:00.000Z' })],
  ['منذ خمس عشرة دقيقة', d('2024-04-30', { instant: '2024-04-30T11:45:00.000Z' })],
  ['منذ عشرين دقيقة', d('2024-04-30', { instant: '2024-04-30T11:40:00.000Z' })],
  ['منذ خمس وعشرين دقيقة', d('2024-04-30', { instant: '2024-04-30T11:35:00.000Z' })],
  ['منذ نصف ساعة', d('2024-04-30', { instant: '2024-04-30T11:30:00.000Z' })],
  ['منذ ساعة', d('2024-04-30', { instant: '2024-04-30T11:00:00.000Z' })],
  ['منذ ساعتين', d('2024-04-30', { instant: '2024-04-30T10:00:00.000Z' })],
  ['منذ 3 ساعات', d('2024-04-30', { instant: '2024-04-30T09:00:00.000Z' })],
  ['منذ أربع ساعات', d('2024-04-30', { instant: '2024-04-30T08:00:00.000Z' })],
  ['قبل 5 ساعات', d('2024-04-30', { instant: '2024-04-30T07:00:00.000Z' })],
  ['منذ ساعة و 20 دقيقة', d('2024-04-30', { instant: '2024-04-30T10:40:00.000Z' })],
  ['منذ ساعتين', d('2024-04-30', { instant: '2024-04-30T19:30:00.000Z' }), 'Asia/Riyadh', '2024-04-30T21:30:00Z'],
  ['منذ ساعتين', d('2024-04-29', { instant: '2024-04-29T22:30:00.000Z' }), 'UTC', '2024-04-30T00:30:00Z'],
  ['أمس', d('2024-04-29', { calendar: 'relative', precision: 'day', instant: null })],
  ['البارحة', d('2024-04-29')],
  ['أول أمس', d('2024-04-28')],
  ['أول من أمس', d('2024-04-28')],
  ['اليوم', d('2024-04-30')],
  ['اليوم الثلاثاء', d('2024-04-30')],
  ['منذ يوم', d('2024-04-29')],
  ['منذ يومين', d('2024-04-28')],
  ['منذ 3 أيام', d('2024-04-27')],
  ['منذ ثلاثة أيام', d('2024-04-27')],
  ['منذ أسبوع', d('2024-04-23')],
  ['منذ أسبوعين', d('2024-04-16')],
  ['منذ 3 أسابيع', d('2024-04-09')],
  ['أمس الإثنين', d('2024-04-29')],
  ['أمس الجمعة', 'WEEKDAY_MISMATCH'],
  ['اليوم الجمعة', 'WEEKDAY_MISMATCH'],
  ['أمس 10:30 م', d('2024-04-29', { instant: '2024-04-29T19:30:00.000Z' })],
  ['أمس', d('2024-04-30'), 'Asia/Riyadh', '2024-04-30T21:30:00Z'],
  ['أمس', d('2024-04-29'), 'UTC', '2024-04-30T21:30:00Z'],
  ['منذ ساعتين - 29 أبريل 2024', 'AMBIGUOUS'],
  ['منذ ساعتين - 30 أبريل 2024', d('2024-04-30', { calendar: 'gregorian', instant: '2024-04-30T10:00:00.000Z' })],
  ['منذ ساعات', 'NO_DATE'],
  ['منذ شهر', 'NO_DATE'],
  ['منذ 5', 'NO_DATE'],
];

const PARTIAL: Row[] = [
  ['مايو 2024', d('2024-05-01', { precision: 'month', instant: null })],
  ['أيار 2024', d('2024-05-01', { precision: 'month' })],
  ['شعبان 1446', d('2025-01-31', { precision: 'month', calendar: 'hijri', hijri: '1446-08-01' }), 'Asia/Riyadh', '2025-06-01T00:00:00Z'],
  ['شعبان 1446', 'FUTURE_DATE'],
  ['15 مايو', d('2023-05-15', { precision: 'day' })],
  ['15 أبريل', d('2024-04-15', { precision: 'day' })],
  ['25 ديسمبر', d('2023-12-25')],
  ['29 فبراير', d('2024-02-29')],
  ['15 مايو المقبل', 'FUTURE_DATE'],
  ['15 أبريل الماضي', d('2024-04-15')],
  ['15 أبريل المقبل', 'FUTURE_DATE'],
  ['مايو المقبل', d('2024-05-01', { precision: 'month' })],
  ['أبريل المقبل', 'FUTURE_DATE'],
  ['مارس الماضي', d('2024-03-01', { precision: 'month' })],
  ['مايو الماضي', d('2023-05-01', { precision: 'month' })],
  ['رمضان المقبل', 'FUTURE_DATE'],
  ['2024 مايو', d('2024-05-01', { precision: 'month' })],
];

const ERRORS: Row[] = [
  ['', 'EMPTY'],
  ['   ', 'EMPTY'],
  ['\u200f\u200e', 'EMPTY'],
  ['مرحبا بكم', 'NO_DATE'],
  ['أبريل', 'NO_DATE'],
  ['تشرين', 'NO_DATE'],
  ['صفحة 2024', 'NO_DATE'],
  ['31 فبراير 2024', 'INVALID_DAY'],
  ['29 فبراير 2023', 'INVALID_DAY'],
  ['30 شباط 2024', 'INVALID_DAY'],
  ['32 مايو 2024', 'INVALID_DAY'],
  ['0 مايو 2024', 'INVALID_DAY'],
  ['31 نيسان 2024', 'INVALID_DAY'],
  ['29 أبريل 202', 'INVALID_YEAR'],
  ['29 أبريل 0000', 'INVALID_YEAR'],
  ['الجمعة 29 أبريل 2024', 'WEEKDAY_MISMATCH'],
  ['الإثنين الثلاثاء 29 أبريل 2024', 'WEEKDAY_MISMATCH'],
  ['كتب 1 مايو 2024 وأعاد 3 مايو 2024', 'AMBIGUOUS'],
  ['15 مايو صفحة 2020', 'AMBIGUOUS'],
  ['اليوم السابع', 'NO_DATE'],
  ['Apr 29', 'AMBIGUOUS'],
  ['x'.repeat(1001), 'TOO_LONG'],
];

const GREGORIAN_SYSTEMS = [
  ['mashriq', MASHRIQ_MONTHS],
  ['syriac', SYRIAC_MONTHS],
  ['maghreb', MAGHREB_MONTHS],
  ['morocco', MOROCCO_MONTHS],
] as const;

/** Every spelling of every month, in three printed shapes, with each digit system. */
function spellingRows(): Row[] {
  const rows: Row[] = [];
  const digits = ['latn', 'arab', 'persian'] as const;
  let k = 0;
  for (const [, table] of GREGORIAN_SYSTEMS) {
    table.forEach((spellings, index) => {
      const month = index + 1;
      for (const spelling of spellings) {
        const day = 1 + ((k * 7) % 28);
        const year = 2001 + (k % 30);
        const dg = digits[k % 3] as (typeof digits)[number];
        k++;
        const date = `${year}-${pad(month)}-${pad(day)}`;
        rows.push([toDigits(`${day} ${spelling} ${year}`, dg), d(date)]);
        rows.push([toDigits(`نشر بتاريخ ${day} ${spelling}، ${year} - 14:05`, dg), d(date, { precision: 'minute' })]);
        rows.push([toDigits(`${spelling} ${year}`, dg), d(`${year}-${pad(month)}-01`, { precision: 'month' })]);
      }
    });
  }
  return rows;
}

/** Every Hijri month spelling, expected dates from an independent Umm al-Qura converter (not ICU). */
function hijriRows(): Row[] {
  const rows: Row[] = [];
  let k = 0;
  HIJRI_MONTHS.forEach((spellings, index) => {
    const month = index + 1;
    for (const spelling of spellings) {
      const year = 1421 + ((k * 3) % 29);
      const day = 1 + ((k * 5) % 29);
      k++;
      const g = hijriToGregorian({ year, month, day });
      const date = `${g.year}-${pad(g.month)}-${pad(g.day)}`;
      rows.push([`${day} ${spelling} ${year} هـ`, d(date, { calendar: 'hijri', hijri: `${year}-${pad(month)}-${pad(day)}` })]);
      rows.push([toDigits(`${day} ${spelling} ${year}`, 'arab'), d(date)]);
    }
  });
  return rows;
}

/** Each table with the "now" its rows are read at (absolute dates long after, so FUTURE_DATE is tested on its own). */
const TABLES: Record<string, [Row[], Date]> = {
  'Gregorian shapes (every naming system)': [GREGORIAN_SHAPES, LONG_AFTER],
  'dual month names': [DUAL_FORMS, LONG_AFTER],
  'numeric dates': [NUMERIC, LONG_AFTER],
  'ISO 8601': [ISO, LONG_AFTER],
  'clock times': [TIMES, LONG_AFTER],
  'explicit zones and the caller zone': [ZONES, LONG_AFTER],
  'Hijri dates (Umm al-Qura)': [HIJRI, LONG_AFTER],
  'relative forms': [RELATIVE, NOW],
  'partial dates': [PARTIAL, NOW],
  refusals: [ERRORS, NOW],
  'every month spelling of every Gregorian naming system': [spellingRows(), LONG_AFTER],
  'every Hijri month spelling (independent converter)': [hijriRows(), LONG_AFTER],
};

describe('normalizeArabicDate', () => {
  for (const [name, [rows, now]] of Object.entries(TABLES)) {
    describe(name, () => {
      it.each(rows.map((r) => [r[0].length > 60 ? `${r[0].slice(0, 40)}…` : r[0], r] as const))('%s', (_label, row) => check(row, now));
    });
  }

  it('has at least 300 table rows', () => {
    expect(Object.values(TABLES).reduce((n, [rows]) => n + rows.length, 0)).toBeGreaterThanOrEqual(300);
  });

  it('covers every error code', () => {
    const codes = new Set(
      Object.values(TABLES)
        .flatMap(([rows]) => rows)
        .map((r) => r[1])
        .filter((e): e is DateErrorCode => typeof e === 'string'),
    );
    const all: DateErrorCode[] = [
      'EMPTY',
      'NO_DATE',
      'INVALID_DAY',
      'INVALID_MONTH',
      'INVALID_YEAR',
      'INVALID_TIME',
      'WEEKDAY_MISMATCH',
      'MONTH_MISMATCH',
      'HIJRI_MISMATCH',
      'HIJRI_OUT_OF_RANGE',
      'UNKNOWN_ZONE',
      'AMBIGUOUS',
      'FUTURE_DATE',
      'TOO_LONG',
    ];
    expect(all.filter((c) => !codes.has(c))).toEqual([]);
  });

  it('keeps the printed date when the instant falls on another day ("23:50 GMT" read in Riyadh)', () => {
    expect(read('29 أبريل 2024 23:50 GMT')).toMatchObject({ date: '2024-04-29', instant: '2024-04-29T23:50:00.000Z' });
  });

  it('never throws on non-string input or bad options', () => {
    expect(read(undefined as unknown as string).ok).toBe(false);
    expect(read('29 أبريل 2024', 'Asia/Riyadh', new Date(Number.NaN)).ok).toBe(false);
  });
});
