// Folds Arabic text to one comparable form (digits, letter variants, marks, spaces). Core: imports nothing.

/** Per code unit: -1 removes it, -2 is a space, any other number replaces it; 0 keeps it. */
const MAP = new Int32Array(0x10000);
const set = (chars: string, to: string | number): void => {
  for (const ch of chars) MAP[ch.charCodeAt(0)] = typeof to === 'number' ? to : to.charCodeAt(0);
};
const range = (from: number, to: number, value: number): void => {
  MAP.fill(value, from, to + 1);
};
const REMOVE = -1;
const SPACE = -2;
// Harakat, superscript alef, Quranic marks, tatweel, bidi and zero-width marks, BOM: removed.
range(0x064b, 0x065f, REMOVE);
range(0x06d6, 0x06ed, REMOVE);
range(0x200b, 0x200f, REMOVE);
range(0x202a, 0x202e, REMOVE);
range(0x2066, 0x2069, REMOVE);
set('\u0670\u061c\ufeff', REMOVE);
// Tatweel (kashida) is removed too, but by the loop: a space between two justified halves of a word ("ديسمبـ ـر") goes with it.
const TATWEEL = 0x0640;
/** Letters that never join the next one: a tatweel after them is a dash ("القاهرة ـ"), not a stretched word. */
const NON_JOINING = new Set([...'اأإآدذرزوؤةى'].map((c) => c.charCodeAt(0)));
// Spaces, and quotes that only wrap a date: one space.
set('\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000«»‹›"“”„‟\'‘’`', SPACE);
range(0x2000, 0x200a, SPACE);
// Letter variants, so tables match every spelling.
set('أإآٱٲٳ', 'ا');
set('ةۃ', 'ه');
set('ىیېۍئ', 'ي');
set('کڪ', 'ك');
set('ؤ', 'و');
set('ہھ', 'ه');
set('٫', '.');
set('٬،', ',');
set('؛', ';');
set('؟', '?');
set('٪', '%');
set('−–—', '-');
// Arabic-Indic (U+0660–0669) and Persian (U+06F0–06F9) digits: ASCII.
for (let d = 0; d <= 9; d++) {
  MAP[0x0660 + d] = 48 + d;
  MAP[0x06f0 + d] = 48 + d;
}
for (let c = 0x41; c <= 0x5a; c++) MAP[c] = c + 32;
// Accented Latin letters of French month names (décembre, février, août): their bare lower-case letter.
set('àâäÀÂÄ', 'a');
set('çÇ', 'c');
set('éèêëÉÈÊË', 'e');
set('îïÎÏ', 'i');
set('ôöÔÖ', 'o');
set('ùûüÙÛÜ', 'u');

/** Per code unit of the folded text: what kind of character it is (one table read instead of range tests). */
const DIGIT = 1;
const LETTER = 2;
const LATIN = 4;
const KIND = new Uint8Array(0x10000);
KIND.fill(DIGIT, 48, 58);
KIND.fill(LETTER | LATIN, 0x61, 0x7b);
KIND.fill(LETTER, 0x0621, 0x064b);
const UNSTABLE = -3;
/**
 * MAP for text not yet NFKC-normalized: a code unit NFKC could change is UNSTABLE (the whole text is normalized
 * first). Stable are the ones NFKC never changes here: ASCII and Latin-1 up to NBSP, Arabic (U+0600–06FF), zero-width
 * and bidi marks and general punctuation (U+200B–2027, U+202A–202F, U+2066–2069).
 */
const RAW_MAP = MAP.slice();
RAW_MAP.fill(UNSTABLE, 0x00a1, 0x0600);
RAW_MAP.fill(UNSTABLE, 0x0700, 0x200b);
RAW_MAP.fill(UNSTABLE, 0x2028, 0x202a);
RAW_MAP.fill(UNSTABLE, 0x2030, 0x2066);
RAW_MAP.fill(UNSTABLE, 0x206a, 0x10000);
const NON_JOINING_CODES = new Uint8Array(0x10000);
for (const c of NON_JOINING) NON_JOINING_CODES[c] = 1;

