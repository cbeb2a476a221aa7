// Table tests, by class, of the forms real sites print that once gave a confident wrong answer or a needless refusal: each row a date (and instant) or a refusal with its code and the words its message must name.
import { describe, expect, it } from 'vitest';
import { normalizeArabicDate, type DateErrorCode, type NormalizeOptions } from '../../../lambda/core/dates/index.ts';

/** Saturday 2026-12-05 15:00 in Riyadh. */
const NOW = new Date('2026-12-05T12:00:00Z');

type Expected = { date: string; instant?: string | null; precision?: string } | { code: DateErrorCode; names: string[] };
type Row = [text: string, expected: Expected, options?: Partial<NormalizeOptions>];

const day = (date: string, instant: string | null = null, precision?: string): Expected => ({
  date,
  instant,
  ...(precision ? { precision } : {}),
});
const refuse = (code: DateErrorCode, ...names: string[]): Expected => ({ code, names });

function check([text, expected, options]: Row): void {
  const r = normalizeArabicDate(text, { timeZone: 'Asia/Riyadh', now: NOW, ...options });
  if ('code' in expected) {
    expect(r.ok, JSON.stringify(r)).toBe(false);
    if (r.ok) return;
    expect(r.error.code, r.error.message).toBe(expected.code);
    for (const name of expected.names) expect(r.error.message).toContain(name);
  } else {
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (!r.ok) return;
    expect(r.date).toBe(expected.date);
    if (expected.instant !== undefined) expect(r.instant).toBe(expected.instant);
    if (expected.precision !== undefined) expect(r.precision).toBe(expected.precision);
  }
}

