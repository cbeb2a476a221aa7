// Removes characters XML 1.0 forbids (C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates). Pure.

// XML 1.0 Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
const XML_ILLEGAL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The cleaned text and how many characters were removed. */
export interface StripResult {
  text: string;
  removed: number;
}

/**
 * Strips XML-illegal characters so every feed format can carry the text.
 *
 * @example
 * stripControlCharacters('a\u0000b\u0007c') //=> { text: 'abc', removed: 2 }
 */
export function stripControlCharacters(text: string): StripResult {
  let removed = 0;
  const out = text.replace(XML_ILLEGAL, () => {
    removed++;
    return '';
  });
  return { text: out, removed };
}
