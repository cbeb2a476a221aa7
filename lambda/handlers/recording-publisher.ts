// A FeedPublisher decorator that records what was really written or removed (for metrics and WebSub pings) and never deletes what is not there.
import type { FeedDocumentSource, FeedPublisher, PublishResult } from '../ports/feed-publisher.ts';
import type { FeedDocument } from '../core/feeds/feed-document.ts';

export interface RecordingPublisher extends FeedPublisher, Partial<FeedDocumentSource> {
  /** Paths written (not skipped as unchanged) and removed since the last `take()`; clears them. */
  take(): { written: string[]; removed: string[] };
}

/**
 * Wraps a publisher. When the inner publisher can read documents back (`get`), the wrapper passes that on (the site
 * service uses it to find pages an earlier process published) and removes only documents that exist: a delete of a
 * missing key on a versioned bucket would still write a delete marker, so a replayed batch would not be write-free.
 *
 * @example
 * const publisher = recordingPublisher(createS3FeedPublisher(config));
 * await site.renderFeeds(['all']);
 * publisher.take() //=> { written: ['feeds/all.rss', 'feeds/all.atom', 'feeds/all.json', 'index.html'], removed: [] }
 */
export function recordingPublisher(inner: FeedPublisher & Partial<FeedDocumentSource>): RecordingPublisher {
  let written: string[] = [];
  let removed: string[] = [];
  const get = inner.get?.bind(inner);
  return {
    async publish(doc: FeedDocument): Promise<PublishResult> {
      const result = await inner.publish(doc);
      if (result.written) written.push(result.path);
      return result;
    },
    async remove(path: string): Promise<void> {
      if (get && (await get(path)) === undefined) return;
      await inner.remove(path);
      removed.push(path);
    },
    ...(get ? { get } : {}),
    take() {
      const out = { written, removed };
      written = [];
      removed = [];
      return out;
    },
  };
}
