// Relative Arabic date phrases (الآن، منذ ساعتين، أمس، أول أمس، اليوم) read against an injected "now". Core: no clock reads.
import type { DateToken } from './tokenize-date-text.ts';

/** A relative phrase: an offset back from now in milliseconds (minute/hour forms) or in whole days. */
export type RelativeFact = { kind: 'offset'; milliseconds: number; precision: 'minute' | 'second' } | { kind: 'days'; days: number };

/** Folded number words → value (units and tens; "خمس وعشرين" is read as 5 + 20). */
const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['واحد', 1],
  ['واحده', 1],
  ['اثنين', 2],
  ['اثنان', 2],
  ['اثنتين', 2],
  ['اثنتان', 2],
  ['ثلاث', 3],
  ['ثلاثه', 3],
  ['اربع', 4],
  ['اربعه', 4],
  ['خمس', 5],
  ['خمسه', 5],
  ['ست', 6],
  ['سته', 6],
  ['سبع', 7],
  ['سبعه', 7],
  ['ثماني', 8],
  ['ثمان', 8],
  ['ثمانيه', 8],
  ['تسع', 9],
  ['تسعه', 9],
  ['عشر', 10],
  ['عشره', 10],
  ['احد', 1],
  ['احدي', 1],
  ['اثني', 2],
  ['اثنا', 2],
  ['عشرين', 20],
  ['عشرون', 20],
  ['ثلاثين', 30],
  ['ثلاثون', 30],
  ['اربعين', 40],
  ['اربعون', 40],
  ['خمسين', 50],
  ['خمسون', 50],
  ['ستين', 60],
  ['ستون', 60],
]);

type Unit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month';
/** Folded unit words: singular (count 1), dual (count 2) or plural (needs a number). */
const UNIT_WORDS: ReadonlyMap<string, { unit: Unit; count: number | null }> = new Map([
  ['ثانيه', { unit: 'second', count: 1 }],
  ['ثانيتين', { unit: 'second', count: 2 }],
  ['ثواني', { unit: 'second', count: null }],
  ['ثوان', { unit: 'second', count: null }],
  ['لحظات', { unit: 'second', count: 0 }],
  ['لحظه', { unit: 'second', count: 0 }],
  ['دقيقه', { unit: 'minute', count: 1 }],
  ['دقيقتين', { unit: 'minute', count: 2 }],
  ['دقيقتان', { unit: 'minute', count: 2 }],
  ['دقايق', { unit: 'minute', count: null }],
  ['د', { unit: 'minute', count: null }],
  ['ساعه', { unit: 'hour', count: 1 }],
  ['ساعتين', { unit: 'hour', count: 2 }],
  ['ساعتان', { unit: 'hour', count: 2 }],
  ['ساعات', { unit: 'hour', count: null }],
  ['س', { unit: 'hour', count: null }],
  ['يوم', { unit: 'day', count: 1 }],
  ['يومين', { unit: 'day', count: 2 }],
  ['يومان', { unit: 'day', count: 2 }],
  ['ايام', { unit: 'day', count: null }],
  ['اسبوع', { unit: 'week', count: 1 }],
  ['اسبوعين', { unit: 'week', count: 2 }],
  ['اسبوعان', { unit: 'week', count: 2 }],
  ['اسابيع', { unit: 'week', count: null }],
  ['شهر', { unit: 'month', count: 1 }],
  ['شهرين', { unit: 'month', count: 2 }],
  ['اشهر', { unit: 'month', count: null }],
  ['شهور', { unit: 'month', count: null }],
]);

const UNIT_MS: Record<'second' | 'minute' | 'hour', number> = { second: 1000, minute: 60_000, hour: 3_600_000 };

/** Why a relative phrase was refused (vague or too coarse). */
export class RelativeDateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RelativeDateError';
  }
}