const TABLES: Record<string, Row[]> = {
  'scrambled right-to-left copy order': [
    ['21 09:30 2024 جويلية', day('2024-07-21', '2024-07-21T06:30:00.000Z')],
    ['2024 مارس 7 14:05', day('2024-03-07', '2024-03-07T11:05:00.000Z')],
    ['2024 21 جويلية', day('2024-07-21')],
    ['جويلية 2024 21 09:30', day('2024-07-21', '2024-07-21T06:30:00.000Z')],
    ['03 17:08 2026 جانفي', day('2026-01-03', '2026-01-03T14:08:00.000Z')],
    // Two numbers that could each be the day: two readings.
    ['21 5 2024 جويلية', refuse('AMBIGUOUS', '21', '5')],
    ['مارس 2024 7 9', refuse('AMBIGUOUS', '7', '9')],
    // A lone number after a month can be a day or a two-digit year.
    ['أبريل 29', refuse('AMBIGUOUS', '29')],
  ],
  'compound relative stamps without و': [
    ['منذ 3 ساعات 12 دقيقة', day('2026-12-05', '2026-12-05T08:48:00.000Z')],
    ['منذ ساعة واحدة 5 دقائق', day('2026-12-05', '2026-12-05T10:55:00.000Z')],
    ['منذ يومين 4 ساعات', day('2026-12-03', '2026-12-03T08:00:00.000Z')],
    ['منذ دقائق 20', day('2026-12-05', '2026-12-05T11:40:00.000Z')],
    ['منذ ساعة و 20 دقيقة', day('2026-12-05', '2026-12-05T10:40:00.000Z')],
    ['منذ ساعة 3', refuse('AMBIGUOUS', 'ساعه', '3')],
    ['منذ 3 ساعات 2024', refuse('NO_DATE', '2024')],
  ],
  'ordinal-word days and parts of a month': [
    ['الثالث من يونيو 2019', day('2019-06-03')],
    ['في العاشر من رمضان 1444', day('2023-04-01')],
    ['الحادي والعشرين من آذار 2022', day('2022-03-21')],
    ['الحادي عشر من مايو 2023', day('2023-05-11')],
    ['للخامس من كانون الثاني سنة 2023', day('2023-01-05')],
    ['في 23 من شهر يوليو عام 1970 م', day('1970-07-23')],
    ['مطلع مارس 2024', day('2024-03-01', null, 'month')],
    ['أواخر مارس 2024', day('2024-03-01', null, 'month')],
    // An ordinal day is checked like a numeral: weekday, month length, a weekday beside a month-only date.
    ['الأحد الثالث من يونيو 2019', refuse('WEEKDAY_MISMATCH', '2019-06-03', 'الأحد')],
    ['الحادي والثلاثين من أبريل 2024', refuse('INVALID_DAY', '31', 'month 4')],
    ['الخميس مطلع مايو 2024', refuse('AMBIGUOUS', 'weekday', 'no day')],
  ],
  '"اليوم" or a weekday beside an explicit date': [
    ['اليوم 24-10-2024', day('2024-10-24')],
    ['اليوم الخميس 24-10-2024', day('2024-10-24')],
    ['الجمعة 24-10-2024', refuse('WEEKDAY_MISMATCH', '2024-10-24', 'الخميس', 'الجمعة')],
    ['مصر اليوم - 29 أبريل 2020', day('2020-04-29')],
    ['الخميس 24 أبريل 2025 | منذ ساعتين', day('2025-04-24', '2025-04-24T09:00:00.000Z'), { now: new Date('2025-04-24T11:00:00Z') }],
    ['23 أبريل 2025 | منذ ساعتين', refuse('AMBIGUOUS', '2025-04-23', '2025-04-24'), { now: new Date('2025-04-24T11:00:00Z') }],
  ],
  'month names broken by justification': [
    ['5 ديسمبـ ـر 2024', day('2024-12-05')],
    ['5 نوفمـبر 2024', day('2024-11-05')],
    ['5 نوفمــــــبر 2024', day('2024-11-05')],
    ['5 نو\u200dفمبر 2024', day('2024-11-05')],
    ['5 نو\u200cفمبر 2024', day('2024-11-05')],
    ['القاهرة ـ 5 ديسمبر 2024', day('2024-12-05')],
    // "هـ" is an abbreviation, not half a word: the weekday after it is still read (and here contradicts the date).
    ['5 ذو الحجة 1445 هـ الجمعة', refuse('WEEKDAY_MISMATCH', 'الجمعة')],
    ['5 ذو الحجة 1445 هـ الثلاثاء', day('2024-06-11')],
  ],
  'two different dates in one line': [
    ['من 3 إلى 5 مايو 2024', refuse('AMBIGUOUS', '3')],
    ['من 3 مايو إلى 5 يونيو 2024', refuse('AMBIGUOUS', 'two different dates')],
    ['ولد في 3 مايو 1950 وتوفي في 5 يونيو 2024', refuse('AMBIGUOUS', 'two different dates')],
    ['يوم 25 بدلا من 27 مايو 2024', refuse('AMBIGUOUS', '25')],
    ['صدر في 1 مايو 2024 ونشر في 3 مايو 2024', day('2024-05-03')],
    ['نشر في: 1 مايو 2024 - 10:35 ص | آخر تحديث: 3 مايو 2024 - 10:40 ص', day('2024-05-01', '2024-05-01T07:35:00.000Z')],
    ['الأحد 12 مايو 2024 - 10:35 ص | 10:40 ص', refuse('AMBIGUOUS', '10:35', '10:40')],
    ['تأسست 28 سبتمبر 1963 يومية 01 جانفي 1972', refuse('AMBIGUOUS', 'two different dates')],
  ],
  'year inference never goes forward': [
    ['15 مايو', day('2026-05-15')],
    ['6 ديسمبر', day('2025-12-06')],
    ['5 ديسمبر', day('2026-12-05')],
    ['الخميس 3 أكتوبر', refuse('WEEKDAY_MISMATCH', '2026-10-03')],
    ['السبت 3 أكتوبر', day('2026-10-03')],
    ['29 فبراير', day('2024-02-29')],
    ['6 ديسمبر 2026', day('2026-12-06')],
    ['8 ديسمبر 2026', refuse('FUTURE_DATE', '2026-12-08', '36 hours')],
    ['8 ديسمبر 2026', day('2026-12-08'), { futureToleranceHours: 24 * 7 }],
    ['5 ديسمبر 2026 23:59', day('2026-12-05', '2026-12-05T20:59:00.000Z')],
    ['2027-01-01T00:00:00Z', refuse('FUTURE_DATE', '2027-01-01T00:00:00.000Z')],
    ['مايو المقبل', refuse('FUTURE_DATE', '2027-05')],
  ],
  'numeric stamps: one reading, or the site order': [
    ['03/27/2021 - 18:40', day('2021-03-27', '2021-03-27T15:40:00.000Z')],
    ['27/03/2021 - 18:40', day('2021-03-27', '2021-03-27T15:40:00.000Z')],
    ['04/05/2021', refuse('AMBIGUOUS', '04/05/2021', '2021-05-04', '2021-04-05', 'order')],
    ['04/05/2021', day('2021-05-04'), { order: 'dmy' }],
    ['04/05/2021', day('2021-04-05'), { order: 'mdy' }],
    ['05/05/2021', day('2021-05-05')],
    ['24/05/04', day('2024-05-04'), { order: 'ymd' }],
    ['الثلاثاء 11/8/2020', day('2020-08-11')],
    ['الأحد 11/8/2020', day('2020-11-08')],
    ['2019_11_03', day('2019-11-03')],
    ['2019 11 03', day('2019-11-03')],
    ['2019+11+03', day('2019-11-03')],
    ['2019|11|03', day('2019-11-03')],
    ['23،11،2019', day('2019-11-23')],
    ['27/3/2023الساعة 10', day('2023-03-27', '2023-03-27T07:00:00.000Z')],
    ['12/3/2023الساعة 10', day('2023-03-12', '2023-03-12T07:00:00.000Z'), { order: 'dmy' }],
    ['date 2018-05', day('2018-05-01', null, 'month')],
  ],
  '24-hour clock with a redundant AM/PM or ص/م': [
    ['2023/11/02 21:15 PM', day('2023-11-02', '2023-11-02T18:15:00.000Z')],
    ['2023/11/02 21:15 م', day('2023-11-02', '2023-11-02T18:15:00.000Z')],
    ['2023/11/02 09:15 م', day('2023-11-02', '2023-11-02T18:15:00.000Z')],
    ['2023/11/02 21:15 ص', refuse('INVALID_TIME', '21:15', 'ص')],
    ['2023/11/02 00:30 AM', day('2023-11-02', '2023-11-01T21:30:00.000Z')],
    ['السبت 10 ديسمبر 2022 الساعة الثانية ظهرا', day('2022-12-10', '2022-12-10T11:00:00.000Z')],
    ['السبت 10 ديسمبر 2022 الساعة الثانية', refuse('AMBIGUOUS', 'الثانيه')],
    ['السبت 19 أوت 2023 / السّاعة 16.30', day('2023-08-19', '2023-08-19T13:30:00.000Z')],
    ['الأربعاء 21 فبراير 2024 1:55 ملا توجد تعليقات', day('2024-02-21', '2024-02-21T10:55:00.000Z')],
  ],
  'Hijri month spellings and era marks': [
    ['5 جماد الأول 1445', day('2023-11-19')],
    ['5 جمادى الاولى 1445هـ', day('2023-11-19')],
    ['5 ربيع الاول 1445 ه', day('2023-09-20')],
    ['5 ربيع ثاني 1445 هـــ', day('2023-10-20')],
    ['5 ذو الحجه 1445 للهجرة', day('2024-06-11')],
    ['5 ذي القعدة 1445', day('2024-05-13')],
    ['5 جماد الآخر 1445 هـ', day('2023-12-18')],
    // Two halves that name different days under Umm al-Qura, and a Hijri month that does not hold the date.
    ['السبت 20 أبريل 2024 10 شوال 1445 هـ', refuse('HIJRI_MISMATCH', '2024-04-19', '2024-04-20')],
    ['الأربعاء 22 مارس 2023 غرة رمضان 1444 هـ', refuse('HIJRI_MISMATCH', '2023-03-22', '9/1444')],
  ],
  'English, machine and French forms': [
    ['Sat, 05 Dec 2026 14:30:00 GMT', day('2026-12-05', '2026-12-05T14:30:00.000Z')],
    ['Sat, 05 Dec 2026 14:30:00 +0300', day('2026-12-05', '2026-12-05T11:30:00.000Z')],
    ['Fri, 04 Dec 2026 09:00:00 -0500', day('2026-12-04', '2026-12-04T14:00:00.000Z')],
    ['Sun, 05 Dec 2026 14:30:00 GMT', refuse('WEEKDAY_MISMATCH', '2026-12-05')],
    ['2026-12-05T14:30:00Z', day('2026-12-05', '2026-12-05T14:30:00.000Z')],
    ['2026-12-05T14:30:00+03:00', day('2026-12-05', '2026-12-05T11:30:00.000Z')],
    ['2026-12-05T14:30:00', day('2026-12-05', '2026-12-05T11:30:00.000Z')],
    ['2026-12-04 09:00:00 -0500', day('2026-12-04', '2026-12-04T14:00:00.000Z')],
    ['2026-12-04 09:00:00 +0545', day('2026-12-04', '2026-12-04T03:15:00.000Z')],
    ['5 December 2026', day('2026-12-05')],
    ['December 5, 2026', day('2026-12-05')],
    ['5th, December 2026', day('2026-12-05')],
    ['1st March 2026', day('2026-03-01')],
    ['5 décembre 2026', day('2026-12-05')],
    ['1er août 2026', day('2026-08-01')],
    ['samedi 5 décembre 2026', day('2026-12-05')],
  ],
  'Coptic dates beside the Gregorian and Hijri ones (a cross-check)': [
    ['األحد  ١٣سبتمبر ٢٠٢٠م  ٢٥ -من املحرم  14٤٢هـ  ٣ -توت  - 173٧السنة السابعة عشرة', day('2020-09-13')],
    ['الخميس 11 يوليو 2019م 8 من ذي القعدة 1440هـ 4 أبيب 1735', day('2019-07-11')],
    ['الأربعاء 11 مارس 2020 - 2 برمهات 1736', day('2020-03-11')],
    ['الأربعاء 7 يناير 2026 الموافق 29 كيهك 1742', day('2026-01-07')],
    ['الاثنين 11 سبتمبر 2023 - 6 النسيء 1739', day('2023-09-11')],
    ['13 سبتمبر 2020 - 4 توت 1737', refuse('COPTIC_MISMATCH', '4 1/1737 (Coptic)', '2020-09-14', '2020-09-13')],
    ['10 سبتمبر 2022 - 6 النسيء 1738', refuse('COPTIC_MISMATCH', 'not a Coptic date')],
    ['13 سبتمبر 2020 - 31 توت 1737', refuse('INVALID_DAY', 'Coptic month 1')],
    ['3 توت 1737', refuse('NO_DATE', 'Coptic', 'no')],
    // Without a year, the day and month must still be the date's own (the Coptic year is taken from it).
    ['الأحد 13 سبتمبر 2020 - 3 توت', day('2020-09-13')],
    ['الأحد 13 سبتمبر 2020 - 5 توت', refuse('COPTIC_MISMATCH', '5 1/', '2020-09-15', '2020-09-13')],
  ],
  'text copied out of PDF editions': [
    ['اخلمي�س املوافق  25من متوز  2019العدد  - 4386ال�سنة', day('2019-07-25')],
    ['الأحد املوافق  24من �شباط  2019العدد  - 4268', day('2019-02-24')],
    ['الأحد  16من �شهر جمادي الأول  1433هـ', day('2012-04-08')],
    ['لحد  22ذو ا◊جة  1442هـ اŸوافق لـ  01أاوت 2021م العدد 18٦22:الثمن  10دج', day('2021-08-01')],
    ['-العـــدد 5٢٠1 لحد  ٠٣أافريل  ٢٠٢٢الموافــــــق لـ  ٠٢رمضضان  144٣هــ', day('2022-04-03')],
    ['< األربعاء  8دجنرب  - 2021العدد 9405 :الثمن 4 :دراهم', day('2021-12-08')],
    ['الس��نة  | 17الع��دد  | 6161األح��د  27ربي��ع األول 1444ه��ـ', day('2022-10-23')],
    // The repaired names are checked like any other: a weekday, the other calendar, a second date.
    ['اخلميس املوافق 24من �شباط 2019', refuse('WEEKDAY_MISMATCH', '2019-02-24', 'الخميس')],
    ['الأحد 24من �شباط 2019 الموافق 20 جمادى الآخرة 1440', refuse('HIJRI_MISMATCH', '2019-02-25', '2019-02-24')],
    ['ت�أ�س�ست � 28سبتمرب  1963عربت يف  01جانفي 1972', refuse('AMBIGUOUS', 'two different dates')],
    // A replacement character between digits may be a lost digit: it is not dropped.
    ['1�5 مايو 2024', refuse('AMBIGUOUS', '1', '5 مايو 2024')],
  ],
  'issue numbers, and PDF lines extracted in visual order': [
    ['العدد 29، مارس 2021', day('2021-03-01', null, 'month')],
    ['العدد رقم 15 - الأحد 12 مايو 2024', day('2024-05-12')],
    ['عدد 15 مايو 2024', day('2024-05-15')],
    ['العدد 12/05/2024', refuse('AMBIGUOUS', '2024-05-12 (dmy)', '2024-12-05 (mdy)')],
    ['2021 سرﺎﻣ ، 29 دﺪﻌﻟا', day('2021-03-01', null, 'month')],
    ['2024 ﻮﻳﺎﻣ 12', day('2024-05-12')],
    ['2024 ﻮﻳﺎﻣ 12 ﻰﻟا 10', refuse('AMBIGUOUS', '10')],
  ],
  'English mastheads with a detached ordinal and dashes': [
    ['Al Masry Al Youm - Saturday - July 17 th - 2021 - Issue No. 6242 - Vol.18', day('2021-07-17')],
    ['Tuesday - July 23 rd - 2024', day('2024-07-23')],
    ['Sunday - December 10 th - 2023 - Issue No. 7118', day('2023-12-10')],
    ['Friday - July 17 th - 2021', refuse('WEEKDAY_MISMATCH', '2021-07-17')],
  ],
  'a year printed elsewhere on a line whose date has none': [
    ['وانطلقت دورة ألعاب الأمم الإفريقية 2022 يوم 9 جانفي بالكاميرون', day('2022-01-09'), { now: new Date('2022-01-20T10:00:00Z') }],
    [
      'وانطلقت دورة ألعاب الأمم الإفريقية 2022 يوم 9 جانفي بالكاميرون',
      refuse('AMBIGUOUS', '2022'),
      { now: new Date('2023-01-20T10:00:00Z') },
    ],
    ['بطولة 2022 العدد 5935 يوم 9 جانفي', refuse('AMBIGUOUS', '5935'), { now: new Date('2022-01-20T10:00:00Z') }],
  ],
  'Persian and mixed digits': [
    ['۵ دیسمبر ۲۰۲۶', day('2026-12-05')],
    ['۵ ديسمبر ۲۰۲۶', day('2026-12-05')],
    ['٥ ديسمبر 2026', day('2026-12-05')],
    ['۰۵/۱۲/۲۰۲۶', day('2026-12-05'), { order: 'dmy' }],
    ['2٠26-1۲-05', day('2026-12-05')],
    ['۳۱/۰۴/۲۰۲۴', refuse('INVALID_DAY', '31', 'month 4')],
    ['۰۴/۰۵/۲۰۲۱', refuse('AMBIGUOUS', '2021-05-04 (dmy)', '2021-04-05 (mdy)')],
    ['الاثنين ۵ دیسمبر ۲۰۲۶', refuse('WEEKDAY_MISMATCH', '2026-12-05', 'الإثنين')],
  ],
};

describe('normalizeArabicDate: no confident wrong answer, by class', () => {
  for (const [name, rows] of Object.entries(TABLES)) {
    describe(name, () => {
      it.each(rows.map((r) => [`${r[0]}${r[2] ? ` ${JSON.stringify(r[2])}` : ''}`, r] as const))('%s', (_label, row) => check(row));
    });
  }

  it('every refusal message is a sentence, not a code', () => {
    const r = normalizeArabicDate('04/05/2021', { timeZone: 'Asia/Riyadh', now: NOW });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message.split(' ').length).toBeGreaterThan(8);
  });
});
