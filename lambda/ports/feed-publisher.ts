// The FeedPublisher port: where rendered feed documents go (a folder locally, S3 in the cloud).
import type { FeedDocument } from '../core/feeds/feed-document.ts';

export interface PublishResult {
  path: string;
  /** False when the stored document already had this hash (nothing written). */
  written: boolean;
}

export interface FeedPublisher {
  /** Writes the document unless one with the same hash is already there. */
  publish(doc: FeedDocument): Promise<PublishResult>;
  /** Removes a document (e.g. a feed whose last article was deleted). */
  remove(path: string): Promise<void>;
}

/** Where published documents can be read back (body and headers), e.g. by a local static server. Optional for publishers. */
export interface FeedDocumentSource {
  /** The document last published at `path`, or undefined. */
  get(path: string): Promise<FeedDocument | undefined>;
}

/** Domain errors publishers raise instead of their technology's own. */
export class PublishError extends Error {
  constructor(
    message: string,
    readonly code: 'INVALID_PATH' | 'UNAVAILABLE',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PublishError';
  }
}

/**
 * Checks a document path: relative, "/"-separated, no "." or ".." segments, no backslash or control characters.
 * Returns it unchanged, or throws `PublishError('INVALID_PATH')`.
 *
 * @example
 * checkDocumentPath('feeds/all.rss') //=> 'feeds/all.rss'
 * checkDocumentPath('../etc/passwd') // throws PublishError INVALID_PATH
 */
export function checkDocumentPath(path: string): string {
  const bad =
    typeof path !== 'string' ||
    path.length === 0 ||
    path.length > 1024 ||
    path.startsWith('/') ||
    /[\\\u0000-\u001f\u007f]/.test(path) ||
    path.split('/').some((seg) => seg === '' || seg === '.' || seg === '..');
  if (bad) throw new PublishError(`invalid document path: ${JSON.stringify(path)}`, 'INVALID_PATH');
  return path;
}
