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
  /** Word classes the grammar looks up once per word (bit set, see parse-arabic-date.ts); 0 until classified. */
  flags: number;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x0621 && c <= 0x064a);

/** Tokens are made by one constructor, so every token has one hidden class (monomorphic grammar code). */
class Token implements DateToken {
  used = false;
  flags = 0;
  constructor(
    readonly kind: DateToken['kind'],
    readonly text: string,
    readonly value: number,
    readonly start: number,
    readonly end: number,
  ) {}
}

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
    if (isDigit(c)) {
      // The value is accumulated while scanning (exact up to 15 digits); longer runs go through Number().
      let value = 0;
      let d = c;
      do {
        value = value * 10 + (d - 48);
        i++;
        if (i >= n) break;
        d = folded.charCodeAt(i);
      } while (isDigit(d));
      const text = folded.slice(start, i);
      tokens.push(new Token('num', text, i - start <= 15 ? value : Number(text), start, i));
    } else if (isLetter(c)) {
      i++;
      while (i < n && isLetter(folded.charCodeAt(i))) i++;
      tokens.push(new Token('word', folded.slice(start, i), Number.NaN, start, i));
    } else {
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
      tokens.push(new Token('sym', folded.slice(start, i), Number.NaN, start, i));
    }
  }
  return tokens;
}
