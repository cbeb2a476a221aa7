// Undoes the character damage of text copied out of Arabic PDF editions (replacement characters, ligature glyphs read as Latin-1). Core: imports nothing.

/** Initial-form presentation letters (U+FE8B … U+FEF3): where they sit in a word tells the line's character order. */
const INITIAL_FORMS = new Set([
  0xfe8b, 0xfe91, 0xfe97, 0xfe9b, 0xfe9f, 0xfea3, 0xfea7, 0xfeb3, 0xfeb7, 0xfebb, 0xfebf, 0xfec3, 0xfec7, 0xfecb, 0xfecf, 0xfed3, 0xfed7,
  0xfedb, 0xfedf, 0xfee3, 0xfee7, 0xfeeb, 0xfef3,
]);

/** The characters repairPdfText acts on: a quick test, so clean text is returned untouched. */
export const PDF_DAMAGE =
  /[\uFFFD\u25CA\u0178\uFE8B\uFE91\uFE97\uFE9B\uFE9F\uFEA3\uFEA7\uFEB3\uFEB7\uFEBB\uFEBF\uFEC3\uFEC7\uFECB\uFECF\uFED3\uFED7\uFEDB\uFEDF\uFEE3\uFEE7\uFEEB\uFEF3]/;

/** Arabic letters, plain or as presentation forms (which NFKC folds later). */
const isArabicLetter = (c: number): boolean => (c >= 0x0621 && c <= 0x064a) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefc);
/** What an initial-form letter joins in logical order: a letter, a mark on it, or a tatweel. */
const joinsAfter = (c: number): boolean => isArabicLetter(c) || (c >= 0x064b && c <= 0x065f) || c === 0x0640;

/**
 * Ligature glyphs that some Arabic newspaper fonts put at code points of a Latin-1 or Mac encoding, so text
 * extraction writes a symbol where the two letters were: "اŸوافق" is "الموافق", "ذو ا◊جة" is "ذو الحجة".
 * Read only between two Arabic letters, where the symbol cannot be meant as itself.
 */
const LIGATURE_GLYPHS: ReadonlyMap<number, string> = new Map([
  [0x0178, 'لم'], // Ÿ
  [0x25ca, 'لح'], // ◊
]);

/**
 * Repairs what PDF text extraction does to Arabic lines: a replacement character (U+FFFD), or a run of
 * them, inside or at the head of a word is dropped ("ال�سبت" → "السبت", "�شباط" → "شباط"), and ligature glyphs written as "Ÿ" or "◊"
 * between Arabic letters become their two letters. A replacement character beside a digit or a space is
 * kept: it may stand for a lost digit, and dropping it could join two numbers. A line extracted in visual order
 * ("2021 سرﺎﻣ ، 29 دﺪﻌﻟا", told by where its initial-form letters stand) is put back in logical order
 * ("العدد 29 ، مارس 2021"), its numbers and Latin words kept as written.
 *
 * @example
 * repairPdfText('الأحد 24من �شباط 2019')
 * //=> 'الأحد 24من شباط 2019'
 */
export function repairPdfText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (code === 0xfffd) {
      let end = i + 1;
      while (text.charCodeAt(end) === 0xfffd) end++;
      if (isArabicLetter(text.charCodeAt(end))) {
        i = end - 1; // a run ("األح��د") goes with it
        continue;
      }
    }
    const glyph = LIGATURE_GLYPHS.get(code);
    if (glyph !== undefined && isArabicLetter(text.charCodeAt(i - 1)) && isArabicLetter(next)) {
      out += glyph;
      continue;
    }
    out += text[i];
  }
  return isVisualOrder(out) ? logicalOrder(out) : out;
}

/**
 * True when the text was extracted in visual order (left to right as printed, so every Arabic word is reversed):
 * an initial-form letter stands at the end of its word ("سرﺎﻣ" is "مارس" backwards) more often than at the start.
 */
function isVisualOrder(text: string): boolean {
  let votes = 0;
  for (let i = 0; i < text.length; i++) {
    if (!INITIAL_FORMS.has(text.charCodeAt(i))) continue;
    const joinsNext = joinsAfter(text.charCodeAt(i + 1));
    const joinsPrevious = i > 0 && isArabicLetter(text.charCodeAt(i - 1));
    if (joinsNext && !joinsPrevious) votes--;
    else if (!joinsNext && joinsPrevious) votes++;
  }
  return votes > 0;
}

/** Runs that read left to right inside a right-to-left line: numbers (with their / . : - signs) and Latin words. */
const LEFT_TO_RIGHT_RUN =
  /[0-9A-Za-z\u0660-\u0669\u06F0-\u06F9](?:[0-9A-Za-z\u0660-\u0669\u06F0-\u06F9/.:-]*[0-9A-Za-z\u0660-\u0669\u06F0-\u06F9])?/g;
const MIRRORED: Readonly<Record<string, string>> = { '(': ')', ')': '(', '[': ']', ']': '[', '«': '»', '»': '«' };

/** A visual-order line back in logical order: the whole line reversed, then each left-to-right run turned back. */
function logicalOrder(text: string): string {
  const reversed = Array.from(text)
    .reverse()
    .map((c) => MIRRORED[c] ?? c)
    .join('');
  return reversed.replace(LEFT_TO_RIGHT_RUN, (run) => Array.from(run).reverse().join(''));
}
