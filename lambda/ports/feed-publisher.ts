// The FeedPublisher port: where rendered feed documents go (a folder locally, S3 in the cloud).

export interface FeedDocument {
  /** Path relative to the site root, e.g. "feeds/all.rss", "feeds/all/archive/3.atom", "index.html". */
  path: string;
  body: Uint8Array;
  /** Full Content-Type, e.g. "application/rss+xml; charset=utf-8". */
  contentType: string;
  /** e.g. "public, max-age=300". */
  cacheControl: string;
  /** sha256 of body, hex. Used as the strong ETag and to skip unchanged writes. */
  hash: string;
  /** ISO instant of the newest item (the Last-Modified), when the document has items. */
  lastModified?: string;
}

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
