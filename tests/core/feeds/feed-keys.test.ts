// Feed names stay valid file names: long keys are cut on a character boundary with a hash suffix.
import { describe, expect, it } from 'vitest';
import { feedKeysOf, feedNameOf, MAX_FEED_NAME_BYTES } from '../../../lambda/core/feeds/feed-keys.ts';

const bytes = (s: string) => new TextEncoder().encode(s).length;
const wellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe('feedNameOf', () => {
  it('keeps short names as key with ":" → "-"', () => {
    expect(feedNameOf('all')).toBe('all');
    expect(feedNameOf('category:سياسة')).toBe('category-سياسة');
  });

  it('bounds long names in UTF-8 bytes, keeps them distinct and stable', () => {
    const long = (c: string) => `category:${'تصنيف-طويل-جدا-'.repeat(30)}${c}`;
    const a = feedNameOf(long('أ'));
    const b = feedNameOf(long('ب'));
    expect(bytes(a)).toBeLessThanOrEqual(MAX_FEED_NAME_BYTES);
    expect(a).not.toBe(b);
    expect(feedNameOf(long('أ'))).toBe(a);
    expect(a).toMatch(/^category-تصنيف-.*-[0-9a-f]{10}$/);
    expect(wellFormed(a)).toBe(true);
  });

  it('feed keys of an article with a very long category give a usable name', () => {
    const [, key] = feedKeysOf({ categories: ['ع'.repeat(150) + '𝒜'.repeat(60)], authors: [] });
    expect(bytes(feedNameOf(key!))).toBeLessThanOrEqual(MAX_FEED_NAME_BYTES);
    expect(wellFormed(feedNameOf(key!))).toBe(true);
  });
});
