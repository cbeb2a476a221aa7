// Folded word lists the grammar matches as whole words (months, weekdays, markers), built lazily from the tables. Core: imports nothing but siblings.
import { foldArabicText } from './fold-arabic-text.ts';
import { HIJRI_HONORIFICS, MONTH_TABLES } from './month-tables.ts';
import type { NamingSystem } from './types.ts';
import { WEEKDAYS } from './weekdays.ts';

/** A month spelling as a sequence of folded tokens. */
export interface MonthEntry {
  words: string[];
  system: Exclude<NamingSystem, 'numeric'>;
  /** 1–12 */
  month: number;
}

export interface DateLexicon {
  /** Month spellings keyed by their first token, longest first. */
  months: Map<string, MonthEntry[]>;
  /** Folded weekday spelling → weekday (0 = Sunday). */
  weekdays: Map<string, number>;
  honorifics: Set<string>;
}

let lexicon: DateLexicon | undefined;

/** The lexicon, folded from the tables on first use (never at import, to keep cold start cheap). */
export function dateLexicon(): DateLexicon {
  if (lexicon) return lexicon;
  const months = new Map<string, MonthEntry[]>();
  const seen = new Set<string>();
  const spelled = new Set<string>(); // every real spelling, so a damaged form never takes one over
  const add = (words: string[], system: MonthEntry['system'], month: number): void => {
    const key = `${system === 'hijri' ? 'h' : system === 'coptic' ? 'c' : 'g'}:${words.join(' ')}`;
    if (seen.has(key)) return; // first system listing a shared spelling owns it
    seen.add(key);
    const list = months.get(words[0] as string) ?? [];
    list.push({ words, system, month });
    months.set(words[0] as string, list);
  };
  const tables = MONTH_TABLES.map(
    ([system, table]) => [system, table.map((spellings) => spellings.map((s) => foldArabicText(s).split(' ')))] as const,
  );
  for (const [system, table] of tables) {
    table.forEach((spellings, index) => {
      for (const words of spellings) {
        add(words, system, index + 1);
        spelled.add(words.join(' '));
      }
    });
  }
  const weekdays = new Map<string, number>();
  WEEKDAYS.forEach((spellings, day) => {
    for (const s of spellings) {
      const folded = foldArabicText(s);
      weekdays.set(folded, day);
      if (folded.startsWith('ال')) weekdays.set(`و${folded}`, day); // "والخميس"
    }
  });
  for (const word of weekdays.keys()) spelled.add(word);
  // What PDF text extraction makes of the same names ("ذو احلجة", "متوز", "رمضضان"), after every real spelling.
  for (const [system, table] of tables) {
    table.forEach((spellings, index) => {
      for (const words of spellings) {
        words.forEach((word, w) => {
          for (const damaged of pdfSpellings(word)) {
            const variant = words.map((x, k) => (k === w ? damaged : x));
            if (!spelled.has(variant.join(' ')) && !weekdays.has(damaged)) add(variant, system, index + 1);
          }
        });
      }
    });
  }
  WEEKDAYS.forEach((spellings, day) => {
    for (const s of spellings) {
      for (const damaged of pdfSpellings(foldArabicText(s))) if (!spelled.has(damaged) && !months.has(damaged)) weekdays.set(damaged, day);
    }
  });
  for (const list of months.values()) list.sort((a, b) => b.words.length - a.words.length);
  lexicon = { months, weekdays, honorifics: new Set(HIJRI_HONORIFICS.map(foldArabicText)) };
  return lexicon;
}

/**
 * Letter pairs that Arabic PDF fonts draw as one ligature glyph, folded: text extraction writes the pair back in
 * reverse ("الخميس" → "اخلميس", "الأحد" → "األحد", "تموز" → "متوز", "دجنبر" → "دجنرب", "الاثنين" → "االثنني").
 */
const LIGATURE_PAIRS = ['لا', 'لم', 'لح', 'لج', 'لخ', 'تم', 'بر', 'ين'];

/**
 * The spellings PDF text extraction makes of a folded Arabic word: its ligature pairs written in reverse (any
 * of them, or all), or one letter doubled by the font ("رمضضان"; "أافريل" folds to "اافريل"). Arabic writes a
 * doubled consonant with a shadda, never twice, and none of these forms is a word of its own, so reading them
 * as the name cannot mistake another word for a date.
 *
 * @example
 * pdfSpellings('تموز').includes('متوز')
 * //=> true
 */
export function pdfSpellings(word: string): string[] {
  const first = word.charCodeAt(0);
  if (word.length < 3 || first < 0x0621 || first > 0x064a) return [];
  const out = new Set<string>();
  const pairs: number[] = [];
  for (let i = 0; i + 1 < word.length; i++) {
    if (LIGATURE_PAIRS.includes(word.slice(i, i + 2))) {
      pairs.push(i);
      i++; // pairs do not overlap
    }
  }
  for (let mask = 1; mask < 1 << pairs.length; mask++) {
    let s = word;
    pairs.forEach((at, k) => {
      if (mask & (1 << k)) s = s.slice(0, at) + s[at + 1] + s[at] + s.slice(at + 2);
    });
    out.add(s);
  }
  for (let i = 0; i < word.length; i++) if (word[i] !== word[i + 1]) out.add(word.slice(0, i + 1) + word.slice(i));
  out.delete(word);
  return [...out];
}

/** Folded era markers read after a year. */
export const HIJRI_ERA = new Set(['ه', 'هجري', 'هجريه', 'هج', 'للهجره']);
export const CE_ERA = new Set(['م', 'ميلادي', 'ميلاديه', 'مـ', 'للميلاد']);

/** Folded meridiem words read after a clock time. */
export const MERIDIEM: ReadonlyMap<string, 'am' | 'pm' | 'noon' | 'night'> = new Map([
  ['ص', 'am'],
  ['صباحا', 'am'],
  ['صباح', 'am'],
  ['صباحاً', 'am'],
  ['فجرا', 'am'],
  ['الفجر', 'am'],
  ['am', 'am'],
  ['م', 'pm'],
  ['مساء', 'pm'],
  ['مساءا', 'pm'],
  ['مساءً', 'pm'],
  ['عصرا', 'pm'],
  ['العصر', 'pm'],
  ['المساء', 'pm'],
  ['pm', 'pm'],
  ['ظهرا', 'noon'],
  ['الظهر', 'noon'],
  ['ليلا', 'night'],
  ['الليل', 'night'],
] as const);

/** Words after a month name meaning the next / the previous such month. */
export const NEXT_WORDS = new Set(['المقبل', 'القادم', 'المقبله', 'القادمه']);
export const PREVIOUS_WORDS = new Set(['الماضي', 'المنصرم', 'الفايت', 'السابق', 'الماضيه']);

/** Words that may sit between a month name and its year ("مايو من عام 2024"). */
export const YEAR_LEAD_WORDS = new Set(['سنه', 'عام', 'لعام', 'لسنه', 'من', 'العام', 'السنه']);
