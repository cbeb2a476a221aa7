// Code-point string order, the order every store and feed uses (UTF-8 byte order, as DynamoDB sorts). Pure.

/**
 * Compares strings by Unicode code point (the same order as UTF-8 bytes, which is DynamoDB's order),
 * so every store sorts ids identically. JavaScript's `<` compares UTF-16 units and differs above U+D7FF.
 *
 * @example
 * compareCodePoints('a', 'b') //=> -1
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}
