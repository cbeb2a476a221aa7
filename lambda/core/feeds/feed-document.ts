// FeedDocument: one rendered file of the site (a feed page, the index, a stylesheet) with the headers it is served with.

/** A rendered document: its site path, bytes and the HTTP headers it is served with. */
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