/**
 * Folds a date string so that every spelling of one word compares equal: ASCII digits,
 * bare alef, ه for ة, ي for ى and Persian yeh, ك for Persian kaf, no harakat/tatweel/bidi
 * marks, one space for any run of spaces and quotes, lower-case Latin, and a space between
 * letters and digits (or Latin and Arabic letters) written together. A word broken by justification ("ديسمبـ ـر", "نوفمـ بر")
 * is joined again: a space touching a tatweel that is itself attached to a letter is dropped.
 * One pass; NFKC only when the text needs it.
 *
 * @example
 * foldArabicText('‏الإثنين ٢٩ أبريل ٢٠٢٤')
 * //=> 'الاثنين 29 ابريل 2024'
 */
export function foldArabicText(text: string): string {
  return foldCodeUnits(text, false) as string;
}

/**
 * foldArabicText for text whose every code unit NFKC leaves alone, else undefined (without the NFKC pass). The date
 * reader folds a line with it first: PDF damage (replacement characters, presentation forms, ligature glyphs) is never
 * such text, so a line folded here needs no repair check.
 *
 * @example
 * foldStableText('٢٩ أبريل') //=> '29 ابريل'
 * foldStableText('ﺃﺑﺮﻳﻞ') //=> undefined
 */
export function foldStableText(text: string): string | undefined {
  return foldCodeUnits(text, false, true);
}

/** Reused output buffer (a plain array: String.fromCharCode.apply reads it fastest). */
const codes: number[] = [];

/**
 * The fold's one pass. `normalized` says the text is already NFKC; otherwise a code unit NFKC could change starts
 * over on the normalized text, or, with `stableOnly`, returns undefined.
 */
function foldCodeUnits(s: string, normalized: boolean, stableOnly = false): string | undefined {
  const map = normalized ? MAP : RAW_MAP;
  let n = 0;
  let pendingSpace = false;
  let last = 0; // last emitted code unit (0 = none)
  let lastKind = 0; // KIND of `last`
  let tatweelAfterLetter = false; // the last thing seen was a tatweel attached to a letter ("ديسمبـ")
  let run = 0; // letters emitted since the last non-letter: "هـ" and "مـ" (one letter) are abbreviations, not broken words
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    const mapped = map[code] as number;
    if (mapped === UNSTABLE) return stableOnly ? undefined : foldCodeUnits(s.normalize('NFKC'), true); // presentation forms, ligatures…
    if (code === TATWEEL) {
      if (pendingSpace && run >= 2 && (KIND[MAP[s.charCodeAt(i + 1)] || s.charCodeAt(i + 1)] as number) & LETTER) pendingSpace = false; // "ديسمب ـر"
      tatweelAfterLetter = !pendingSpace && run >= 2 && NON_JOINING_CODES[s.charCodeAt(i - 1)] !== 1;
      continue;
    }
    if (mapped === REMOVE) continue;
    if (mapped === SPACE) {
      if (!tatweelAfterLetter) pendingSpace = last !== 0;
      continue;
    }
    tatweelAfterLetter = false;
    const c = mapped === 0 ? code : mapped;
    const kind = KIND[c] as number;
    if (
      pendingSpace ||
      (last !== 0 &&
        (((lastKind & DIGIT) !== 0 && (kind & LETTER) !== 0) ||
          ((lastKind & LETTER) !== 0 && (kind & DIGIT) !== 0) ||
          ((lastKind & LETTER) !== 0 && (kind & LETTER) !== 0 && (lastKind & LATIN) !== (kind & LATIN))))
    )
      codes[n++] = 32;
    pendingSpace = false;
    codes[n++] = c;
    run = (kind & LETTER) !== 0 ? (n >= 2 && ((KIND[codes[n - 2] as number] as number) & LETTER) !== 0 ? run + 1 : 1) : 0;
    last = c;
    lastKind = kind;
  }
  codes.length = n;
  if (n <= 4096) return String.fromCharCode.apply(null, codes);
  let out = '';
  for (let i = 0; i < n; i += 4096) out += String.fromCharCode.apply(null, codes.slice(i, i + 4096));
  return out;
}
