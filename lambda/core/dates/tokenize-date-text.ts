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

const TOKEN = /\d+|[a-z\u0621-\u064A]+|\S/g;

/**
 * Tokens of already-folded text.
 *
 * @example
 * tokenizeDateText('29 ابريل 2024').map((t) => t.text)
 * //=> ['29', 'ابريل', '2024']
 */
export function tokenizeDateText(folded: string): DateToken[] {
  const tokens: DateToken[] = [];
  for (const m of folded.matchAll(TOKEN)) {
    const text = m[0];
    const c = text.charCodeAt(0);
    const kind = c >= 48 && c <= 57 ? 'num' : text.length > 1 || /[a-z\u0621-\u064A]/.test(text) ? 'word' : 'sym';
    const start = m.index;
    tokens.push({ kind, text, value: kind === 'num' ? Number(text) : Number.NaN, start, end: start + text.length, used: false });
  }
  return tokens;
}
