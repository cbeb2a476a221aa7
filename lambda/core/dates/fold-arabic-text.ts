// Folds Arabic text to one comparable form (digits, letter variants, marks, spaces). Core: imports nothing.

/** Characters removed outright: harakat, superscript alef, tatweel, bidi and zero-width marks, BOM. */
const REMOVED = /[\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200B-\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF]/g;
/** Space-like characters and quoting punctuation folded to one ASCII space. */
const SPACES = /[\s\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000«»‹›"“”„‟'‘’`]+/g;
/** Letter variants folded to one form so tables match every spelling. */
const LETTERS: Record<string, string> = {
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ٲ': 'ا', 'ٳ': 'ا',
  'ة': 'ه', 'ۃ': 'ه', 'ى': 'ي', 'ی': 'ي', 'ې': 'ي', 'ۍ': 'ي', 'ئ': 'ي',
  'ک': 'ك', 'ڪ': 'ك', 'ؤ': 'و', 'ہ': 'ه', 'ھ': 'ه',
  '٫': '.', '٬': ',', '،': ',', '؛': ';', '؟': '?', '٪': '%', '−': '-', '–': '-', '—': '-', '／': '/', '：': ':',
};
const LETTER_RE = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g');
/** Arabic-Indic (U+0660–0669) and Persian (U+06F0–06F9) digits. */
const DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;
/** A letter glued to a digit on either side ("21يوليو", "تشرين2"). */
const GLUED_LETTER_DIGIT = /([\u0621-\u064Aa-z])(?=\d)|(\d)(?=[\u0621-\u064Aa-z])/g;

/**
 * Folds a date string so that every spelling of one word compares equal: ASCII digits,
 * bare alef, ه for ة, ي for ى and Persian yeh, ك for Persian kaf, no harakat/tatweel/bidi
 * marks, one space for any run of spaces and quotes, lower-case Latin, and a space between
 * letters and digits written together.
 *
 * @example
 * foldArabicText('‏الإثنين ٢٩ أبريل ٢٠٢٤')
 * //=> 'الاثنين 29 ابريل 2024'
 */
export function foldArabicText(text: string): string {
  let s = text.normalize('NFKC');
  s = s.replace(REMOVED, '');
  s = s.replace(DIGITS, (d) => {
    const c = d.charCodeAt(0);
    return String(c >= 0x06f0 ? c - 0x06f0 : c - 0x0660);
  });
  s = s.replace(LETTER_RE, (ch) => LETTERS[ch] ?? ch);
  s = s.toLowerCase();
  s = s.replace(GLUED_LETTER_DIGIT, (_m, letter: string | undefined, digit: string | undefined) =>
    letter !== undefined ? `${letter} ` : `${digit} `,
  );
  s = s.replace(SPACES, ' ').trim();
  return s;
}
