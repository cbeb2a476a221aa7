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
  for (const [system, table] of MONTH_TABLES) {
    table.forEach((spellings, index) => {
      for (const spelling of spellings) {
        const folded = foldArabicText(spelling);
        const key = `${system === 'hijri' ? 'h' : 'g'}:${folded}`;
        if (seen.has(key)) continue; // first system listing a shared spelling owns it
        seen.add(key);
        const words = folded.split(' ');
        const list = months.get(words[0] as string) ?? [];
        list.push({ words, system, month: index + 1 });
        months.set(words[0] as string, list);
      }
    });
  }
  for (const list of months.values()) list.sort((a, b) => b.words.length - a.words.length);
  const weekdays = new Map<string, number>();
  WEEKDAYS.forEach((spellings, day) => {
    for (const s of spellings) {
      const folded = foldArabicText(s);
      weekdays.set(folded, day);
      if (folded.startsWith('ال')) weekdays.set(`و${folded}`, day); // "والخميس"
    }
  });
  lexicon = { months, weekdays, honorifics: new Set(HIJRI_HONORIFICS.map(foldArabicText)) };
  return lexicon;
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