/** A number written in digits or words at tokens[i], or null. */
function readCount(tokens: DateToken[], i: number): { value: number; next: number } | null {
  const t = tokens[i];
  if (!t) return null;
  if (t.kind === 'num') return t.text.length <= 4 ? { value: t.value, next: i + 1 } : null;
  let value = NUMBER_WORDS.get(t.text);
  if (value === undefined) return null;
  let next = i + 1;
  if (value < 10 && (tokens[next]?.text === 'عشر' || tokens[next]?.text === 'عشره')) {
    value += 10;
    next++;
  } else if (value < 10 && tokens[next]?.text === 'و' && (NUMBER_WORDS.get(tokens[next + 1]?.text ?? '') ?? 0) >= 20) {
    value += NUMBER_WORDS.get(tokens[next + 1]!.text)!;
    next += 2;
  } else if (value < 10 && tokens[next]?.text.startsWith('و') && (NUMBER_WORDS.get(tokens[next]!.text.slice(1)) ?? 0) >= 20) {
    value += NUMBER_WORDS.get(tokens[next]!.text.slice(1))!;
    next += 1;
  }
  return { value, next };
}

/** "منذ|قبل" then one or more "<count> <unit>" joined by و; "نصف/ربع ساعه". */
function readAgo(tokens: DateToken[], i: number): RelativeFact {
  let ms = 0;
  let days = 0;
  let sawTime = false;
  let sawDays = false;
  let precision: 'minute' | 'second' = 'minute';
  let j = i;
  for (;;) {
    let count: number | null = null;
    if (tokens[j]?.text === 'نصف' || tokens[j]?.text === 'ربع') {
      const fraction = tokens[j]!.text === 'نصف' ? 30 : 15;
      if (tokens[j + 1]?.text !== 'ساعه') throw new RelativeDateError(`"${tokens[j]!.text}" must be followed by ساعة`);
      ms += fraction * 60_000;
      sawTime = true;
      j += 2;
    } else {
      const c = readCount(tokens, j);
      if (c) {
        count = c.value;
        j = c.next;
      }
      const u = UNIT_WORDS.get(tokens[j]?.text ?? '');
      if (!u) {
        if (count !== null) throw new RelativeDateError(`no unit after the number ${count} (expected دقائق، ساعات، أيام …)`);
        break;
      }
      const n = count ?? u.count;
      if (n === null) {
        if (u.unit !== 'second') throw new RelativeDateError(`"${tokens[j]!.text}" without a number is too vague to date`);
      }
      const value = n ?? 0;
      if (u.unit === 'month') throw new RelativeDateError('relative months are too coarse to date (use a date)');
      if (u.unit === 'day' || u.unit === 'week') {
        days += value * (u.unit === 'week' ? 7 : 1);
        sawDays = true;
      } else {
        ms += value * UNIT_MS[u.unit];
        sawTime = true;
        if (u.unit === 'second') precision = 'second';
      }
      j++;
    }
    if (tokens[j]?.text === 'و' || tokens[j]?.text === ',') j++;
    else break;
  }
  if (sawTime && sawDays) return { kind: 'offset', milliseconds: ms + days * 86_400_000, precision };
  if (sawDays) return { kind: 'days', days };
  if (sawTime) return { kind: 'offset', milliseconds: ms, precision };
  throw new RelativeDateError('"منذ" is not followed by a duration');
}

/**
 * The relative phrase among the tokens no absolute rule used, or null when there is none.
 * Throws RelativeDateError when the phrase is too vague to date.
 *
 * @example
 * readRelativeDate(tokenizeDateText(foldArabicText('منذ ساعتين')))
 * //=> { kind: 'offset', milliseconds: 7200000, precision: 'minute' }
 */
export function readRelativeDate(tokens: DateToken[]): RelativeFact | null {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as DateToken;
    if (t.used || t.kind !== 'word') continue;
    switch (t.text) {
      case 'الان':
      case 'حالا':
        return { kind: 'offset', milliseconds: 0, precision: 'second' };
      case 'منذ':
      case 'قبل':
        if (tokens[i + 1] && tokens[i + 1]!.kind !== 'sym') return readAgo(tokens, i + 1);
        break;
      case 'امس':
      case 'البارحه':
        return { kind: 'days', days: 1 };
      case 'اول':
        if (tokens[i + 1]?.text === 'امس') return { kind: 'days', days: 2 };
        if (tokens[i + 1]?.text === 'من' && tokens[i + 2]?.text === 'امس') return { kind: 'days', days: 2 };
        break;
      case 'اليوم': {
        const next = tokens[i + 1];
        if (next?.kind !== 'word' || next.used || next.text === 'في' || next.text === 'الساعه') return { kind: 'days', days: 0 };
        break;
      }
      default:
        break;
    }
  }
  return null;
}
