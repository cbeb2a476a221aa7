// A FeedPublisher decorator that remembers which documents were really written (hash changed), for metrics and WebSub pings.
import type { FeedDocument, FeedPublisher, PublishResult } from '../ports/feed-publisher.ts';

export interface RecordingPublisher extends FeedPublisher {
  /** Paths written (not skipped as unchanged) since the last `take()`. */
  take(): { written: string[]; removed: string[] };
}

/**
 * Wraps a publisher; `take()` returns and clears what it wrote and removed.
 *
 * @example
 * const publisher = recordingPublisher(new S3FeedPublisher({ client, bucket }));
 * await site.renderFeeds(['all']);
 * publisher.take().written //=> ['feeds/all.rss', 'feeds/all.atom', 'feeds/all.json', 'index.html']
 */
export function recordingPublisher(inner: FeedPublisher): RecordingPublisher {
  let written: string[] = [];
  let removed: string[] = [];
  return {
    async publish(doc: FeedDocument): Promise<PublishResult> {
      const result = await inner.publish(doc);
      if (result.written) written.push(result.path);
      return result;
    },
    async remove(path: string): Promise<void> {
      await inner.remove(path);
      removed.push(path);
    },
    take() {
      const out = { written, removed };
      written = [];
      removed = [];
      return out;
    },
  };
}
