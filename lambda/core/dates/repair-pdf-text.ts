// Undoes the character damage of text copied out of Arabic PDF editions (replacement characters, ligature glyphs read as Latin-1). Core: imports nothing.

/** The characters repairPdfText acts on: a quick test, so clean text is returned untouched. */
export const PDF_DAMAGE = /[\uFFFD\u25CA\u0178]/;

/** Arabic letters, plain or as presentation forms (which NFKC folds later). */
const isArabicLetter = (c: number): boolean => (c >= 0x0621 && c <= 0x064a) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefc);

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
 * Repairs what PDF text extraction does to Arabic words: a replacement character (U+FFFD), or a run of
 * them, inside or at the head of a word is dropped ("ال�سبت" → "السبت", "�شباط" → "شباط"), and ligature glyphs written as "Ÿ" or "◊"
 * between Arabic letters become their two letters. A replacement character beside a digit or a space is
 * kept: it may stand for a lost digit, and dropping it could join two numbers.
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
  return out;
}
