// createTestDocument: a fresh FeedDocument per call with a correct sha256, for the publisher tests.
import { createHash } from 'node:crypto';
import type { FeedDocument } from '../../lambda/core/feeds/feed-document.ts';

/**
 * A feed document for `path` with `text` as its UTF-8 body and a matching hash.
 *
 * @example
 * createTestDocument('feeds/all.rss', '<rss/>').hash.length //=> 64
 */
export function createTestDocument(path: string, text: string, overrides: Partial<FeedDocument> = {}): FeedDocument {
  const body = new TextEncoder().encode(text);
  return {
    path,
    body,
    contentType: 'application/rss+xml; charset=utf-8',
    cacheControl: 'public, max-age=300',
    hash: createHash('sha256').update(body).digest('hex'),
    lastModified: '2024-05-01T08:00:00.000Z',
    ...overrides,
  };
}
