// A loop-based copy of a parsed JSON value: XML-illegal characters stripped from strings, prototype keys dropped, depth bounded. Pure.
// Written by hand (a few lines) because it must do all three in one pass without recursion: a deep input must not exhaust the stack.
import { articleWarning, joinPath, type ArticleWarning } from './article-error.ts';
import { stripControlCharacters } from './strip-control-characters.ts';

/** Keys that change an object's prototype or shadow its constructor when copied; never carried into an article. */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export type CopyArticleJsonResult =
  | { ok: true; value: unknown; warnings: ArticleWarning[] }
  /** `path` is the first container found deeper than `maxDepth`. */
  | { ok: false; path: string; maxDepth: number };

interface Frame {
  source: unknown;
  target: unknown[] | Record<string, unknown>;
  path: string;
  depth: number;
}

/**
 * Copies `value` (from `JSON.parse`) with a work list instead of recursion. Strings lose the characters XML cannot carry
 * (one warning per string); `__proto__`, `constructor` and `prototype` keys are dropped (one UNKNOWN_FIELD warning
 * each); an object or array nested deeper than `maxDepth` (the value itself is level 1) fails the whole copy.
 *
 * @example
 * copyArticleJson(JSON.parse('{"title":"a\\u0000b","__proto__":{"x":1}}'), '$', 64)
 * //=> { ok: true, value: { title: 'ab' }, warnings: [{ code: 'CONTROL_CHARACTERS_STRIPPED', … }, { code: 'UNKNOWN_FIELD', path: '$.__proto__', … }] }
 * copyArticleJson(JSON.parse('[[[1]]]'), '$', 2) //=> { ok: false, path: '$[0][0]', maxDepth: 2 }
 */
export function copyArticleJson(value: unknown, path: string, maxDepth: number): CopyArticleJsonResult {
  const warnings: ArticleWarning[] = [];
  const leaf = (v: unknown, at: () => string): unknown => {
    if (typeof v !== 'string') return v;
    const s = stripControlCharacters(v);
    if (s.removed > 0)
      warnings.push(
        articleWarning(
          at(),
          'CONTROL_CHARACTERS_STRIPPED',
          `removed ${s.removed} control character${s.removed === 1 ? '' : 's'} that XML cannot carry`,
        ),
      );
    return s.text;
  };
  const isContainer = (v: unknown): v is object => typeof v === 'object' && v !== null;
  if (!isContainer(value)) return { ok: true, value: leaf(value, () => path), warnings };
  if (maxDepth < 1) return { ok: false, path, maxDepth };

  const root: unknown[] | Record<string, unknown> = Array.isArray(value) ? [] : {};
  // A queue (read from `next`), so warnings come level by level in document order, as a reader of the input expects.
  const work: Frame[] = [{ source: value, target: root, path, depth: 1 }];
  for (let next = 0; next < work.length; next++) {
    const frame = work[next] as Frame;
    const entries: Array<[string | number, unknown]> = Array.isArray(frame.source)
      ? frame.source.map((v, i): [number, unknown] => [i, v])
      : Object.entries(frame.source as Record<string, unknown>);
    for (const [key, child] of entries) {
      if (typeof key === 'string' && PROTOTYPE_KEYS.has(key)) {
        warnings.push(
          articleWarning(joinPath(frame.path, [key]), 'UNKNOWN_FIELD', `"${key}" is not an article field and was dropped`, key),
        );
        continue;
      }
      let copy: unknown;
      if (isContainer(child)) {
        const childPath = joinPath(frame.path, [key]);
        if (frame.depth + 1 > maxDepth) return { ok: false, path: childPath, maxDepth };
        copy = Array.isArray(child) ? [] : {};
        work.push({ source: child, target: copy as Frame['target'], path: childPath, depth: frame.depth + 1 });
      } else {
        copy = leaf(child, () => joinPath(frame.path, [key]));
      }
      if (Array.isArray(frame.target)) frame.target.push(copy);
      else frame.target[key] = copy;
    }
  }
  return { ok: true, value: root, warnings };
}
