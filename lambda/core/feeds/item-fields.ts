// Per-item values every format shares: ids, resolved URLs, image MIME types, instants. Pure.
import { createHash } from 'node:crypto';
import type { Article, ArticleImage } from '../articles/article.ts';

const ABSOLUTE_URI = /^[a-z][a-z0-9+.-]*:[^\s]+$/i;
const HTTP_URL = /^https?:\/\/[^\s]+$/i;

/** True for an absolute http(s) URL. */
export function isHttpUrl(value: string): boolean {
  return HTTP_URL.test(value);
}

/**
 * The Atom id of an article: the id itself when it is an absolute URI, else a name-based
 * `urn:uuid:` (UUID v5-style over the id), stable across renders and `feed` versions.
 *
 * @example
 * atomIdOf('aljazeera-2024-0001') //=> 'urn:uuid:…' (always the same for this id)
 */
export function atomIdOf(id: string): string {
  if (ABSOLUTE_URI.test(id)) return id;
  const h = createHash('sha1').update(`nashra:article:${id}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Resolves an article URL against the site base URL; returns it unchanged when it cannot be parsed. */
export function resolveUrl(url: string, baseUrl: string): string {
  try {
    return new URL(url, baseUrl).href;
  } catch {
    return url;
  }
}

const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
};

/** MIME type of an image: the one given, else from the URL's extension, else "application/octet-stream". */
export function imageTypeOf(image: ArticleImage): string {
  if (image.type && /^[\w.+-]+\/[\w.+-]+$/.test(image.type)) return image.type.toLowerCase();
  const ext = /\.([a-z0-9]+)(?:$|[?#])/i.exec(image.url)?.[1]?.toLowerCase();
  return (ext && IMAGE_TYPES[ext]) || 'application/octet-stream';
}

/** RFC 3339 (UTC, milliseconds) form of an ISO instant. */
// Native, not date-fns formatRFC3339(new TZDate(ms, 'UTC'), { fractionDigits: 3 }): same text, but 26× slower per item (2.4 µs vs 64 µs, 2026-12-05, loaded 2-core host).
export function rfc3339Of(instant: string): string {
  return new Date(instant).toISOString();
}

/** RFC 822 form (RFC 1123 profile, "GMT") of an ISO instant, as RSS pubDate wants. */
// Native, not date-fns formatRFC7231(new TZDate(ms, 'UTC')): same text, but 20× slower per item (2.6 µs vs 50 µs, 2026-12-05, same run).
export function rfc822Of(instant: string): string {
  return new Date(instant).toUTCString();
}

/** Atom `updated` of an article: its real update time, else its publication time. */
export function updatedInstantOf(article: Article): string {
  return article.updated?.instant ?? article.published.instant;
}
