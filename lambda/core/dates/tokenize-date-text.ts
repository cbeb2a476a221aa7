// Splits folded date text into number, word and symbol tokens with their offsets. Core: imports nothing.

/** One token of folded text; `used` is set once a grammar rule has consumed it. */
export interface DateToken {
  kind: 'num' | 'word' | 'sym';
  text: string;
  /** Numeric value of a `num` token (NaN otherwise). */
  value: number;
  start: number;
  end: number;
  used: boolean;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x0621 && c <= 0x064a);

/**
 * Tokens of already-folded text: runs of digits, runs of letters, and single other characters.
 *
 * @example
 * tokenizeDateText('29 ابريل 2024').map((t) => t.text)
 * //=> ['29', 'ابريل', '2024']
 */
export function tokenizeDateText(folded: string): DateToken[] {
  const tokens: DateToken[] = [];
  const n = folded.length;
  let i = 0;
  while (i < n) {
    const c = folded.charCodeAt(i);
    if (c === 32) {
      i++;
      continue;
    }
    const start = i;
    let kind: DateToken['kind'];
    if (isDigit(c)) {
      kind = 'num';
      while (i < n && isDigit(folded.charCodeAt(i))) i++;
    } else if (isLetter(c)) {
      kind = 'word';
      while (i < n && isLetter(folded.charCodeAt(i))) i++;
    } else {
      kind = 'sym';
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
    }
    const text = folded.slice(start, i);
    tokens.push({ kind, text, value: kind === 'num' ? Number(text) : Number.NaN, start, end: i, used: false });
  }
  return tokens;
}
