// Test assertion shared by the site tests: two published sites hold the same paths with the same bytes (imports vitest: tests only, not benches).
import { expect } from 'vitest';
import type { FeedDocument } from '../../../lambda/core/feeds/feed-document.ts';
import { bytesByPath } from './site-test-doubles.ts';

/**
 * Asserts two published sites hold the same paths with the same bytes; on a difference, shows the first differing
 * document as text (readable), not the whole site.
 *
 * @example
 * expectSameSite(streamed.files, (await renderAllInto(store, config, clock)).files, 'rebuildAll vs renderAll:');
 */
export function expectSameSite(actual: ReadonlyMap<string, FeedDocument>, expected: ReadonlyMap<string, FeedDocument>, label = ''): void {
  const a = bytesByPath(actual);
  const e = bytesByPath(expected);
  expect([...a.keys()], `${label} paths`).toEqual([...e.keys()]);
  for (const [path, hex] of e) {
    if (a.get(path) !== hex) {
      const text = (m: ReadonlyMap<string, FeedDocument>) => new TextDecoder().decode(m.get(path)!.body);
      expect(text(actual), `${label} ${path}`).toBe(text(expected));
    }
  }
}
