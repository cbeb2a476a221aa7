// Folds Arabic text to one comparable form (digits, letter variants, marks, spaces). Core: imports nothing.

/** Text that NFKC would change (presentation forms, ligatures, full-width, compatibility characters). */
const NEEDS_NFKC = /[^\u0000-\u00a0\u0600-\u06ff\u200b-\u200f\u2010-\u2027\u202a-\u202f\u2066-\u2069]/;

/** Per code unit: '' removes it, ' ' is a space, any other string replaces it; absent keeps it. */
const MAP = new Map<number, string>();
const set = (chars: string, to: string): void => {
  for (const ch of chars) MAP.set(ch.charCodeAt(0), to);
};
const range = (from: number, to: number, value: string): void => {
  for (let c = from; c <= to; c++) MAP.set(c, value);
};
// Harakat, superscript alef, Quranic marks, tatweel, bidi and zero-width marks, BOM: removed.
range(0x064b, 0x065f, '');
range(0x06d6, 0x06ed, '');
range(0x200b, 0x200f, '');
range(0x202a, 0x202e, '');
range(0x2066, 0x2069, '');
set('\u0670\u0640\u061c\ufeff', '');
// Spaces, and quotes that only wrap a date: one space.
set('\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000«»‹›"“”„‟\'‘’`', ' ');
range(0x2000, 0x200a, ' ');
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
  MAP.set(0x0660 + d, String(d));
  MAP.set(0x06f0 + d, String(d));
}
for (let c = 0x41; c <= 0x5a; c++) MAP.set(c, String.fromCharCode(c + 32));

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x0621 && c <= 0x064a);

/**
 * Folds a date string so that every spelling of one word compares equal: ASCII digits,
 * bare alef, ه for ة, ي for ى and Persian yeh, ك for Persian kaf, no harakat/tatweel/bidi
 * marks, one space for any run of spaces and quotes, lower-case Latin, and a space between
 * letters and digits written together. One pass; NFKC only when the text needs it.
 *
 * @example
 * foldArabicText('‏الإثنين ٢٩ أبريل ٢٠٢٤')
 * //=> 'الاثنين 29 ابريل 2024'
 */
export function foldArabicText(text: string): string {
  const s = NEEDS_NFKC.test(text) ? text.normalize('NFKC') : text;
  let out = '';
  let pendingSpace = false;
  let last = 0; // last emitted code unit (0 = none)
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    const mapped = MAP.get(code);
    const piece = mapped === undefined ? s[i]! : mapped;
    if (piece === '') continue;
    if (piece === ' ') {
      pendingSpace = last !== 0;
      continue;
    }
    const c = piece.charCodeAt(0);
    if (pendingSpace || (last !== 0 && ((isDigit(last) && isLetter(c)) || (isLetter(last) && isDigit(c))))) out += ' ';
    pendingSpace = false;
    out += piece;
    last = c;
  }
  return out;
}
